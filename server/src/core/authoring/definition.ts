import type { Range } from '../types';
import type { TermKind } from '../vocabulary/vocabulary';
import { packEntries } from './packEntries';
import type { NamedAt } from './termAt';

/** A pack file's text as the host read it (the editor's text when open), in load order. */
export interface PackFileText {
  uri: string;
  text: string;
}

/** A place in a file. */
export interface FileLocation {
  uri: string;
  range: Range;
}

/** The entry a named term stands for: its kind and id (the vocabulary's, else the written id and the kinds it may be). */
export function wantedEntries(named: NamedAt): { kinds: TermKind[]; id: string } {
  return named.term ? { kinds: [named.term.kind], id: named.term.id } : { kinds: named.kinds, id: named.word };
}

/**
 * Where a named term is defined: every pack entry of its kind and id, the one in force (the last
 * pack to define it) first, then the ones it overrides. The current document is one of `packs`
 * when it is a pack. Empty for a word no pack defines.
 */
export function definitionsOf(named: NamedAt, packs: readonly PackFileText[]): FileLocation[] {
  const { kinds, id } = wantedEntries(named);
  const out: FileLocation[] = [];
  for (const pack of packs) {
    for (const entry of packEntries(pack.text, pack.uri)) {
      if (entry.id === id && kinds.includes(entry.kind)) {
        out.push({ uri: pack.uri, range: entry.range });
      }
    }
  }
  return out.reverse();
}
