/**
 * Cold start report: bundles every function as the CDK app does, then loads each bundle in at least 20 fresh
 * Node processes (module top level only, no handler call) next to a hello-world bundle built the same way.
 * Run with `npm run bench:cold` (COLD_RUNS=n for more rounds).
 *
 * Init = a fresh process from spawn to exit, i.e. Node's start plus the module's top level, which is what
 * Lambda's Init Duration covers. The ratio divides the median init of a bundle by the hello-world's median
 * of the same run; rounds interleave all bundles in random order so that the machine's load hits each alike.
 * A second ratio divides by the bare-SDK floor (a bundle that only creates the DynamoDB client every function
 * creates): what a function's own code adds on top of the SDK it cannot do without.
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/constructs/amber-function';
import { BARE_SDK, type BuiltBundle, buildBundles, HELLO_WORLD } from './cold-start/build';
import { type InitSample, measureInit, median, shuffled } from './cold-start/measure';

const TARGET_KB = 300;
const TARGET_RATIO = 1.5;
const STRETCH_RATIO = 1.25;
/** Init ratio to the bare-SDK floor every function must meet. */
const FLOOR_TARGET_RATIO = 1.15;
const runs = Math.max(20, Number(process.env.COLD_RUNS ?? 21));

const buildStarted = performance.now();
const bundles = buildBundles(path.join(PROJECT_ROOT, '.bench', 'cold-start', 'cdk.out'));
const buildSeconds = (performance.now() - buildStarted) / 1000;
const baseline = bundles.find((b) => b.name === HELLO_WORLD);
if (!baseline) throw new Error('The hello-world baseline was not built');
const floor = bundles.find((b) => b.name === BARE_SDK);
if (!floor) throw new Error('The bare-SDK baseline was not built');
console.error(`Built ${bundles.length} bundles in ${buildSeconds.toFixed(1)} s; ${runs} rounds…`);

/** Other processes on the machine move the figures: a run compares only with one at a similar load. */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadBefore = load();
const samples = new Map<BuiltBundle, InitSample[]>(bundles.map((b) => [b, []]));
for (let round = 0; round < runs; round++) {
  for (const bundle of shuffled(bundles)) samples.get(bundle)?.push(measureInit(bundle));
}

const initOf = (b: BuiltBundle) => median((samples.get(b) ?? []).map((s) => s.processMs));
const importOf = (b: BuiltBundle) => median((samples.get(b) ?? []).map((s) => s.importMs));
const baselineInit = initOf(baseline);
const floorInit = initOf(floor);

const rows = bundles.map((bundle) => {
  const kb = statSync(path.join(bundle.dir, 'index.mjs')).size / 1024;
  const ratio = initOf(bundle) / baselineInit;
  const floorRatio = initOf(bundle) / floorInit;
  const verdict =
    bundle === baseline || bundle === floor
      ? 'baseline'
      : kb <= TARGET_KB && ratio <= STRETCH_RATIO
        ? 'ok (stretch)'
        : kb <= TARGET_KB && ratio <= TARGET_RATIO
          ? 'ok'
          : 'over target';
  return {
    function: bundle.name,
    'bundle KB': kb.toFixed(1),
    'init ms (median)': initOf(bundle).toFixed(1),
    'import ms (median)': importOf(bundle).toFixed(1),
    'init ratio': ratio.toFixed(2),
    'ratio to SDK floor': floorRatio.toFixed(2),
    verdict,
    'floor verdict':
      bundle === baseline || bundle === floor
        ? 'baseline'
        : floorRatio <= FLOOR_TARGET_RATIO
          ? 'ok'
          : 'over target',
  };
});

console.log(
  `Cold start: ${runs} fresh Node ${process.version} processes per bundle; targets: bundle <= ${TARGET_KB} KB, ` +
    `init ratio to hello-world <= ${TARGET_RATIO} (stretch ${STRETCH_RATIO}), to the bare-SDK floor ` +
    `(${BARE_SDK}) <= ${FLOOR_TARGET_RATIO}; load average ${loadBefore} ` +
    `before the rounds, ${load()} after`,
);
console.table(rows);
console.log('Markdown:');
const columns = Object.keys(rows[0] ?? {});
console.log(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${Object.values(row).join(' | ')} |`);
