import { hash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { quickClientId } from '../core/record/clientIds';
import { sameSignature, statSignature, type FileSignature } from '../node/fileSignature';
import type { PreloadedLookup, PreloadedSignature } from '../node/statPreload';
import { readNoteFile, type NoteRead } from '../node/noteFiles';

/** What the check cache keeps of a note file between runs: its signature when read, its text's hash, and the client id a line scan read from it (null: none could be read). */
export interface NoteFacts {
  signature: FileSignature;
  hash: string;
  client: string | null;
}

/** The sha256 (hex) of a text's UTF-8 bytes: what the check cache keys a note by. */
export function textHash(text: string): string {
  // The one-shot form: half the cost of createHash for the many short texts a cached run hashes.
  return hash('sha256', text, 'hex');
}

/** A note file that is text, read only when its text is asked for: its hash and client id come from its facts without reading it. */
export class NoteText {
  private fileUri: string | undefined;

  constructor(
    readonly file: string,
    private readonly source: NoteTexts,
    /** The hash of the text (from the cache's facts, or of the text read). */
    readonly textHash: string,
    /** The client id a line scan reads from the text; null when it reads none. */
    readonly scannedClientId: string | null,
    private read?: string,
  ) {}

  /** The file's uri (made when first asked for: a run answered from the cache never needs most of them). */
  get uri(): string {
    this.fileUri ??= pathToFileURL(this.file).toString();
    return this.fileUri;
  }

  /** The text; read now if it was not. Should the file have become unreadable since, '' (and {@link readFailed}: the run reports it, and nothing checked with it is cached). */
  get text(): string {
    if (this.read === undefined) {
      const read = this.source.read(this.file);
      this.read = 'text' in read ? read.text : '';
    }
    return this.read;
  }

  /** The facts to keep of this note for the next run, when they hold for the text this run used. */
  get facts(): NoteFacts | undefined {
    return this.source.factsOf(this.file);
  }

  /** True once the text has been read (on opening, or when it was asked for). */
  get textRead(): boolean {
    return this.read !== undefined;
  }

  /** True when the text was asked for and the file could no longer be read as a note. */
  get readFailed(): boolean {
    return this.read !== undefined && !('text' in this.source.read(this.file));
  }
}

/**
 * The note files of one `check` run, each read at most once. With facts from the cache (`known`),
 * a note whose signature (device, inode, size, mtime, ctime) is what it was when those facts were
 * taken, and that had settled then and now, is not read at all unless it must be checked again: its
 * hash and client id are the facts'. Any other note is read, and its facts are kept for the next
 * run only when its signature was the same before and after the read and it had settled.
 */
export class NoteTexts {
  private readonly reads = new Map<string, NoteRead>();
  private readonly opened = new Map<string, NoteText | Exclude<NoteRead, { text: string }>>();
  private readonly kept = new Map<string, NoteFacts>();

  constructor(
    private readonly maxBytes: number | undefined,
    private readonly known: Pick<ReadonlyMap<string, NoteFacts>, 'get'> | undefined,
    /** The file system's clock (ms) when the run started (`fileSystemNow`); undefined: no note counts as settled, so every note is read and no facts are kept. */
    private readonly nowMs: number | undefined,
    /** Signatures taken ahead on another thread (`preloadSignatures`), by path; 'missing' for a path it did not stat (stat'ed here). */
    private readonly preloaded?: PreloadedLookup,
  ) {}

  /** The signature of `path` before it is read: taken ahead when it was, else now; none without a clock. */
  private signatureOf(path: string): PreloadedSignature {
    if (this.nowMs === undefined) {
      return undefined;
    }
    const ahead = this.preloaded ? this.preloaded(path) : 'missing';
    return ahead === 'missing' ? statSignature(path, this.nowMs) : ahead;
  }

  /** The note at `path`: a {@link NoteText} when it is text (unread when its facts hold), or the finding or reason that stands for it. */
  open(path: string): NoteText | Exclude<NoteRead, { text: string }> {
    let note = this.opened.get(path);
    if (note) {
      return note;
    }
    // Without a clock nothing can be settled: no stat (a run without --cache stats no note).
    const before = this.signatureOf(path);
    const facts = this.known?.get(path);
    if (before?.settled && facts && sameSignature(facts.signature, before.signature)) {
      note = new NoteText(path, this, facts.hash, facts.client);
      this.kept.set(path, facts);
    } else {
      const read = this.read(path);
      if ('text' in read) {
        const fresh = { hash: textHash(read.text), client: quickClientId(read.text) ?? null };
        const after = before?.settled && this.nowMs !== undefined ? statSignature(path, this.nowMs) : undefined;
        if (before && after && sameSignature(after.signature, before.signature)) {
          this.kept.set(path, { signature: before.signature, ...fresh });
        }
        note = new NoteText(path, this, fresh.hash, fresh.client, read.text);
      } else {
        note = read;
      }
    }
    this.opened.set(path, note);
    return note;
  }

  /** Reads `path` as a note (once a run). */
  read(path: string): NoteRead {
    let read = this.reads.get(path);
    if (!read) {
      read = readNoteFile(path, this.maxBytes);
      this.reads.set(path, read);
    }
    return read;
  }

  /** The facts to keep of `path` for the next run: known to hold for the text this run used, else undefined. */
  factsOf(path: string): NoteFacts | undefined {
    return this.kept.get(path);
  }
}
