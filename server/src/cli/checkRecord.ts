import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine, NoteRecord } from '../core/engine';
import type { RecordIndex } from '../core/record/recordIndex';
import { isEarlier } from '../core/record/carry';
import { findRecordRoot, quickClientId, readRecordIndex } from '../node/recordFiles';

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The client records a `soapnote check` run needs: one index per record root (the nearest folder
 * above a note holding `.soapnote/` or `.git`, else the folder checked), read once, holding the
 * notes of the clients being checked (and ids typed like theirs).
 */
export class CheckRecords {
  private readonly indexes = new Map<string, RecordIndex>();
  private readonly wanted = new Map<string, Set<string> | undefined>();

  constructor(
    private readonly engine: Engine,
    private readonly cwd: string,
    /** The folders named on the command line: a note outside any record root belongs to the one it is in. */
    private readonly folders: readonly string[],
  ) {}

  /** Where the record of `file` is read from. */
  rootOf(file: string): string {
    const found = findRecordRoot(dirname(file));
    if (found !== undefined) {
      return found;
    }
    const folder = this.folders.map((f) => resolve(this.cwd, f)).filter((f) => isInside(file, f)).sort((a, b) => b.length - a.length)[0];
    return folder ?? (isInside(file, this.cwd) ? this.cwd : dirname(file));
  }

  /** Notes the clients of `texts` (file -> text) so that each root's index reads only their notes; an unreadable client line reads them all. */
  want(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      const root = this.rootOf(file);
      const id = quickClientId(text);
      if (!this.wanted.has(root)) {
        this.wanted.set(root, new Set());
      }
      const set = this.wanted.get(root);
      if (id === undefined) {
        this.wanted.set(root, undefined);
      } else {
        set?.add(id);
      }
    }
  }

  /** The index of the root `file` belongs to, read on first use. */
  indexOf(file: string): RecordIndex {
    const root = this.rootOf(file);
    let index = this.indexes.get(root);
    if (!index) {
      index = readRecordIndex(this.engine, root, this.wanted.get(root)).index;
      this.indexes.set(root, index);
    }
    return index;
  }

  /** The record to check `file` with. */
  recordFor(file: string): NoteRecord {
    return { uri: pathToFileURL(file).toString(), lookup: this.indexOf(file) };
  }

  /** The notes of the same client dated after each of `files` (a changed intake note changes what they carry). */
  laterNotes(files: readonly string[]): string[] {
    const out = new Set<string>();
    for (const file of files) {
      const index = this.indexOf(file);
      const uri = pathToFileURL(file).toString();
      const self = index.get(uri);
      if (!self) {
        continue;
      }
      for (const other of index.clientNotes(uri)) {
        const summary = index.get(other);
        if (summary && isEarlier(self, summary)) {
          out.add(fileURLToPath(other));
        }
      }
    }
    return [...out];
  }
}
