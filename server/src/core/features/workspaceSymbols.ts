import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { clientIdKey } from '../record/clientIds';

/** What a workspace symbol needs of a note (a record summary has it). */
export interface IndexedNote {
  uri: string;
  client?: string;
  date?: string;
  visit?: number;
  therapist?: string;
}

/** Most symbols one query answers: an editor's list is for picking, not for reading the whole record. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * The workspace's notes matching `query`, as symbols at each note file's first line, sorted by client,
 * then date and visit. Every word of the query must match the note: its client id (ignoring case,
 * punctuation and leading zeros: `c142` finds `C-0142`), the start of its date (`2026-11`), or part of
 * its therapist's name. An empty query lists every note. At most `limit`.
 * ```ts
 * workspaceSymbols(notes, 'C-0142') // that client's notes, oldest first
 * ```
 */
export function workspaceSymbols(notes: readonly IndexedNote[], query: string, limit = MAX_WORKSPACE_SYMBOLS): SymbolInformation[] {
  const keys = new Set(notes.flatMap((n) => (n.client === undefined ? [] : [clientIdKey(n.client)])));
  // A word that is a whole client id finds that client only, not every id it is part of (C-0142, not C-01420).
  const words = query.trim().split(/\s+/).filter(Boolean).map((word) => ({ word, exact: keys.has(clientIdKey(word)) }));
  return notes
    .filter((note) => words.every((w) => matches(note, w.word, w.exact)))
    .sort(compareNotes)
    .slice(0, limit)
    .map(toSymbol);
}

/** True when one query word matches the note's client id (the whole id when `exactClient`), date or therapist. */
function matches(note: IndexedNote, word: string, exactClient: boolean): boolean {
  const lower = word.toLowerCase();
  const key = clientIdKey(word);
  if (note.client !== undefined) {
    const noteKey = clientIdKey(note.client);
    if (exactClient ? noteKey === key : note.client.toLowerCase().includes(lower) || (key !== '' && noteKey.includes(key))) {
      return true;
    }
  }
  if (note.date !== undefined && note.date.startsWith(word)) {
    return true;
  }
  return note.therapist !== undefined && note.therapist.toLowerCase().includes(lower);
}

/** Client, then date, then visit, then uri: one client's notes come together, oldest first. */
function compareNotes(a: IndexedNote, b: IndexedNote): number {
  return compareText(a.client, b.client) || compareText(a.date, b.date) || (a.visit ?? 0) - (b.visit ?? 0) || compareText(a.uri, b.uri);
}

/** Text order with a missing value last. */
function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) {
    return 0;
  }
  if (a === undefined) {
    return 1;
  }
  if (b === undefined) {
    return -1;
  }
  return a < b ? -1 : 1;
}

/** `C-0142 · 2026-11-20 · visit 3 · J. Lee, RMT`, in the file the note is in: the name holds all that is searched, since editors filter by name. */
function toSymbol(note: IndexedNote): SymbolInformation {
  const parts = [note.client ?? '(no client)', note.date ?? '(no date)'];
  if (note.visit !== undefined) {
    parts.push(`visit ${note.visit}`);
  }
  if (note.therapist !== undefined) {
    parts.push(note.therapist);
  }
  const file = fileName(note.uri);
  return {
    name: parts.join(' · '),
    kind: SymbolKind.File,
    location: { uri: note.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    containerName: file,
  };
}

/** The last segment of a uri, decoded when it can be. */
function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
