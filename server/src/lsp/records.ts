import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine, NoteRecord } from '../core/engine';
import { RecordIndex } from '../core/record/recordIndex';
import type { NoteSummary } from '../core/record/types';
import { usesTerm, type TermUse } from '../core/authoring/termAt';
import type { Range } from '../core/types';
import type { TermKind, Vocabulary } from '../core/vocabulary/vocabulary';
import { collectNoteFiles, isNoteFile, readNoteIfText } from '../node/noteFiles';
import { clientIdKey } from '../core/record/clientIds';
import { findRecordRoot, quickClientId } from '../node/recordFiles';
import { uriToPath } from './workspaces';

/** The uri the index keys a note by: the one Node makes of its path, whatever encoding the editor used. */
export function canonicalUri(uri: string): string {
  const path = uriToPath(uri);
  return path === undefined ? uri : pathToFileURL(path).toString();
}

/** Files summarised per turn of the event loop while the index is built in the background. */
const BUILD_CHUNK = 200;

/** One record root: its index and the files still to read into it. */
interface RootRecord {
  index: RecordIndex;
  /** Disk summaries, kept so that closing an editor puts the saved text's summary back without reading the disk again. */
  disk: Map<string, NoteSummary>;
  /** The terms each note names (the open editor's text when open), for "find references"; `diskTerms` as `disk`. */
  terms: Map<string, TermUse[]>;
  diskTerms: Map<string, TermUse[]>;
  pending: string[] | undefined;
  /** Notes checked before the index was complete (with their client's notes read first): checked again when it is. */
  early: Set<string>;
}

/** What the records need from the server. */
export interface RecordsHost {
  /** The engine that summarises a note at `path` (its workspace's: packs decide what is the same condition). */
  engineFor(path: string): Engine;
  /** True when the note at `uri` is open in the editor (the editor's text wins over the disk). */
  isOpen(uri: string): boolean;
  /** The editor's text of the open note at `uri` (canonical), if the host knows it. */
  openText?(uri: string): string | undefined;
  /** The record of these open notes' clients changed: check them again. */
  recheck(uris: string[]): void;
  /** The editor's workspace folder: a note outside any `.soapnote/` or `.git` folder belongs to it. */
  initRoot(): string | undefined;
  logOnce(kind: string, error: unknown): void;
}

/**
 * The workspace's notes (client, date, visit, health) for the language server: built once from the
 * disk in the background at start-up, then kept current by watched-file events and by the open
 * editors' texts, so that checking a note never reads the disk. `stamp` changes whenever a summary
 * does, so analyses made with an older record are not reused.
 */
export class ServerRecords {
  private readonly roots = new Map<string, RootRecord>();
  private readonly dirRoots = new Map<string, string>();
  /** Bumped when a root's index is complete: every analysis made before may have missed notes. */
  private builds = 0;
  private counter = 0;
  /** Per note (by canonical uri), the change of its client's record it last heard of. */
  private readonly changedAt = new Map<string, number>();

  constructor(private readonly host: RecordsHost) {}

  /** Changes whenever the record a note is checked with changes (another note of its client, or a finished index); not when only the note itself changed. */
  stampFor(uri: string): string {
    return `${this.builds}:${this.changedAt.get(canonicalUri(uri)) ?? 0}`;
  }

  /** Starts the background build of the record of the editor's workspace folder. */
  startBuildAt(folder: string): void {
    this.startBuild(findRecordRoot(folder) ?? folder);
  }

  /** The record root of a note path (cached per folder: looking it up must not touch the disk per keystroke). */
  rootOf(path: string): string {
    const dir = dirname(path);
    let root = this.dirRoots.get(dir);
    if (root === undefined) {
      root = findRecordRoot(dir) ?? this.host.initRoot() ?? dir;
      this.dirRoots.set(dir, root);
    }
    return root;
  }

  /** Starts reading the notes under `root` in the background (a no-op when already started). */
  startBuild(root: string): void {
    if (this.roots.has(root)) {
      return;
    }
    const record = this.create(root);
    const step = (): void => {
      try {
        if (this.readSome(record, BUILD_CHUNK)) {
          setImmediate(step);
        }
      } catch (error) {
        this.host.logOnce('note index', error);
      }
    };
    setImmediate(step);
  }

  /** The record to check the note at `uri` with; the root's index is finished first if the background build has not got there yet. */
  recordFor(original: string): NoteRecord | undefined {
    const uri = canonicalUri(original);
    const index = this.indexFor(uri);
    return index ? { uri, lookup: index } : undefined;
  }

