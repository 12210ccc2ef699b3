import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found by walking up from the compiled test (out/test/...) to package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith(`${'/'}out`)) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('repository root not found');
    }
    dir = parent;
  }
  return dir;
}
