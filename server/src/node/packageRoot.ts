import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding `server/knowledge/`: the repo root when run from `out/`, the extension
 * folder when bundled into `dist/`. Found by walking up, so the same code works in both layouts.
 */
export function packageRoot(): string {
  if (cached) {
    return cached;
  }
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'server', 'knowledge')) && existsSync(join(dir, 'package.json'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`soapnote: cannot find its knowledge base (server/knowledge) above ${__dirname}`);
    }
    dir = parent;
  }
}
