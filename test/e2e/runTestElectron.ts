import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the in-editor suite (`test/e2e/suite/`) in desktop VS Code with @vscode/test-electron,
 * where a VS Code download is possible. Offline (this project's CI), `run-e2e.sh` runs the
 * same suite in code-server instead.
 */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [join(root, 'test', 'e2e', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
