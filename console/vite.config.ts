import { defineConfig } from 'vite';

/**
 * The police console: served at /console/ (locally by `npm start`, in AWS from S3 through CloudFront on the
 * API's origin). No inline script or style in the output: the CSP is `script-src 'self'; style-src 'self'`.
 */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No module preload polyfill: it would be the only inline-capable helper, and every target browser has it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
