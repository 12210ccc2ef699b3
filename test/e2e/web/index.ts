/**
 * Entry of the in-editor suite run in VS Code's web worker extension host (test/e2e/run-e2e.sh, step c):
 * bundled with mocha's browser build by bundle.mjs (a worker has no file system to find test files
 * in), then `run()` is called by the extension host. Mocha's spec report goes to the console.
 */
import './setup';
import './web.test';

/** Runs the bundled suite; rejects when a test fails (the workbench then exits non-zero). */
export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