  /** How many notes of `client` the record of the note at `uri` holds, that note counted once whatever client the index still has for it. */
  clientNoteCount(original: string, client: string): number {
    const uri = canonicalUri(original);
    const others = this.indexFor(uri)?.notesOf(client).filter((n) => n.uri !== uri).length ?? 0;
    return others + 1;
  }

  /** Every note of every record root known (the editor's workspace folder's at least), each root's index finished first: a search must not miss notes still being read. */
  allNotes(): NoteSummary[] {
    const initRoot = this.host.initRoot();
    if (initRoot !== undefined && this.roots.size === 0) {
      this.create(findRecordRoot(initRoot) ?? initRoot);
    }
    const notes: NoteSummary[] = [];
    for (const record of this.roots.values()) {
      if (record.pending) {
        this.readSome(record, Infinity);
      }
      notes.push(...record.index.all());
    }
    return notes;
  }

  /** The index of the record root of the note at canonical `uri`, with that note's client's notes read into it. */
  private indexFor(uri: string): RecordIndex | undefined {
    const path = uriToPath(uri);
    const root = path !== undefined ? this.rootOf(path) : this.host.initRoot();
    if (root === undefined) {
      return undefined;
    }
    const record = this.roots.get(root) ?? this.create(root);
    if (record.pending) {
      // The note's client's notes first (those whose client line reads like its id, and those whose
      // line a scan cannot read); the rest are read in the background, and the note is checked again then.
      const text = this.host.openText?.(uri);
      const client = text === undefined ? undefined : quickClientId(text);
      if (client === undefined) {
        this.readSome(record, Infinity);
      } else {
        this.readClient(record, clientIdKey(client));
        if (record.pending) {
          record.early.add(uri);
        }
      }
    }
    return record.index;
  }

  /** An open note was analysed: its summary (from the editor's text) replaces the stored one; its client's other open notes are re-checked when it changed. */
  noteAnalysed(summary: NoteSummary, terms?: TermUse[]): void {
    const path = uriToPath(summary.uri);
    const record = path !== undefined ? this.roots.get(this.rootOf(path)) : undefined;
    if (record) {
      this.put(record, summary);
      if (terms) {
        record.terms.set(summary.uri, terms);
      }
    }
  }

