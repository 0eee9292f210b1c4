/** The baseline of bench:cold: a handler with nothing to load, bundled like every other function. */
export const handler = async () => ({ statusCode: 200, body: 'hello' });
