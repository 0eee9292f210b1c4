/**
 * The error a synchronous call throws, so that a test can assert on its fields (status code, field errors)
 * outside of any catch block. Fails the test when nothing is thrown.
 */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** The same for a promise: resolves to what it rejected with, fails the test when it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
