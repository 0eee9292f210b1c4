import { type FuzzRun, runFuzz } from '../support/fuzz-harness';

/**
 * A small sample of the fuzz suite (bench/fuzz.ts, `npm run fuzz`, runs 10,000 per route): hostile requests
 * to every route of the local platform never get a 5xx, every 4xx has a JSON body with a message, and no
 * refused request changes stored data.
 */
jest.setTimeout(300_000);

const PER_ROUTE = Number(process.env.AMBER_FUZZ_PER_ROUTE ?? 40);

describe('fuzz sample: hostile requests to every route', () => {
  let run: FuzzRun;

  beforeAll(async () => {
    run = await runFuzz({ requestsPerRoute: PER_ROUTE, seed: Number(process.env.AMBER_FUZZ_SEED ?? 7) });
  });

  afterAll(async () => {
    await run?.close();
  });

  test('every route got its requests; no 5xx; every 4xx is JSON with a message; refused requests change nothing', () => {
    const failures = run.reports.map((r) => ({
      route: r.route,
      serverErrors: r.serverErrors.slice(0, 3),
      nonJsonErrors: r.nonJsonErrors.slice(0, 3),
      dataChanges: r.dataChanges.slice(0, 3),
    }));
    expect(
      failures.filter((f) => f.serverErrors.length + f.nonJsonErrors.length + f.dataChanges.length > 0),
    ).toEqual([]);
    for (const report of run.reports) expect(report.requests).toBeGreaterThanOrEqual(PER_ROUTE * 0.9);
  });

  test('the sample reaches the handlers: most routes answer 400 or 404 to some requests, not only 401', () => {
    const statuses = new Set(run.reports.flatMap((r) => Object.keys(r.byStatus).map(Number)));
    for (const status of [400, 401, 404, 413, 415]) expect(statuses).toContain(status);
  });
});
