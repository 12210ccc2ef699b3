// The web extension's two bundles (vscode.dev, github.dev), shared by scripts/bundle.mjs and the
// browser-worker test (test/browser/), which builds a fresh server bundle with these same options.
//  - client/src/browserExtension.ts -> dist/browser/extension.js (CommonJS, `vscode` left to the host)
//  - server/src/browser/serverMain.ts -> dist/browser/server.js (a classic worker script: an IIFE)
// Nothing Node may reach them: platform 'browser' resolves the packages' browser entries, and a
// `node:` import fails the build.

/** Entry point -> output file, with the format each one is loaded in. */
export const BROWSER_BUNDLES = [
  { entry: 'client/src/browserExtension.ts', out: 'dist/browser/extension.js', format: 'cjs', external: ['vscode'] },
  { entry: 'server/src/browser/serverMain.ts', out: 'dist/browser/server.js', format: 'iife', external: [] },
];

/** esbuild options for one of {@link BROWSER_BUNDLES}, written to `outfile` (default its `out` under `root`). */
export function browserBuildOptions(root, bundle, { production = false, outfile } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: [bundle.entry],
    outfile: outfile ?? bundle.out,
    bundle: true,
    platform: 'browser',
    format: bundle.format,
    target: 'es2022',
    external: bundle.external,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    loader: { '.json': 'json' },
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    legalComments: production ? 'none' : 'inline',
  };
}
