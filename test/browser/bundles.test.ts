import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../unit/repoRoot';

interface OutputFile {
  path: string;
  text: string;
}

/**
 * The web extension's bundles build for the browser (esbuild fails on any `node:` or Node built-in
 * import there) and hold no code generation, so they run in vscode.dev's web worker and extension host.
 */
describe('web extension bundles (scripts/browserBundles.mjs)', function () {
  this.timeout(120_000);
  const root = repoRoot();

  const cases = [
    { entry: 'client/src/browserExtension.ts', mustHave: ['vscode-languageclient', 'soapnote/readFile'], mayRequire: ['vscode'] },
    { entry: 'server/src/browser/serverMain.ts', mustHave: ['soapnote/render', 'contraindication.absolute'], mayRequire: [] },
  ];
  for (const c of cases) {
    it(`builds ${c.entry} for the browser, requiring nothing but ${JSON.stringify(c.mayRequire)}, generating no code`, async () => {
      const { BROWSER_BUNDLES, browserBuildOptions } = (await import(pathToFileURL(join(root, 'scripts', 'browserBundles.mjs')).href)) as {
        BROWSER_BUNDLES: { entry: string }[];
        browserBuildOptions: (root: string, bundle: unknown, options: { outfile: string }) => object;
      };
      const bundle = BROWSER_BUNDLES.find((b) => b.entry === c.entry);
      assert.ok(bundle, `${c.entry} is one of the browser bundles`);
      const esbuild = (await import('esbuild')) as { build(options: object): Promise<{ outputFiles: OutputFile[] }> };
      const result = await esbuild.build({ ...browserBuildOptions(root, bundle, { outfile: join(root, 'out', 'browser-bundle-test.js') }), write: false, sourcemap: false, logLevel: 'silent' });
      const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
      for (const text of c.mustHave) {
        assert.ok(code.includes(text), `${text} is in the bundle`);
      }
      const required = [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))]
        // ajv's ucs2length keeps its own require as a string for code generation it never does here.
        .filter((r) => r !== 'ajv/dist/runtime/ucs2length');
      assert.deepEqual(required, c.mayRequire);
      assert.doesNotMatch(code, /new Function\(|\beval\(/);
    });
  }
});
