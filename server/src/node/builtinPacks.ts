import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackSource } from '../core/vocabulary/packs';
import { BUILTIN_PACKS } from '../generated/builtinPacks';
import { packageRoot } from './packageRoot';

let cached: PackSource[] | undefined;

/**
 * The built-in vocabulary packs (`server/knowledge/*.yaml`), in file-name order. They were parsed
 * and schema-checked at build time (scripts/generate.mjs), so starting the engine costs no YAML parse.
 */
export function builtinPackSources(): PackSource[] {
  if (!cached) {
    const dir = join(packageRoot(), 'server', 'knowledge');
    cached = BUILTIN_PACKS.map(({ file, pack }) => ({ uri: pathToFileURL(join(dir, file)).toString(), text: '', pack, builtin: true }));
  }
  return cached;
}
