import * as assert from 'node:assert/strict';
import { workerStartsFromUrl } from '../../client/src/workerScheme';

/** Where the web extension's language server worker is started from (client/src/serverWorker.ts). */
describe('web extension: starting the worker script by URL or from its bytes', () => {
  const cases: [scheme: string, byUrl: boolean, where: string][] = [
    ['https', true, "vscode.dev / github.dev (the extension's CDN)"],
    ['http', true, 'a local web server (@vscode/test-web)'],
    ['file', true, 'VS Code maps file: to its own resource URL'],
    ['vscode-remote', false, 'code-server / Codespaces: VS Code refuses workers from remote extensions'],
    ['vscode-vfs', false, 'a virtual file system: only the editor can read it'],
  ];
  for (const [scheme, byUrl, where] of cases) {
    it(`${scheme}: ${byUrl ? 'by URL' : 'from its bytes'} (${where})`, () => {
      assert.equal(workerStartsFromUrl(scheme), byUrl);
    });
  }
});
