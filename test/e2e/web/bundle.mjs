// Bundles the web-host suite (index.ts + web.test.ts + mocha's browser build) into one CommonJS file
// the web worker extension host loads: out/test/e2e/web/suite.js (under the extension folder, as the
// workbench requires of a test runner). `vscode` is left to the host.
//   node test/e2e/web/bundle.mjs
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/web/index.ts'],
  outfile: 'out/test/e2e/web/suite.js',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  // mocha.js is a UMD script in a "type": "module" package, so esbuild keeps its `typeof exports` /
  // `module.exports = factory()` pointing at this bundle's own module: it would replace the suite's
  // exports (`run`) with mocha. Hidden from it, mocha sets the global `mocha` instead.
  define: { module: 'undefined', exports: 'undefined' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('bundle: out/test/e2e/web/suite.js');
