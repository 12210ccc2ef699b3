import type { NoteModel } from '../model';
import { resolveCondition } from '../rules/context';
import type { Range } from '../types';
import type { Term, TermKind, Vocabulary } from '../vocabulary/vocabulary';
import { cursorContext, lineRange, unquote } from '../features/yamlContext';
import type { Position } from '../types';
import { fieldAt, noteFieldKinds, packSlot, sectionKind, type AuthoringKind } from './idSlots';

/** A term named at the cursor: the kinds it may be, the id (a pack) or word (a note) as written, and where. */
export interface NamedAt {
  kinds: TermKind[];
  /** The id written in a pack, or the word written in a note. */
  word: string;
  range: Range;
  /** True when the cursor is on the `id:` of a pack entry (the definition itself). */
  declaration: boolean;
  /** The term the word names in the vocabulary (by id in a pack, by id, name or synonym in a note), when known. */
  term?: Term;
}

/** The term written at the cursor of a pack (an id where ids go, or an entry's own `id:`) or of a note (a term value). */
export function namedAt(kind: AuthoringKind | 'note', text: string, position: Position, vocabulary: Vocabulary): NamedAt | undefined {
  const ctx = cursorContext(text, position);
  if (!ctx || ctx.token.text.trim() === '' || position.character < ctx.token.start || position.character > ctx.token.end) {
    return undefined;
  }
  const word = unquote(ctx.token.text);
  const range = lineRange(position.line, ctx.token);
  if (kind === 'note' || kind === 'template') {
    const kinds = noteFieldKinds(ctx);
    if (!kinds) {
      return undefined;
    }
    const term = termOfUse({ field: fieldOfKinds(kinds), word, range }, vocabulary);
    return { kinds, word, range, declaration: false, ...(term ? { term } : {}) };
  }
  if (kind !== 'pack') {
    return undefined;
  }
  const field = fieldAt(ctx);
  if (field && !field.item && field.field === 'id' && field.path.length === 2 && field.path[1] === '[]') {
    const section = sectionKind(field.path[0]);
    return section ? { kinds: [section], word, range, declaration: true, ...withTerm(vocabulary, [section], word) } : undefined;
  }
  const slot = packSlot(ctx);
  if (slot?.what !== 'ids' || word.startsWith('tag:')) {
    return undefined;
  }
  return { kinds: slot.kinds, word, range, declaration: false, ...withTerm(vocabulary, slot.kinds, word) };
}

/** The note field that accepts terms of these kinds (a place field accepts targets, regions and sites). */
function fieldOfKinds(kinds: readonly TermKind[]): NoteTermField {
  const first = kinds[0];
  return first === 'technique' || first === 'condition' || first === 'finding' || first === 'medication' ? first : 'place';
}

function withTerm(vocabulary: Vocabulary, kinds: readonly TermKind[], id: string): { term?: Term } {
  for (const kind of kinds) {
    const term = vocabulary.get(kind, id);
    if (term) {
      return { term };
    }
  }
  return {};
}

/** The note fields that name a term, by what they accept. */
export type NoteTermField = 'technique' | 'place' | 'condition' | 'finding' | 'medication';

/** A term a note writes, as written: the field, the word and where. Resolved when asked, so a pack edited since still counts. */
export interface TermUse {
  field: NoteTermField;
  word: string;
  range: Range;
}

/**
 * The terms a note writes: techniques and targets of the treatment, findings and their targets,
 * conditions and their regions, medications. What "find references" looks up (see {@link usesTerm}).
 */
export function noteTermUses(note: NoteModel): TermUse[] {
  const out: TermUse[] = [];
  const add = (field: NoteTermField, located: { value: string; range: Range } | undefined): void => {
    if (located && typeof located.value === 'string' && located.value.trim() !== '') {
      out.push({ field, word: located.value, range: located.range });
    }
  };
  for (const t of note.treatment) {
    add('technique', t.technique);
    add('place', t.target);
  }
  for (const f of note.findings) {
    add('finding', f.finding);
    add('place', f.target);
  }
  for (const c of note.conditions) {
    add('condition', c.condition);
    add('place', c.region);
  }
  for (const m of note.medications) {
    add('medication', m);
  }
  return out;
}

/** The vocabulary entry a written term names, or undefined for a word no pack knows. */
export function termOfUse(use: TermUse, vocabulary: Vocabulary): Term | undefined {
  switch (use.field) {
    case 'technique':
      return vocabulary.resolve('technique', use.word);
    case 'place':
      return vocabulary.resolvePlace(use.word)?.term;
    case 'condition':
      return resolveCondition(use.word, vocabulary)?.condition;
    case 'finding':
      return vocabulary.resolve('finding', use.word);
    case 'medication':
      return vocabulary.findMedication(use.word);
  }
}

/** True when a written term names the entry `kind`/`id`. */
export function usesTerm(use: TermUse, kind: TermKind, id: string, vocabulary: Vocabulary): boolean {
  const term = termOfUse(use, vocabulary);
  return term !== undefined && term.kind === kind && term.id === id;
}
