import { API_ROUTES } from '../lib/api-routes';
import { runFuzz } from '../test/integration/support/fuzz-harness';

/**
 * `npm run fuzz`: 10,000 hostile requests per route (AMBER_FUZZ_PER_ROUTE to change it) against the local
 * platform. Prints one line per route and exits 1 on any 5xx, non-JSON 4xx or data change by a refused request.
 * AMBER_FUZZ_ROUTES (comma-separated parts of `METHOD path`, e.g. `/tips`) fuzzes only the routes matching one.
 */
async function main(): Promise<void> {
  const perRoute = Number(process.env.AMBER_FUZZ_PER_ROUTE ?? 10_000);
  const seed = Number(process.env.AMBER_FUZZ_SEED ?? Date.now() % 1_000_000);
  console.log(`fuzz: ${perRoute} requests per route, seed ${seed}`);
  console.log(
    'route'.padEnd(48),
    'sent'.padStart(7),
    '5xx'.padStart(5),
    'nonJSON4xx'.padStart(11),
    'dataChg'.padStart(8),
    'req/s'.padStart(7),
    ' statuses',
  );
  const only = process.env.AMBER_FUZZ_ROUTES?.split(',').filter(Boolean);
  const routes = only
    ? API_ROUTES.filter((r) => only.some((part) => `${r.method} ${r.path}`.includes(part)))
    : API_ROUTES;
  const run = await runFuzz({
    requestsPerRoute: perRoute,
    seed,
    routes,
    onRoute: (r, ms) => {
      const statuses = Object.entries(r.byStatus)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ');
      console.log(
        r.route.padEnd(48),
        String(r.requests).padStart(7),
        String(r.serverErrors.length).padStart(5),
        String(r.nonJsonErrors.length).padStart(11),
        String(r.dataChanges.length).padStart(8),
        String(Math.round((r.requests / ms) * 1000)).padStart(7),
        ` ${statuses}`,
      );
      for (const e of [...r.serverErrors, ...r.nonJsonErrors].slice(0, 3))
        console.log('   ', JSON.stringify(e));
      for (const e of r.dataChanges.slice(0, 3)) console.log('   ', JSON.stringify(e));
    },
  });
  await run.close();
  const total = run.reports.reduce((n, r) => n + r.requests, 0);
  const bad = run.reports.reduce(
    (n, r) => n + r.serverErrors.length + r.nonJsonErrors.length + r.dataChanges.length,
    0,
  );
  const minPerRoute = Math.min(...run.reports.map((r) => r.requests));
  console.log(`total ${total} requests, at least ${minPerRoute} per route, ${bad} findings`);
  process.exit(bad === 0 && minPerRoute >= perRoute ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
