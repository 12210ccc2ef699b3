import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackSource } from '../core/vocabulary/packs';
import { BUILTIN_LANGUAGE_PACKS, BUILTIN_PACKS } from '../generated/builtinPacks';
import { packageRoot } from './packageRoot';

let cached: PackSource[] | undefined;

/**
 * The built-in vocabulary packs (`server/knowledge/*.yaml`), in file-name order. They were parsed
 * and schema-checked at build time (scripts/generate.mjs), so starting the engine costs no YAML parse.
 */
export function builtinPackSources(): PackSource[] {
  if (!cached) {
    const dir = join(packageRoot(), 'server', 'knowledge');
    cached = BUILTIN_PACKS.map(({ file, pack }) => ({ uri: pathToFileURL(join(dir, file)).toString(), text: '', pack }));
  }
  return cached;
}

/** The languages a workspace may enable with `languages:` in its config (`fr`, `es`). */
export const BUILTIN_LANGUAGES: readonly string[] = BUILTIN_LANGUAGE_PACKS.map((l) => l.language);

/**
 * The built-in language packs for the given language codes, in the order given (unknown codes are
 * skipped; the config schema refuses them). They only add words to built-in terms by id.
 */
export function builtinLanguagePackSources(languages: readonly string[]): PackSource[] {
  const dir = join(packageRoot(), 'server', 'knowledge');
  return languages.flatMap((code) => {
    const found = BUILTIN_LANGUAGE_PACKS.find((l) => l.language === code);
    return found ? [{ uri: pathToFileURL(join(dir, found.file)).toString(), text: '', pack: found.pack }] : [];
  });
}
