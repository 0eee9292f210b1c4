import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minVersion, satisfies } from 'semver';

/** The Node.js version the project declares, the README states and every locked package must accept. */
const root = path.resolve(__dirname, '../../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/**
 * Locked packages that declare a later Node.js than the project, each with what makes it run on the
 * project's minimum. npm ci prints one EBADENGINE warning for each.
 */
const ABOVE_THE_MINIMUM: Readonly<Record<string, string>> = {
  // The registry has no release of it that declares Node 20; it calls one Node 22 function.
  'node_modules/aws-local-stepfunctions': 'local/polyfills.ts adds Promise.withResolvers',
};

const minimum = minVersion(packageJson.engines.node)?.version ?? '';

function declaredNode(entry: { engines?: { node?: string } | string[] }): string | undefined {
  return Array.isArray(entry.engines) ? undefined : entry.engines?.node;
}

describe('one Node.js version for the project, its README and its dependencies', () => {
  test('the README states the minimum package.json declares', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const stated = /Node\.js (\d+\.\d+)\+/.exec(readme)?.[1];
    expect(`${stated}.0`).toBe(minimum);
  });

  test('every locked package accepts that minimum, but for the listed ones', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => {
        const range = declaredNode(entry);
        return name !== '' && range !== undefined && !satisfies(minimum, range, { includePrerelease: true });
      })
      .map(([name]) => name);
    expect(refusing.sort()).toEqual(Object.keys(ABOVE_THE_MINIMUM).sort());
  });

  test('the polyfill that lets aws-local-stepfunctions run on the minimum is loaded by npm start and the tests', () => {
    const main = readFileSync(path.join(root, 'local/main.ts'), 'utf8');
    const jestConfig = readFileSync(path.join(root, 'jest.config.js'), 'utf8');
    expect(main).toMatch(/^import '\.\/polyfills';/m);
    expect(jestConfig).toContain('<rootDir>/local/polyfills.ts');
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
  });
});
