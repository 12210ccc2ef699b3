import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckJob, RecordText } from '../core/record/checkTogether';
import type { Finding } from '../core/types';
import { writeFileAtomic } from '../node/atomicWrite';
import { isFileSignature, type FileSignature } from '../node/fileSignature';
import { localToday } from '../node/nodeHost';
import type { Workspace } from '../node/workspace';
import { textHash, type NoteFacts } from './noteTexts';

/** What the cache file says it is; a file without it is someone else's and is never read as ours. */
const TAG = 'soapnote check cache';
/** The layout of the cache file; another layout is ignored. 2: entries keep the unit and text hashes apart, and each note's facts. 3: messages and uris kept once in `texts`. */
const FORMAT = 3;
/** A larger cache file is not read (ignored with a message). */
const MAX_CACHE_BYTES = 1_000_000_000;

/** Where `--cache` keeps its file by default, under the workspace root: inside `.soapnote/` when there is one (creating `.soapnote/` would move the client record's root). */
export function defaultCacheLocation(root: string): string {
  const folder = join(root, '.soapnote');
  return existsSync(folder) && statSync(folder).isDirectory() ? join(folder, '.cache', 'check.json') : join(root, '.soapnote-cache', 'check.json');
}

/** `entry` with the note's facts in place of any it had, when they are for the text it was checked as (else none: the next run reads the note). */
function withFacts(entry: Entry, facts: NoteFacts | undefined, hash: string): Entry {
  const { facts: _old, ...rest } = entry;
  return facts && facts.hash === hash ? { ...rest, facts } : rest;
}

/**
 * The hash of everything besides the note that decides its findings: the tool version, the
 * knowledge base and packs (built-in ones by their parsed content), the config's text, and today's
 * date (time-aware rules). A change to any of them makes every entry miss.
 */
export function settingsHash(version: string, workspace: Workspace): string {
  const hash = createHash('sha256');
  hash.update(`${TAG}\0${FORMAT}\0${version}\0${localToday()}\0${workspace.inputs.configText ?? ''}\0`);
  for (const pack of workspace.inputs.packs) {
    hash.update(`${pack.uri}\0${pack.text}\0${pack.pack ? JSON.stringify(pack.pack) : ''}\0`);
  }
  return hash.digest('hex');
}

/** A note as the cache sees it: a check job, with what a {@link NoteText} knows of it besides (its hash and facts without reading it). */
export type CachedJob = CheckJob & { textHash?: string; facts?: NoteFacts; readFailed?: boolean };

/** What the cache keeps per note: the unit it was checked in, its text's hash, its findings, and its file's facts (when they held for that text). */
interface Entry {
  unit: string;
  hash: string;
  findings: Finding[];
  facts?: NoteFacts;
  /** Its place in the file it was read from, while its findings are those read there: written back from that file's refs (see {@link ReadFile}). */
  read?: number;
}

/** What a cache file held besides its entries, to write unchanged entries back without packing their findings again. */
interface ReadFile {
  bodies: readonly Finding[];
  offsets: readonly number[];
  refs: readonly number[];
}


/**
 * The cache file. Findings repeat across notes (the same precaution for every note of a client on
 * ibuprofen): each distinct finding is kept once in `bodies` with its range left out (`range: 0`).
 * Per note, in parallel columns (a few long arrays parse much faster than thousands of small
 * objects): `files`; `units`, an index into `unitTable` (the unit hashes); `hashes`, the text hashes
 * run together, 64 characters each; `signatures` and `clients`, the facts (null signature: none);
 * and `refs`, the note's findings from `offsets[i]` to `offsets[i + 1]` as
 * `[body, startLine, startCharacter, endLine, endCharacter, ...]`. Messages and uris repeat across
 * bodies (a carried condition is named in every later note of the client): each is kept once in
 * `texts`, and a body names it by its index there (see {@link packBody}). Rebuilt findings share a
 * body's nested objects (subject, related, fix): nothing downstream changes a finding.
 */
interface Stored {
  tag?: unknown;
  format?: unknown;
  version?: unknown;
  settings?: unknown;
  unitTable?: unknown;
  texts?: unknown;
  bodies?: unknown;
  files?: unknown;
  units?: unknown;
  hashes?: unknown;
  signatures?: unknown;
  clients?: unknown;
  offsets?: unknown;
  refs?: unknown;
}