  /**
   * Where the notes of the record root of `path` name the term `kind`/`id` (open notes by their
   * editor text, `open` by canonical uri), read through `vocabulary` now (a pack edited since a note was read still counts). The index is finished first when the background build has not got there yet,
   * so no note is missed.
   */
  usesOf(path: string, kind: TermKind, id: string, vocabulary: Vocabulary, open: ReadonlyMap<string, TermUse[]> = new Map()): { uri: string; range: Range }[] {
    const root = this.rootOf(path);
    const record = this.roots.get(root) ?? this.create(root);
    if (record.pending) {
      this.readSome(record, Infinity);
    }
    // Open notes by their editor text, even when it has not been analysed for publishing yet.
    const terms = new Map(record.terms);
    for (const [uri, uses] of open) {
      const notePath = uriToPath(uri);
      if (notePath !== undefined && this.rootOf(notePath) === root) {
        terms.set(uri, uses);
      }
    }
    const out: { uri: string; range: Range }[] = [];
    for (const [uri, uses] of terms) {
      for (const use of uses) {
        if (usesTerm(use, kind, id, vocabulary)) {
          out.push({ uri, range: use.range });
        }
      }
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));
  }

  /** An open note was closed: the saved text's summary comes back. */
  closed(original: string): void {
    const uri = canonicalUri(original);
    const path = uriToPath(uri);
    const record = path !== undefined ? this.roots.get(this.rootOf(path)) : undefined;
    if (!record || path === undefined) {
      return;
    }
    const read = record.disk.has(uri) ? undefined : this.readDisk(path, uri);
    const disk = record.disk.get(uri) ?? read?.summary;
    if (disk) {
      this.put(record, disk);
      record.terms.set(uri, record.diskTerms.get(uri) ?? read?.terms ?? []);
    } else {
      this.remove(record, uri);
    }
  }

  /** Note files changed on disk (watched files): re-read those not open, forget deleted ones. */
  filesChanged(uris: readonly string[]): void {
    for (const original of uris) {
      const uri = canonicalUri(original);
      const path = uriToPath(uri);
      if (path === undefined || !isNoteFile(path)) {
        continue;
      }
      const record = this.roots.get(this.rootOf(path));
      if (!record) {
        continue;
      }
      const read = this.readDisk(path, uri);
      const summary = read?.summary;
      if (read) {
        record.disk.set(uri, read.summary);
        record.diskTerms.set(uri, read.terms);
      } else {
        record.disk.delete(uri);
        record.diskTerms.delete(uri);
      }
      if (this.host.isOpen(uri)) {
        continue;
      }
      if (summary) {
        this.put(record, summary);
        record.terms.set(uri, read.terms);
      } else {
        this.remove(record, uri);
      }
    }
  }

  private create(root: string): RootRecord {
    let pending: string[];
    try {
      pending = collectNoteFiles([root], root);
    } catch {
      // A folder that is not there (an untitled or virtual note) has no earlier notes.
      pending = [];
    }
    const record: RootRecord = { index: new RecordIndex(), disk: new Map(), terms: new Map(), diskTerms: new Map(), pending, early: new Set() };
    this.roots.set(root, record);
    return record;
  }

  /** Reads up to `count` pending files into the index; true when more remain. */
  private readSome(record: RootRecord, count: number): boolean {
    const pending = record.pending ?? [];
    const batch = pending.splice(0, count);
    for (const path of batch) {
      this.readInto(record, path, readNoteIfText(path));
    }
    return this.finishIfDone(record);
  }

  /** Reads the pending files whose client line reads like an id of key `key`, or cannot be read by the scan (fail closed). */
  private readClient(record: RootRecord, key: string): void {
    const rest: string[] = [];
    for (const path of record.pending ?? []) {
      const text = readNoteIfText(path);
      const quick = text === undefined ? undefined : quickClientId(text);
      if (text !== undefined && quick !== undefined && clientIdKey(quick) !== key) {
        rest.push(path);
      } else {
        this.readInto(record, path, text);
      }
    }
    record.pending = rest;
    this.finishIfDone(record);
  }

  private readInto(record: RootRecord, path: string, text: string | undefined): void {
    const uri = pathToFileURL(path).toString();
    const read = text === undefined ? undefined : this.host.engineFor(path).summariseWithTerms(uri, text);
    if (read) {
      record.disk.set(uri, read.summary);
      record.diskTerms.set(uri, read.terms);
      // An open note's editor text has already been summarised: it wins.
      if (!record.index.get(uri)) {
        record.index.set(read.summary);
        record.terms.set(uri, read.terms);
      }
    }
  }

  /** When no file is pending, the index is complete: analyses made before are stale, and notes checked early are checked again. True when files remain. */
  private finishIfDone(record: RootRecord): boolean {
    if ((record.pending ?? []).length > 0) {
      return true;
    }
    record.pending = undefined;
    this.builds++;
    const early = [...record.early].filter((u) => this.host.isOpen(u));
    record.early.clear();
    if (early.length > 0) {
      this.host.recheck(early);
    }
    return false;
  }

  private readDisk(path: string, uri: string): { summary: NoteSummary; terms: TermUse[] } | undefined {
    const text = readNoteIfText(path);
    return text === undefined ? undefined : this.host.engineFor(path).summariseWithTerms(uri, text);
  }

  private put(record: RootRecord, summary: NoteSummary): void {
    const old = record.index.get(summary.uri);
    if (old && JSON.stringify(old) === JSON.stringify(summary)) {
      return;
    }
    record.index.set(summary);
    this.changedClients(record, summary.uri, [old?.client, summary.client]);
  }

  private remove(record: RootRecord, uri: string): void {
    const old = record.index.get(uri);
    record.terms.delete(uri);
    if (old) {
      record.index.delete(uri);
      this.changedClients(record, uri, [old.client]);
    }
  }

  private changedClients(record: RootRecord, uri: string, clients: (string | undefined)[]): void {
    const stamp = ++this.counter;
    const others = new Set<string>();
    for (const client of new Set(clients)) {
      if (client !== undefined) {
        record.index.notesOf(client).forEach((n) => n.uri !== uri && others.add(n.uri));
        // A note whose id is typed like this client's gets (or loses) the near-match hint.
        for (const near of record.index.nearIds(client)) {
          record.index.notesOf(near).forEach((n) => others.add(n.uri));
        }
      }
    }
    others.forEach((u) => this.changedAt.set(u, stamp));
    const open = [...others].filter((u) => this.host.isOpen(u));
    if (open.length > 0) {
      this.host.recheck(open);
    }
  }
}
