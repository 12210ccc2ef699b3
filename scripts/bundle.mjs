// Bundles the extension for VS Code with esbuild: the client (client/src/extension.ts -> dist/client.js,
// `vscode` left to the host) and the language server (server/src/lspMain.ts -> dist/server-main.js,
// started by dist/server.js from server/src/lspBundleMain.ts, which adds V8's code cache). JSON
// imports (schemas) are bundled; the server finds server/knowledge/*.yaml at run time by walking up
// from dist/ (server/src/node/packageRoot.ts), so the .vsix ships that folder beside dist/.
// The web extension's bundles (dist/browser/, for vscode.dev and github.dev) come from
// scripts/browserBundles.mjs.
//   node scripts/bundle.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { BROWSER_BUNDLES, browserBuildOptions } from './browserBundles.mjs';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The two bundles: entry point -> output file. */
const bundles = [
  { entry: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { entry: 'server/src/lspBundleMain.ts', out: 'dist/server.js', external: [] },
  { entry: 'server/src/lspMain.ts', out: 'dist/server-main.js', external: [] },
];

for (const b of [...bundles, ...BROWSER_BUNDLES]) {
  if (!existsSync(join(root, b.entry))) {
    console.error(`bundle: ${b.entry} does not exist`);
    process.exit(2);
  }
}
// A stale map from a development build must not ship next to a minified production bundle.
for (const b of [...bundles, ...BROWSER_BUNDLES]) {
  rmSync(join(root, `${b.out}.map`), { force: true });
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  loader: { '.json': 'json' },
  // ESM dependencies (tinyglobby's fdir) read import.meta.url, which is empty in a CommonJS bundle.
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"', 'import.meta.url': '__soapnoteImportMetaUrl' },
  banner: { js: "const __soapnoteImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  legalComments: production ? 'none' : 'inline',
};

const contexts = await Promise.all([
  ...bundles.map((b) => esbuild.context({ ...common, entryPoints: [b.entry], outfile: b.out, external: b.external })),
  ...BROWSER_BUNDLES.map((b) => esbuild.context(browserBuildOptions(root, b, { production }))),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('bundle: watching client/src and server/src (Ctrl+C to stop)');
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } catch {
    process.exitCode = 1; // esbuild has already printed the errors
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  if (!process.exitCode) {
    for (const b of [...bundles, ...BROWSER_BUNDLES]) {
      const kb = (statSync(join(root, b.out)).size / 1024).toFixed(0);
      console.log(`bundle: ${relative(root, join(root, b.out))} ${kb} KB${production ? ' (production)' : ''}`);
    }
  }
}
