import { append } from './append';
import type { Engine, NoteRecord } from './engine';
import type { LanguageServiceHost } from './languageServiceHost';
import { RecordIndex } from './record/recordIndex';
import type { NoteSummary } from './record/types';
import type { TermUse } from './authoring/termAt';
import { clientIdKey, quickClientId } from './record/clientIds';
import { formatUri, splitUri, uriKey } from './uris';

/** One spelling of a note's URI for the record (editor and file listing may encode a name differently). */
export function recordUri(uri: string): string {
  const split = splitUri(uri);
  return split ? formatUri(split.head.toLowerCase(), split.segments) : uri;
}

/** A root's record: the index, the disk summaries (to put back when an editor closes), the notes open in the editor. */
interface RootRecord {
  root: string;
  engine: Engine;
  index: RecordIndex;
  disk: Map<string, NoteSummary>;
  /** The terms each note writes (the editor's text when open), for "find references"; `diskTerms` as `disk`. */
  terms: Map<string, TermUse[]>;
  diskTerms: Map<string, TermUse[]>;
  /** Bumped when the index is (re)built and when it is complete: every analysis made before may have missed notes. */
  build: number;
  /** Settles when the notes are listed. */
  listed: Promise<void>;
  /** Settles when every listed note is in the index. */
  ready: Promise<void>;
  /** Listed notes not summarised yet, with their text when it was read already (by a client-first read). */
  pending: string[];
  texts: Map<string, string>;
  /** Reads are done one batch at a time (a background chunk or a client-first read), never interleaved. */
  lock: Promise<void>;
  /** Open notes checked before the index was complete (their client's notes read first): checked again when it is. */
  early: Set<string>;
}

/** Notes summarised per turn while the index is built in the background: analyses and requests run in between. */
const BUILD_CHUNK = 50;

/**
 * The client's record per workspace root for the language service: every note the host lists under
 * the root, read and summarised once in the background, then kept current by the editor's texts and
 * file changes. A note checked before the index is complete waits for its client's notes (those whose
 * client line reads like its id, and every note whose line a scan cannot read: fail closed), and is
 * checked again when the index is complete; a note whose own client line cannot be scanned waits for all.
 */
