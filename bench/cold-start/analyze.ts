/**
 * What a bundle is made of: esbuild's metafile for one handler, built with the options of AMBER_BUNDLING
 * (lib/constructs/amber-function.ts), bytes per package in the minified output. bench:cold measures what
 * deploys; this tells where the bytes come from. Run with `npx tsx bench/cold-start/analyze.ts <entry>…`.
 */
import * as path from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { AMBER_BUNDLING, PROJECT_ROOT } from '../../lib/constructs/amber-function';

/** The esbuild options CDK derives from AMBER_BUNDLING (those that change the output's content). */
export function esbuildOptionsOf(entry: string): BuildOptions {
  const args = AMBER_BUNDLING.esbuildArgs ?? {};
  const aliases = [args['--alias'] ?? []].flat().map(String);
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [path.resolve(PROJECT_ROOT, entry)],
    bundle: true,
    write: false,
    outfile: path.join(PROJECT_ROOT, '.bench', 'analyze', 'index.mjs'),
    platform: 'node',
    format: 'esm',
    target: AMBER_BUNDLING.target ?? 'node24',
    mainFields: AMBER_BUNDLING.mainFields ?? ['module', 'main'],
    minify: AMBER_BUNDLING.minify ?? false,
    banner: AMBER_BUNDLING.banner ? { js: AMBER_BUNDLING.banner } : {},
    legalComments: 'none',
    alias: Object.fromEntries(aliases.map((a) => a.split('=') as [string, string])),
    metafile: true,
    logLevel: 'error',
  };
}

/** `node_modules/@smithy/core/…` → `@smithy/core`; project files → their folder below lambdas/. */
export function packageOf(input: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules?.[1]) return inModules[1];
  const own = /lambdas\/([^/]+)/.exec(input);
  return own ? `(project) lambdas/${own[1]}` : `(project) ${input}`;
}

export async function bytesByPackage(
  entry: string,
): Promise<{ total: number; packages: Map<string, number> }> {
  const result = await build(esbuildOptionsOf(entry));
  const meta = result.metafile as Metafile;
  const output = Object.values(meta.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`${entry}: no output`);
  const packages = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
  }
  return { total: output.bytes, packages };
}

async function main(entries: string[]): Promise<void> {
  for (const entry of entries) {
    const { total, packages } = await bytesByPackage(entry);
    console.log(`${entry}: ${(total / 1024).toFixed(1)} KB`);
    for (const [name, bytes] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${name}`);
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
