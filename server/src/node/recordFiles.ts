import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../core/engine';
import { clientIdKey, clientIdKeyMemo, quickClientId } from '../core/record/clientIds';
import { RecordIndex } from '../core/record/recordIndex';
import { collectNoteFiles, readNoteIfText } from './noteFiles';

/**
 * The folder whose notes make up a client's record: the nearest folder at or above `start` holding
 * `.soapnote/` or `.git` (a file in a git worktree), or undefined when there is none.
 */
export function findRecordRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.soapnote')) || existsSync(join(dir, '.git'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

export { quickClientId } from '../core/record/clientIds';

/** A note's client id as a line scan reads it; taken from the note when it already knows it (`scannedClientId`, null for none), so its text need not be read. */
export function scannedClientId(note: { text: string; scannedClientId?: string | null }): string | undefined {
  return note.scannedClientId !== undefined ? (note.scannedClientId ?? undefined) : quickClientId(note.text);
}

/** A note of a record as {@link readRecordTexts} gives it: uri and text, and its scanned client id when known without reading it. */
export interface RecordNote {
  uri: string;
  readonly text: string;
  readonly scannedClientId?: string | null;
}

/**
 * The notes under `root` a record index of `clients` holds, with their texts: those whose client id
 * looks like one of these (same {@link clientIdKey}), and those whose client line a scan cannot read
 * (fail closed). Unreadable files are skipped: the check reports them when it is asked to check them.
 * `known`: notes already open, by file (given as they are, so a note not read yet stays unread);
 * `listed`: the root's note files when the caller has just listed them the same way
 * (`collectNoteFiles([root], root)`), not listed again.
 */
export function readRecordTexts(
  root: string,
  clients?: ReadonlySet<string>,
  known?: ReadonlyMap<string, RecordNote>,
  listed?: readonly string[],
  /** {@link clientIdKey}, remembered by the caller across calls (one run asks for the same ids again and again). */
  keyOf: (id: string) => string = clientIdKeyMemo(),
): { notes: RecordNote[]; files: string[] } {
  const keys = clients ? new Set([...clients].map(keyOf)) : undefined;
  let files: string[];
  try {
    files = listed ? [...listed] : collectNoteFiles([root], root);
  } catch {
    return { notes: [], files: [] };
  }
  const notes: RecordNote[] = [];
  for (const file of files) {
    let note = known?.get(file);
    if (!note) {
      const text = readNoteIfText(file);
      if (text === undefined) {
        continue;
      }
      note = { uri: pathToFileURL(file).toString(), text };
    }
    const quick = scannedClientId(note);
    if (keys && quick !== undefined && !keys.has(keyOf(quick))) {
      continue;
    }
    notes.push(note);
  }
  return { notes, files };
}

/**
 * Reads the notes under `root` into a record index. `clients`: only notes whose client id looks like
 * one of these (same {@link clientIdKey}) are summarised, the others cost a line scan; a note whose
 * client line the scan cannot read is summarised anyway (fail closed). Unreadable files are skipped:
 * the check reports them when it is asked to check them.
 */
export function readRecordIndex(engine: Engine, root: string, clients?: ReadonlySet<string>): { index: RecordIndex; files: string[] } {
  const index = new RecordIndex();
  const { notes, files } = readRecordTexts(root, clients);
  for (const note of notes) {
    index.set(engine.summarise(note.uri, note.text));
  }
  return { index, files };
}
