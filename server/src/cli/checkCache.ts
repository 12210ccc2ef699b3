import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckJob, RecordText } from '../core/record/checkTogether';
import type { Finding } from '../core/types';
import { writeFileAtomic } from '../node/atomicWrite';
import { localToday } from '../node/nodeHost';
import type { Workspace } from '../node/workspace';

/** What the cache file says it is; a file without it is someone else's and is never read as ours. */
const TAG = 'soapnote check cache';
/** The layout of the cache file; another layout is ignored. */
const FORMAT = 1;
/** A larger cache file is not read (ignored with a message). */
const MAX_CACHE_BYTES = 1_000_000_000;

/** Where `--cache` keeps its file by default, under the workspace root: inside `.soapnote/` when there is one (creating `.soapnote/` would move the client record's root). */
export function defaultCacheLocation(root: string): string {
  const folder = join(root, '.soapnote');
  return existsSync(folder) && statSync(folder).isDirectory() ? join(folder, '.cache', 'check.json') : join(root, '.soapnote-cache', 'check.json');
}

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

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


interface Entry {
  key: string;
  findings: Finding[];
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
 * The findings of earlier `check --cache` runs, by file: an entry is used only when its key (the
 * settings, the unit the note was checked in, the note's uri and text) matches the run's exactly.
 * A file that is corrupt, cut short, someone else's or of another version or settings is ignored
 * with a message on stderr and replaced at the end of the run, never trusted.
 */
export class CheckCache {
  private readonly old = new Map<string, Entry>();
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
    let data: { tag?: unknown; format?: unknown; version?: unknown; settings?: unknown; entries?: unknown };
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
    if (typeof data.entries !== 'object' || data.entries === null || Array.isArray(data.entries)) {
      ignore('its entries are missing or corrupt');
      return;
    }
    for (const [file, entry] of Object.entries(data.entries as Record<string, unknown>)) {
      const e = entry as Partial<Entry> | null;
      if (typeof e !== 'object' || e === null || typeof e.key !== 'string' || !Array.isArray(e.findings) || !e.findings.every(isFinding)) {
        this.old.clear();
        ignore(`its entry for ${file} is corrupt`);
        return;
      }
      this.old.set(file, { key: e.key, findings: e.findings });
    }
  }

  /** Texts' hashes, each text hashed once a run (a note is a job and a record note of its unit). */
  private readonly textHashes = new Map<string, string>();

  private textHash(text: string): string {
    let hash = this.textHashes.get(text);
    if (hash === undefined) {
      hash = sha(text);
      this.textHashes.set(text, hash);
    }
    return hash;
  }

  /** The hash of a unit checked together: its kind (the client-id key) and every note it is checked with (so an edit to any of the client's notes makes all of them miss). */
  unitHash(kind: string, jobs: readonly CheckJob[], record: readonly RecordText[]): string {
    const parts = [...jobs.map((j) => `job\0${j.uri}\0${this.textHash(j.text)}`), ...record.map((r) => `record\0${r.uri}\0${this.textHash(r.text)}`)].sort();
    return sha(`${kind}\0${parts.join('\0')}`);
  }

  private keyOf(unit: string, job: CheckJob): string {
    return sha(`${this.settings}\0${unit}\0${job.uri}\0${this.textHash(job.text)}`);
  }

  /** The cached findings of every job of a unit, or undefined when any one is missing or stale (the unit is checked again). */
  lookup(unit: string, jobs: readonly CheckJob[]): Map<string, Finding[]> | undefined {
    const out = new Map<string, Finding[]>();
    for (const job of jobs) {
      const entry = this.old.get(job.file);
      if (!entry || entry.key !== this.keyOf(unit, job)) {
        return undefined;
      }
      out.set(job.file, entry.findings);
    }
    for (const job of jobs) {
      this.fresh.set(job.file, this.old.get(job.file) as Entry);
    }
    this.hits += jobs.length;
    return out;
  }

  /** Keeps the findings of a unit's jobs, checked this run. */
  store(unit: string, jobs: readonly CheckJob[], findings: ReadonlyMap<string, Finding[]>): void {
    for (const job of jobs) {
      const found = findings.get(job.file);
      if (found) {
        this.fresh.set(job.file, { key: this.keyOf(unit, job), findings: found });
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
    const entries: Record<string, Entry> = {};
    for (const [file, entry] of this.old) {
      if (!this.fresh.has(file) && existsSync(file)) {
        entries[file] = entry;
      }
    }
    for (const [file, entry] of this.fresh) {
      entries[file] = entry;
    }
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileAtomic(this.path, JSON.stringify({ tag: TAG, format: FORMAT, version: this.version, settings: this.settings, entries }));
      return undefined;
    } catch (error) {
      return `could not write the check cache ${this.path}: ${(error as Error).message}`;
    }
  }
}