/** A table that keeps each value once: the index of `value` by `key`, the value added the first time its key is seen. */
function internTable<T>(list: T[]): (key: string, value: T) => number {
  const index = new Map<string, number>();
  return (key, value) => {
    let at = index.get(key);
    if (at === undefined) {
      at = list.push(value) - 1;
      index.set(key, at);
    }
    return at;
  };
}

/** `entries` in the columns the cache file keeps them in (see {@link Stored}). */
function writeEntries(entries: ReadonlyMap<string, Entry>, read: ReadFile | undefined): Omit<Required<Stored>, 'tag' | 'format' | 'version' | 'settings'> {
  const unitTable: string[] = [];
  const unitOf = internTable(unitTable);
  const texts: string[] = [];
  const textOf = internTable(texts);
  const text = (value: string): number => textOf(value, value);
  const bodies: unknown[] = [];
  const bodyOf = internTable(bodies);
  /** The index of a finding's body (packed, kept once). */
  const add = (finding: Finding): number => {
    const body = packBody(finding, text);
    return bodyOf(JSON.stringify(body), body);
  };
  /** By body of the file read: its index in this one. */
  const indexOfRead: number[] = [];
  const files: string[] = [];
  const units: number[] = [];
  const hashes: string[] = [];
  const signatures: (FileSignature | null)[] = [];
  const clients: (string | null)[] = [];
  const offsets: number[] = [0];
  const refs: number[] = [];
  for (const [file, entry] of entries) {
    const unit = unitOf(entry.unit, entry.unit);
    if (read && entry.read !== undefined) {
      // Unchanged since it was read: its refs copied, each of the file's bodies packed once (a run
      // that changed a few notes writes every other note back).
      for (let r = read.offsets[entry.read] as number; r < (read.offsets[entry.read + 1] as number); r += 5) {
        const old = read.refs[r] as number;
        let index = indexOfRead[old];
        if (index === undefined) {
          index = add(read.bodies[old] as Finding);
          indexOfRead[old] = index;
        }
        refs.push(index, read.refs[r + 1] as number, read.refs[r + 2] as number, read.refs[r + 3] as number, read.refs[r + 4] as number);
      }
    } else {
      for (const finding of entry.findings) {
        refs.push(add(finding), finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character);
      }
    }
    files.push(file);
    units.push(unit);
    hashes.push(entry.hash);
    signatures.push(entry.facts?.signature ?? null);
    clients.push(entry.facts?.client ?? null);
    offsets.push(refs.length);
  }
  return { unitTable, texts, bodies, files, units, hashes: hashes.join(''), signatures, clients, offsets, refs };
}

/**
 * A finding as the cache file keeps it: its range left out (`range: 0`, the key kept where it is so a
 * rebuilt finding has its keys in the same order), its message and each related place's message and
 * uri as indexes into `texts`, and each related range as `[startLine, startCharacter, endLine, endCharacter]`.
 */
function packBody(finding: Finding, text: (value: string) => number): Record<string, unknown> {
  const body: Record<string, unknown> = { ...finding, range: 0, message: text(finding.message) };
  if (finding.related) {
    body['related'] = finding.related.map((r) => {
      const packed: Record<string, unknown> = { ...r, message: text(r.message), range: [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character] };
      if (r.uri !== undefined) {
        packed['uri'] = text(r.uri);
      }
      return packed;
    });
  }
  return body;
}

/**
 * The finding (range still 0) a body of the cache file stands for, or undefined when it is not one
 * {@link packBody} writes. Unpacked in place: the body was just parsed from the file and is this
 * cache's own, and new objects for 10,000 bodies and their related places are only more for the
 * collector to copy.
 */
