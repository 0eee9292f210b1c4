/** Unit, CDK and integration tests as separate Jest projects: `npm test` runs all three. */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
// middy and jose ship ES modules only; swc turns them into CommonJS for Jest.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];
const common = { transform, transformIgnorePatterns, setupFiles: ['<rootDir>/local/polyfills.ts', '<rootDir>/test/setup-env.ts'], testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'cdk', testMatch: ['<rootDir>/test/cdk/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