export class ServiceRecords {
  private readonly roots = new Map<string, RootRecord>();
  /** The open notes as last analysed (by record URI), with the root they belong to: a record rebuilt for a new engine starts with them, not with their saved texts. */
  private readonly open = new Map<string, { root: string; summary: NoteSummary; terms?: TermUse[] }>();
  private builds = 0;
  private counter = 0;
  /** Per note, the last change of its client's record (another note of the client, or a near id): analyses made before are stale. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly host: LanguageServiceHost,
    /** These notes' record changed (another note of their client): the open ones among them are checked again. */
    private readonly changed: (uris: string[]) => void,
  ) {}

  /**
   * The record to check the note `uri` of `root` with (built when needed, or rebuilt for a new engine:
   * packs decide what is the same condition). `text`: the note's text, whose client's notes are read
   * first while the index is incomplete; without it, the whole index is awaited.
   */
  async recordFor(root: string, engine: Engine, uri: string, text?: string): Promise<{ record: NoteRecord; stamp: string; index: RecordIndex }> {
    let entry = this.roots.get(uriKey(root));
    if (!entry || entry.engine !== engine) {
      entry = this.build(root, engine);
    }
    const key = recordUri(uri);
    await entry.listed;
    const client = text === undefined ? undefined : quickClientId(text);
    if (entry.pending.length > 0 && client !== undefined) {
      await this.readClient(entry, clientIdKey(client));
      if (entry.pending.length > 0) {
        entry.early.add(key);
      }
    } else {
      await entry.ready;
    }
    return { record: { uri: key, lookup: entry.index }, stamp: `${entry.build}:${this.changedAt.get(key) ?? 0}`, index: entry.index };
  }

  /** An open note was analysed: its editor text's summary (and the terms it writes) replace the stored ones. */
  noteAnalysed(root: string, summary: NoteSummary, terms?: TermUse[]): void {
    this.open.set(summary.uri, { root: uriKey(root), summary, ...(terms ? { terms } : {}) });
    const entry = this.roots.get(uriKey(root));
    if (entry) {
      this.put(entry, summary);
      if (terms) {
        entry.terms.set(summary.uri, terms);
      }
    }
  }

  /** Every note of the roots built so far (each built first), one per URI: a note's own root (the deepest) wins, so an open note's editor text counts. */
  async allNotes(): Promise<NoteSummary[]> {
    const entries = [...this.roots.values()].sort((a, b) => uriKey(a.root).length - uriKey(b.root).length);
    await Promise.all(entries.map((e) => e.ready));
    const notes = new Map<string, NoteSummary>();
    for (const entry of entries) {
      entry.index.all().forEach((n) => notes.set(n.uri, n));
    }
    return [...notes.values()];
  }

  /** The terms each note of `root`'s record writes, by URI (built first). */
  async termsOf(root: string, engine: Engine): Promise<ReadonlyMap<string, TermUse[]>> {
    let entry = this.roots.get(uriKey(root));
    if (!entry || entry.engine !== engine) {
      entry = this.build(root, engine);
    }
    await entry.ready;
    return entry.terms;
  }

  /** An open note was closed: the saved text's summary comes back (or the note leaves the record). */
  async closed(root: string, uri: string): Promise<void> {
    const key = recordUri(uri);
    this.open.delete(key);
    const entry = this.roots.get(uriKey(root));
    if (entry) {
      await this.reread(entry, key);
    }
  }

  /** Note files changed (created, edited, deleted) outside the editor: re-read those not open. */
  async filesChanged(uris: readonly string[]): Promise<void> {
    for (const [rootKey, entry] of this.roots) {
      for (const uri of uris) {
        const key = recordUri(uri);
        if (/\.soap\.ya?ml$/i.test(key) && uriKey(key).startsWith(`${rootKey.replace(/\/$/, '')}/`) && !this.open.has(key)) {
          await this.reread(entry, key);
        }
      }
    }
  }

  /** Forgets every root (a reloaded workspace rebuilds its record with the new engine). */
  reset(): void {
    this.roots.clear();
  }

  private build(root: string, engine: Engine): RootRecord {
    const entry: RootRecord = {
      root, engine, index: new RecordIndex(), disk: new Map(), terms: new Map(), diskTerms: new Map(), build: ++this.builds,
      listed: Promise.resolve(), ready: Promise.resolve(), pending: [], texts: new Map(), lock: Promise.resolve(), early: new Set(),
    };
    // The editor's texts win over the saved ones until the notes are analysed again with the new engine.
    for (const [uri, open] of this.open) {
      if (open.root === uriKey(root)) {
        entry.index.set(open.summary);
        if (open.terms) {
          entry.terms.set(uri, open.terms);
        }
      }
    }
    entry.listed = (async () => {
      try {
        entry.pending = (await this.host.listNotes(root)).map(recordUri);
      } catch {
        // A folder that cannot be listed (an untitled note's) has no earlier notes.
      }
    })();
    entry.ready = (async () => {
      await entry.listed;
      // `pending` is read only under the lock: a client-first read empties it while it runs.
      let more = true;
      while (more) {
        await this.locked(entry, async () => {
          for (const uri of entry.pending.splice(0, BUILD_CHUNK)) {
            await this.readInto(entry, uri, entry.texts.get(uri));
          }
          more = entry.pending.length > 0;
        });
        if (more) {
          // A turn for the editor's requests between chunks.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
      }
      this.finish(entry);
    })();
    this.roots.set(uriKey(root), entry);
    return entry;
  }

  /** Runs `work` when no other read of the entry runs. */
  private locked(entry: RootRecord, work: () => Promise<void>): Promise<void> {
    const run = entry.lock.then(work);
    entry.lock = run.catch(() => undefined);
    return run;
  }

  /** Summarises the pending notes whose client line reads like an id of key `key`, or cannot be read by the scan (fail closed); keeps the others' texts. */
  private readClient(entry: RootRecord, key: string): Promise<void> {
    return this.locked(entry, async () => {
      const rest: string[] = [];
      for (const uri of entry.pending.splice(0)) {
        const text = entry.texts.get(uri) ?? (await this.readText(uri));
        const quick = text === undefined ? undefined : quickClientId(text);
        if (text !== undefined && quick !== undefined && clientIdKey(quick) !== key) {
          entry.texts.set(uri, text);
          rest.push(uri);
        } else {
          await this.readInto(entry, uri, text);
        }
      }
      // Put back ahead of any listed meanwhile, one by one (a spread of 150,000 uris overflows the stack).
      const later = entry.pending.splice(0);
      append(append(entry.pending, rest), later);
    });
  }

  /** Puts a listed note's disk summary into the index (an open note's editor text, summarised already, wins). */
  private async readInto(entry: RootRecord, uri: string, known: string | undefined): Promise<void> {
    entry.texts.delete(uri);
    const text = known ?? (await this.readText(uri));
    const read = text === undefined ? undefined : entry.engine.summariseWithTerms(uri, text);
    if (read) {
      entry.disk.set(uri, read.summary);
      entry.diskTerms.set(uri, read.terms);
      if (!entry.index.get(uri)) {
        entry.index.set(read.summary);
        entry.terms.set(uri, read.terms);
      }
    }
  }

  /** The index is complete: analyses made before are stale (a new build stamp), and the open notes checked early are checked again. */
  private finish(entry: RootRecord): void {
    if (this.roots.get(uriKey(entry.root)) !== entry) {
      return;
    }
    if (entry.early.size > 0) {
      entry.build = ++this.builds;
      const early = [...entry.early].filter((u) => this.open.has(u));
      entry.early.clear();
      if (early.length > 0) {
        this.changed(early);
      }
    }
  }

  private async readText(uri: string): Promise<string | undefined> {
    try {
      const read = await this.host.readFile(uri);
      return 'text' in read ? read.text : undefined;
    } catch {
      return undefined;
    }
  }

  private async summary(engine: Engine, uri: string): Promise<{ summary: NoteSummary; terms: TermUse[] } | undefined> {
    try {
      const read = await this.host.readFile(uri);
      return 'text' in read ? engine.summariseWithTerms(uri, read.text) : undefined;
    } catch {
      return undefined;
    }
  }

  private async reread(entry: RootRecord, uri: string): Promise<void> {
    await entry.ready;
    const read = await this.summary(entry.engine, uri);
    if (read) {
      entry.disk.set(uri, read.summary);
      entry.diskTerms.set(uri, read.terms);
      entry.terms.set(uri, read.terms);
      this.put(entry, read.summary);
    } else {
      entry.disk.delete(uri);
      entry.diskTerms.delete(uri);
      entry.terms.delete(uri);
      const old = entry.index.get(uri);
      if (old) {
        entry.index.delete(uri);
        this.touch(entry, uri, [old.client]);
      }
    }
  }

  private put(entry: RootRecord, summary: NoteSummary): void {
    const old = entry.index.get(summary.uri);
    if (old && JSON.stringify(old) === JSON.stringify(summary)) {
      return;
    }
    entry.index.set(summary);
    this.touch(entry, summary.uri, [old?.client, summary.client]);
  }

  /** Marks the other notes of these clients (and of ids typed like theirs) as changed, and says which. */
  private touch(entry: RootRecord, uri: string, clients: (string | undefined)[]): void {
    const stamp = ++this.counter;
    const others = new Set<string>();
    for (const client of new Set(clients)) {
      if (client !== undefined) {
        entry.index.notesOf(client).forEach((n) => n.uri !== uri && others.add(n.uri));
        for (const near of entry.index.nearIds(client)) {
          entry.index.notesOf(near).forEach((n) => others.add(n.uri));
        }
      }
    }
    others.forEach((u) => this.changedAt.set(u, stamp));
    const open = [...others].filter((u) => this.open.has(u));
    if (open.length > 0) {
      this.changed(open);
    }
  }
}