function unpackBody(stored: unknown, texts: readonly string[], ranges: RangeTable): Finding | undefined {
  const b = stored as Record<string, unknown> | null;
  const textAt = (index: unknown): string | undefined => (isCount(index) ? texts[index] : undefined);
  if (typeof b !== 'object' || b === null || Array.isArray(b) || b['range'] !== 0) {
    return undefined;
  }
  const message = textAt(b['message']);
  const related = b['related'];
  if (message === undefined || (related !== undefined && !Array.isArray(related))) {
    return undefined;
  }
  // Every related place checked before any is changed.
  for (const r of (related ?? []) as unknown[]) {
    const packed = r as Record<string, unknown> | null;
    const range = packed?.['range'];
    if (typeof packed !== 'object' || packed === null || textAt(packed['message']) === undefined || (packed['uri'] !== undefined && textAt(packed['uri']) === undefined) || !Array.isArray(range) || range.length !== 4 || !range.every(isCount)) {
      return undefined;
    }
  }
  b['message'] = message;
  for (const r of (related ?? []) as Record<string, unknown>[]) {
    const [startLine, startCharacter, endLine, endCharacter] = r['range'] as number[];
    r['message'] = textAt(r['message']);
    r['range'] = ranges.get(startLine as number, startCharacter as number, endLine as number, endCharacter as number);
    if (r['uri'] !== undefined) {
      r['uri'] = textAt(r['uri']);
    }
  }
  // Checked as a finding with a range in place of the 0 (the same test as any finding's).
  return isFinding({ ...b, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }) ? (b as unknown as Finding) : undefined;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The entries of a cache file, or why they cannot be trusted. */
function readEntries(data: Stored): { entries: Map<string, Entry>; read: ReadFile } | string {
  const { unitTable, texts, bodies, files, units, hashes, signatures, clients, offsets, refs } = data;
  const n = Array.isArray(files) ? files.length : -1;
  const columns =
    Array.isArray(unitTable) && unitTable.every((u) => typeof u === 'string') &&
    Array.isArray(texts) && texts.every((t) => typeof t === 'string') &&
    Array.isArray(bodies) && Array.isArray(files) && files.every((f) => typeof f === 'string') &&
    Array.isArray(units) && units.length === n && units.every((u) => isCount(u) && u < unitTable.length) &&
    // Hex throughout (decoding stops at the first other character: four times faster than a regex; an upper-case hash is a miss, never a hit).
    typeof hashes === 'string' && hashes.length === 64 * n && Buffer.from(hashes, 'hex').length === 32 * n &&
    Array.isArray(signatures) && signatures.length === n && signatures.every((sig) => sig === null || isFileSignature(sig)) &&
    Array.isArray(clients) && clients.length === n && clients.every(isStringOrNull) &&
    Array.isArray(offsets) && offsets.length === n + 1 && offsets[0] === 0 && offsets.every((o, i) => isCount(o) && (i === 0 || o >= (offsets[i - 1] as number))) &&
    Array.isArray(refs) && offsets[n] === refs.length && refs.every(isCount);
  if (!columns) {
    return 'its entries are missing or corrupt';
  }
  const ranges = new RangeTable();
  const ranged: Finding[] = [];
  for (const stored of bodies) {
    const body = unpackBody(stored, texts as string[], ranges);
    if (!body) {
      return 'its table of findings is corrupt';
    }
    ranged.push(body);
  }
  const out = new Map<string, Entry>();
  for (let i = 0; i < n; i++) {
    const file = files[i] as string;
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    const findings = (to - from) % 5 === 0 ? rebuild(refs as number[], from, to, ranged, ranges) : undefined;
    if (!findings) {
      return `its entry for ${file} is corrupt`;
    }
    const hash = hashes.slice(64 * i, 64 * (i + 1));
    const unit = unitTable[units[i] as number] as string;
    const signature = signatures[i] as FileSignature | null;
    // Literals, not spreads: 20,000 entries are made on every run that reads the cache.
    out.set(file, signature !== null ? { unit, hash, findings, facts: { signature, hash, client: clients[i] as string | null }, read: i } : { unit, hash, findings, read: i });
  }
  return { entries: out, read: { bodies: ranged, offsets: offsets as number[], refs: refs as number[] } };
}

/**
 * Ranges, each made once: findings of notes laid out alike sit at the same places, and one object per
 * place (not three per finding) is less for the collector to move. Like a body's nested objects, a range
 * is shared: nothing downstream changes a finding.
 */
class RangeTable {
  private readonly byStart = new Map<number, Map<number, Finding['range']>>();

  /** The range from (startLine, startCharacter) to (endLine, endCharacter). */
  get(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Finding['range'] {
    // Two positions as two numbers (line * 2^21 + character): exact while characters stay under 2^21 and lines under 2^31.
    if (startCharacter >= RANGE_CHARACTERS || endCharacter >= RANGE_CHARACTERS || startLine >= RANGE_LINES || endLine >= RANGE_LINES) {
      return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
    }
    const start = startLine * RANGE_CHARACTERS + startCharacter;
    const end = endLine * RANGE_CHARACTERS + endCharacter;
    let ends = this.byStart.get(start);
    if (!ends) {
      ends = new Map();
      this.byStart.set(start, ends);
    }
    let range = ends.get(end);
    if (!range) {
      range = { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
      ends.set(end, range);
    }
    return range;
  }
}

const RANGE_CHARACTERS = 2 ** 21;
const RANGE_LINES = 2 ** 31;

/** The findings `refs[from..to)` name, or undefined when one names no body. */
function rebuild(refs: readonly number[], from: number, to: number, bodies: readonly Finding[], ranges: RangeTable): Finding[] | undefined {
  const findings: Finding[] = [];
  for (let i = from; i < to; i += 5) {
    const body = bodies[refs[i] as number];
    if (!body) {
      return undefined;
    }
    findings.push({ ...body, range: ranges.get(refs[i + 1] as number, refs[i + 2] as number, refs[i + 3] as number, refs[i + 4] as number) });
  }
  return findings;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** True for a finding as the cache writes one (anything else in the file means it is not to be trusted). */
function isFinding(value: unknown): value is Finding {
  const f = value as Partial<Record<keyof Finding, unknown>> | null;
  const range = f?.range as { start?: unknown; end?: unknown } | undefined;
  return typeof f === 'object' && f !== null && typeof f.ruleId === 'string' && typeof f.severity === 'string' && SEVERITIES.has(f.severity) && typeof f.message === 'string' && typeof range === 'object' && range !== null && isPosition(range.start) && isPosition(range.end);
}

/**
 * The findings of earlier `check --cache` runs, by file: an entry is used only when the file's
 * settings (tool, knowledge base, config, packs, date), the unit the note is checked in (its
 * client's notes) and the hash of the note's text all match the run's exactly. Each entry also
 * keeps its file's facts, so that an unchanged note need not be read (see `NoteTexts`).
 * A file that is corrupt, cut short, someone else's or of another version or settings is ignored
 * with a message on stderr and replaced at the end of the run, never trusted.
 */
export class CheckCache {
  private old = new Map<string, Entry>();
  /** The file's bodies and refs, for entries written back unchanged. */
  private read: ReadFile | undefined;
  private readonly fresh = new Map<string, Entry>();
  /** Notes answered from the cache this run. */
  hits = 0;
  /** The file on disk was ignored (corrupt, foreign, stale): it is written again whatever this run found. */
  private replace = false;

  constructor(
    readonly path: string,
    private readonly version: string,
    private readonly settings: string,
    stderr: (text: string) => void,
  ) {
    const ignore = (why: string): void => {
      this.replace = true;
      stderr(`soapnote: ignoring the check cache ${path}: ${why}; every note is checked again\n`);
    };
    let text: string;
    try {
      if (!existsSync(path)) {
        return;
      }
      if (statSync(path).size > MAX_CACHE_BYTES) {
        ignore('it is larger than 1 GB');
        return;
      }
      text = readFileSync(path, 'utf8');
    } catch (error) {
      ignore(`it cannot be read (${(error as Error).message})`);
      return;
    }
    let data: Stored;
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      ignore('it is not valid JSON (corrupt or cut short)');
      return;
    }
    if (typeof data !== 'object' || data === null || data.tag !== TAG) {
      ignore('it is not a soapnote check cache');
      return;
    }
    if (data.format !== FORMAT) {
      ignore(`it is in cache format ${JSON.stringify(data.format)}, this soapnote uses ${FORMAT}`);
      return;
    }
    if (data.version !== version) {
      ignore(`it was written by soapnote ${typeof data.version === 'string' ? data.version : 'of an unknown version'}, this is ${version}`);
      return;
    }
    if (data.settings !== settings) {
      ignore('the knowledge base, the config, the packs or the date changed since it was written');
      return;
    }
    const entries = readEntries(data);
    if (typeof entries === 'string') {
      ignore(entries);
      return;
    }
    this.old = entries.entries;
    this.read = entries.read;
  }

  /** The facts of the notes of the last run, by file: what lets a note that did not change go unread. */
  facts(): Pick<ReadonlyMap<string, NoteFacts>, 'get'> {
    return { get: (file) => this.old.get(file)?.facts };
  }

  /** Texts' hashes, each text hashed once a run (a note is a job and a record note of its unit). */
  private readonly textHashes = new Map<string, string>();

  /** The hash of a note's text: known without reading it for a {@link NoteText}, else hashed (once a run). */
  private hashOf(note: { text: string; textHash?: string }): string {
    if (note.textHash !== undefined) {
      return note.textHash;
    }
    let hash = this.textHashes.get(note.text);
    if (hash === undefined) {
      hash = textHash(note.text);
      this.textHashes.set(note.text, hash);
    }
    return hash;
  }

  /**
   * The hash of a unit checked together: its kind (the client-id key) and every note it is checked
   * with (so an edit to any of the client's notes makes all of them miss). Notes are named by file
   * when they have one (a uri costs a conversion) and by uri otherwise: either names one note.
   */
  unitHash(kind: string, jobs: readonly CachedJob[], record: readonly (RecordText & { file?: string; textHash?: string })[]): string {
    // `kind`, then `job`, file, hash for each job and `record`, name, hash for each record note, in
    // order, joined by NULs: one string made once (no string per note; 9,000 units in a large run).
    const fields: string[] = [kind];
    this.addSorted(fields, 'job', jobs.map((job) => ({ name: job.file, hash: this.hashOf(job) })));
    this.addSorted(fields, 'record', record.map((note) => ({ name: note.file ?? note.uri, hash: this.hashOf(note) })));
    return textHash(fields.join('\0'));
  }

  /** Adds `role`, name, hash for each of `notes` to `fields`, by name then hash (the order of the strings `role\0name\0hash`: a name holds no NUL). */
  private addSorted(fields: string[], role: string, notes: { name: string; hash: string }[]): void {
    const before = (a: { name: string; hash: string }, b: { name: string; hash: string }): boolean => a.name < b.name || (a.name === b.name && a.hash < b.hash);
    // Usually in order already (jobs by path, the record as listed): sorted only when not.
    if (!notes.every((note, i) => i === 0 || !before(note, notes[i - 1] as { name: string; hash: string }))) {
      notes.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    }
    for (const note of notes) {
      fields.push(role, note.name, note.hash);
    }
  }

  /** Puts the cached findings of every job of a unit into `into` and returns true; false (and nothing put) when any one is missing or stale (the unit is checked again). */
  lookup(unit: string, jobs: readonly CachedJob[], into: Map<string, Finding[]>): boolean {
    for (const job of jobs) {
      const entry = this.old.get(job.file);
      if (!entry || entry.unit !== unit || entry.hash !== this.hashOf(job)) {
        return false;
      }
    }
    for (const job of jobs) {
      const entry = this.old.get(job.file) as Entry;
      into.set(job.file, entry.findings);
      // The same entry when its facts are unchanged (so an all-hit run need not write the file).
      const facts = job.facts;
      this.fresh.set(job.file, entry.facts === facts ? entry : withFacts(entry, facts, entry.hash));
    }
    this.hits += jobs.length;
    return true;
  }

  /** Keeps the findings of a unit's jobs, checked this run; none when a note of the unit could not be read after all (its neighbours were checked without it). */
  store(unit: string, jobs: readonly CachedJob[], findings: ReadonlyMap<string, Finding[]>): void {
    if (jobs.some((job) => job.readFailed === true)) {
      return;
    }
    for (const job of jobs) {
      const found = findings.get(job.file);
      if (found) {
        const hash = this.hashOf(job);
        this.fresh.set(job.file, withFacts({ unit, hash, findings: found }, job.facts, hash));
      }
    }
  }

  /** True when this run found exactly what the file holds (every note a hit, none added or gone): writing it again would change nothing. */
  private unchanged(): boolean {
    if (this.replace || this.fresh.size !== this.old.size) {
      return false;
    }
    for (const [file, entry] of this.fresh) {
      if (this.old.get(file) !== entry) {
        return false;
      }
    }
    return true;
  }

  /** Writes the cache (atomically): this run's entries, and earlier ones for notes that still exist; not at all when nothing changed. Returns a problem to report, or undefined. */
  save(): string | undefined {
    if (this.unchanged()) {
      return undefined;
    }
    const kept = new Map<string, Entry>();
    for (const [file, entry] of this.old) {
      if (!this.fresh.has(file) && existsSync(file)) {
        kept.set(file, entry);
      }
    }
    for (const [file, entry] of this.fresh) {
      kept.set(file, entry);
    }
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileAtomic(this.path, JSON.stringify({ tag: TAG, format: FORMAT, version: this.version, settings: this.settings, ...writeEntries(kept, this.read) }));
      return undefined;
    } catch (error) {
      return `could not write the check cache ${this.path}: ${(error as Error).message}`;
    }
  }
}
