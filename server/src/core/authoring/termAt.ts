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
    const term = kinds.includes('condition') ? resolveCondition(word, vocabulary)?.condition : kinds.includes('target') ? vocabulary.resolvePlace(word)?.term : kinds[0] ? vocabulary.resolve(kinds[0], word) : undefined;
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

function withTerm(vocabulary: Vocabulary, kinds: readonly TermKind[], id: string): { term?: Term } {
  for (const kind of kinds) {
    const term = vocabulary.get(kind, id);
    if (term) {
      return { term };
    }
  }
  return {};
}

/** One term a note uses, resolved: which entry of the vocabulary, and where the note writes it. */
export interface TermUse {
  kind: TermKind;
  id: string;
  range: Range;
}

/**
 * The terms a note names, resolved through the vocabulary: techniques, targets and regions of the
 * treatment, findings and their targets, conditions and their regions, medications. Unknown words
 * are left out (they name no entry). What "find references" looks up.
 */
export function noteTermUses(note: NoteModel, vocabulary: Vocabulary): TermUse[] {
  const out: TermUse[] = [];
  const add = (term: Term | undefined, range: Range): void => {
    if (term) {
      out.push({ kind: term.kind, id: term.id, range });
    }
  };
  const place = (located: { value: string; range: Range } | undefined): void => {
    if (located) {
      add(vocabulary.resolvePlace(located.value)?.term, located.range);
    }
  };
  for (const t of note.treatment) {
    if (t.technique) {
      add(vocabulary.resolve('technique', t.technique.value), t.technique.range);
    }
    place(t.target);
  }
  for (const f of note.findings) {
    if (f.finding) {
      add(vocabulary.resolve('finding', f.finding.value), f.finding.range);
    }
    place(f.target);
  }
  for (const c of note.conditions) {
    if (c.condition) {
      add(resolveCondition(c.condition.value, vocabulary)?.condition, c.condition.range);
    }
    place(c.region);
  }
  for (const m of note.medications) {
    add(vocabulary.findMedication(m.value), m.range);
  }
  return out;
}
