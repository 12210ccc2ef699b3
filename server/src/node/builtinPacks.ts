import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackSource } from '../core/vocabulary/packs';
import { packageRoot } from './packageRoot';

let cached: PackSource[] | undefined;

/** The built-in vocabulary packs (`server/knowledge/*.yaml`), in file-name order, read once per process. */
export function builtinPackSources(): PackSource[] {
  if (!cached) {
    const dir = join(packageRoot(), 'server', 'knowledge');
    cached = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => ({ uri: pathToFileURL(join(dir, name)).toString(), text: readFileSync(join(dir, name), 'utf8') }));
  }
  return cached;
}
