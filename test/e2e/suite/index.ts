/**
 * Entry of the in-editor suite: VS Code's extension host (see test/e2e/run-e2e.sh) calls `run()`,
 * which runs mocha (tdd interface) over the compiled `*.test.js` files beside this one.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Runs every `*.test.js` in this folder; rejects when a test fails (the workbench then exits non-zero). */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) {
      mocha.addFile(path.join(__dirname, f));
    }
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
