import { BUILTIN_LANGUAGE_PACKS, BUILTIN_PACKS } from '../generated/builtinPacks';
import { joinUri } from './uris';
import type { PackSource } from './vocabulary/packs';

/**
 * The built-in packs (parsed and schema-checked at build time, so they are bundled as data) with
 * URIs under `knowledgeUri` (the folder `server/knowledge/` as the host names it), then the
 * language packs for `languages`, in the order given; unknown codes are skipped.
 */
export function builtinPacksAt(knowledgeUri: string, languages: readonly string[]): PackSource[] {
  const packs: PackSource[] = BUILTIN_PACKS.map(({ file, pack }) => ({ uri: joinUri(knowledgeUri, file), text: '', pack, builtin: true }));
  for (const code of languages) {
    const found = BUILTIN_LANGUAGE_PACKS.find((l) => l.language === code);
    if (found) {
      packs.push({ uri: joinUri(knowledgeUri, found.file), text: '', pack: found.pack });
    }
  }
  return packs;
}
