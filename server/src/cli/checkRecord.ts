import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine, NoteRecord } from '../core/engine';
import { RecordIndex } from '../core/record/recordIndex';
import { isEarlier } from '../core/record/carry';
import { checkTogether, type CheckJob, type RecordText } from '../core/record/checkTogether';
import { clientIdKeyMemo } from '../core/record/clientIds';
import type { Finding } from '../core/types';
import type { Share } from './checkPool';
import { findRecordRoot, quickClientId, readRecordIndex, readRecordTexts, scannedClientId } from '../node/recordFiles';

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
  /** Client-id keys of this run, each worked out once (the record and the plan ask for each id several times). */
  private readonly keyOf = clientIdKeyMemo();

  constructor(
    private readonly engine: Engine,
    private readonly cwd: string,
    /** The folders named on the command line: a note outside any record root belongs to the one it is in. */
    private readonly folders: readonly string[],
    /** Note files already listed this run, by folder (as `collectNoteFiles([folder], folder)` lists them): a record root among them is not walked again. */
    private readonly listings: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}

  private readonly rootOfFolder = new Map<string, string | null>();
  /** {@link folders}, resolved against the working directory once. */
  private named: Set<string> | undefined;
  /** Per folder outside any record root: the longest named folder holding it, else the working directory, else the folder. */
  private readonly fallbackOfFolder = new Map<string, string>();

  /** Where the record of `file` is read from. */
  rootOf(file: string): string {
    // Asked for every note, several times: once per folder is enough (the answer depends on the folder only).
    const parent = dirname(file);
    let recordRoot = this.rootOfFolder.get(parent);
    if (recordRoot === undefined) {
      recordRoot = findRecordRoot(parent) ?? null;
      this.rootOfFolder.set(parent, recordRoot);
    }
    if (recordRoot !== null) {
      return recordRoot;
    }
    this.named ??= new Set(this.folders.map((f) => resolve(this.cwd, f)));
    if (this.named.has(file)) {
      // A note named on the command line is its own root, as the longest named path it is inside.
      return file;
    }
    let fallback = this.fallbackOfFolder.get(parent);
    if (fallback === undefined) {
      fallback = [...this.named].filter((f) => isInside(parent, f)).sort((a, b) => b.length - a.length)[0] ?? (isInside(parent, this.cwd) ? this.cwd : parent);
      this.fallbackOfFolder.set(parent, fallback);
    }
    return fallback;
  }

  /** Notes the clients of `texts` (file -> text) so that each root's index reads only their notes; an unreadable client line reads them all. */
  want(texts: ReadonlyMap<string, string>): void {
    this.wantClients([...texts].map(([file, text]) => [file, quickClientId(text)]));
  }

  /** {@link want}, given each note's client id as a line scan reads it (undefined: none could be read). */
  wantClients(clients: Iterable<readonly [file: string, id: string | undefined]>): void {
    for (const [file, id] of clients) {
      this.wantClient(file, id);
    }
  }

  /** {@link wantClients} for one note. */
  wantClient(file: string, id: string | undefined): void {
    const root = this.rootOf(file);
    if (!this.wanted.has(root)) {
      this.wanted.set(root, new Set());
    }
    if (id === undefined) {
      this.wanted.set(root, undefined);
    } else {
      this.wanted.get(root)?.add(id);
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

  /**
   * Checks `notes` (file -> text) each with its client's record: the same findings as
   * `engine.check(text, this.recordFor(file))` one by one, but a note of the record that is also
   * checked is parsed once (see {@link checkTogether}). `progress` is called as notes are checked.
   */
  checkAll(notes: ReadonlyMap<string, string>, progress?: (done: number) => void): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    let done = 0;
    for (const [root, files] of this.byRoot(notes.keys())) {
      if (this.indexes.has(root)) {
        for (const file of files) {
          out.set(file, this.engine.check(notes.get(file) ?? '', this.recordFor(file)));
          progress?.(++done);
        }
        continue;
      }
      const result = this.checkRoot(root, files, notes, () => progress?.(++done));
      for (const [file, findings] of result) {
        out.set(file, findings);
      }
    }
    return out;
  }

  /** Checks the notes `files` (all of record root `root`) in this thread, keeping the root's index. */
  checkRoot(root: string, files: readonly string[], notes: ReadonlyMap<string, string>, progress?: () => void): Map<string, Finding[]> {
    const jobs = files.map((file) => ({ file, text: notes.get(file) ?? '', uri: pathToFileURL(file).toString() }));
    const result = checkTogether(this.engine, jobs, this.recordTexts(root, jobs), progress);
    if ('outside' in result) {
      throw new Error('a check of a whole root cannot leave it');
    }
    this.indexes.set(root, result.index);
    return result.findings;
  }

  /** The files of `files` by record root, in the order given. */
  byRoot(files: Iterable<string>): Map<string, string[]> {
    const byRoot = new Map<string, string[]>();
    for (const file of files) {
      const root = this.rootOf(file);
      const list = byRoot.get(root) ?? [];
      list.push(file);
      byRoot.set(root, list);
    }
    return byRoot;
  }

  /** The notes of the record of `root` (the checked `jobs` among them as they are, not read again). */
  recordTexts(root: string, jobs: readonly CheckJob[]): RecordText[] {
    const known = new Map<string, CheckJob>();
    for (const job of jobs) {
      known.set(job.file, job);
    }
    return readRecordTexts(root, this.wanted.get(root), known, this.listings.get(root), this.keyOf).notes;
  }

  /** True when the index of `root` was already read (by {@link laterNotes}): its notes are checked against it one by one. */
  isIndexed(root: string): boolean {
    return this.indexes.has(root);
  }

  /**
   * The notes of `root` to check (`files`, jobs from `notes`, their texts read only if needed) with the notes of its record, and
   * those split into shares that can be checked apart (each in a worker): one per
   * `clientIdKey`, with the record notes of that key, since what a note carries and the ids
   * near its own depend only on the notes of that key. No shares when the root cannot be split: a
   * note whose client line a scan cannot read may belong to any client (the root is checked whole).
   */
  plan(root: string, files: readonly string[], notes: ReadonlyMap<string, CheckJob>): { jobs: CheckJob[]; record: RecordText[]; shares?: Share[] } {
    const jobs = files.map((file) => notes.get(file) ?? { file, text: '', uri: pathToFileURL(file).toString() });
    const record = this.recordTexts(root, jobs);
    const shares = new Map<string, Share>();
    const keyOf = this.keyOf;
    for (const job of jobs) {
      const id = scannedClientId(job);
      if (id === undefined) {
        return { jobs, record };
      }
      const key = keyOf(id);
      const share = shares.get(key) ?? { key, jobs: [], record: [] };
      share.jobs.push(job);
      shares.set(key, share);
    }
    for (const note of record) {
      const id = scannedClientId(note);
      if (id === undefined) {
        return { jobs, record };
      }
      shares.get(keyOf(id))?.record.push(note);
    }
    return { jobs, record, shares: [...shares.values()] };
  }
}
