/**
 * Import cycles fail `npm run check`. Type-only imports count too: a cycle through types still ties two
 * modules into one unit that cannot be understood, tested or moved apart. The layer rules themselves are
 * Biome's noRestrictedImports (biome.json), where editors show them as they are typed.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others: move what both need into a third.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
