import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTemplate } from '../core/templates/checkTemplate';
import type { Finding } from '../core/types';
import { findNotes, realPath, unreadableFinding, type FoundNote, type NoteSearch } from '../node/noteFiles';
import { CheckCache, defaultCacheLocation, settingsHash } from './checkCache';
import { checkNotes } from './checkNotes';
import { CheckRecords } from './checkRecord';
import { NoteText, NoteTexts } from './noteTexts';
import { fileSystemNow } from '../node/fileSignature';
import { preloadSignatures } from '../node/statPreload';
import { terminal } from '../core/terminalText';
import { listTemplates } from '../node/templates';
import { changedNoteFiles } from '../node/gitChanged';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { github } from './formatters/github';
import { json } from './formatters/json';
import { sarif } from './formatters/sarif';
import { stylish } from './formatters/stylish';
import { batched } from './formatters/pieces';
import { summarise, type FileReport, type Formatter, type ShownWeakening } from './report';
import { parseShard, shardAutomationId, shardOf, type Shard } from './shard';
import { parseCommand, UsageError, type CommandSpec } from './usage';

const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, github };

/** Progress is worth showing only for runs long enough to wonder about. */
const PROGRESS_THRESHOLD = 200;

/** Below this many notes, `--jobs` defaults to 1: starting threads (each loads the knowledge base) costs more than they give. */
export const PARALLEL_THRESHOLD = 200;
/** Notes from which a cached run stats them on a thread of its own: below it, starting the thread costs more than the stats. */
export const PRELOAD_THRESHOLD = 5000;

/** `soapnote check --help`, and the options `check` accepts. */
export const spec: CommandSpec = {
  name: 'check',
  args: '[PATH...]',
  summary: 'Checks notes; a folder is searched for *.soap.yaml / *.soap.yml (default: the current folder).',
  options: {
    format: { type: 'string', value: 'stylish|json|sarif|github', help: 'human text (default), JSON, SARIF 2.1.0, or GitHub Actions annotations', default: 'stylish' },
    'max-warnings': { type: 'string', value: 'N', help: 'fail (exit 1) when there are more warnings than N' },
    changed: { type: 'boolean', value: '[=REF]', help: 'only the notes changed against REF (default HEAD): committed, staged, unstaged, untracked' },
    jobs: { type: 'string', value: 'N', help: `check on N threads (default: one per core, 1 under ${PARALLEL_THRESHOLD} notes); same output` },
    cache: { type: 'boolean', help: 'reuse findings of unchanged notes from the last --cache run (same tool, knowledge base, config, packs and client records)' },
    'cache-location': { type: 'string', value: 'PATH', help: 'the cache file (default .soapnote/.cache/check.json in the workspace)' },
    'cache-strategy': { type: 'string', value: 'metadata|content', help: 'how --cache knows a note is unchanged: metadata (default) does not read a note whose device, inode, size, mtime and ctime are as when it was last read (and had settled); content reads and hashes every note' },
    shard: { type: 'string', value: 'I/N', help: 'check only shard I of N (whole clients, stable as notes are added): one CI job each' },
  },
};

/**
 * The one folder the search walked, with what it found, when it listed it exactly as the record's
 * reader would (one folder, read whole): the record of a root there is not walked a second time.
 */
function searchedFolder(positionals: readonly string[], cwd: string, search: NoteSearch): Map<string, string[]> {
  const [only = '.', ...more] = positionals;
  const folder = resolve(cwd, only);
  if (more.length > 0 || search.unreadableFolders.length > 0 || !isFolder(folder)) {
    return new Map();
  }
  return new Map([[folder, search.notes.map((n) => n.path)]]);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `soapnote check [PATH...]`: checks notes and prints findings; returns the exit code. */
export async function runCheck(args: string[], io: CliIo, version: string): Promise<number> {
  // `--changed=REF` carries its ref in the same argument; parseArgs takes `--changed` as a switch.
  let since = 'HEAD';
  const normalised = args.map((a) => (a.startsWith('--changed=') ? ((since = a.slice('--changed='.length)), '--changed') : a));
  const { values: raw, positionals } = parseCommand(spec, normalised);
  const values = { format: String(raw['format'] ?? 'stylish'), 'max-warnings': raw['max-warnings'] as string | undefined, changed: raw['changed'] === true, since };
  const format = FORMATTERS[values.format];
  if (!format) {
    throw new UsageError(`unknown --format '${values.format}': use stylish, json, sarif or github`);
  }
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) {
    throw new UsageError(`--max-warnings takes a whole number, not '${values['max-warnings']}'`);
  }
  if (maxWarnings < 0) {
    throw new UsageError('--max-warnings takes a number of 0 or more');
  }
  const jobsOption = raw['jobs'] as string | undefined;
  const jobs = jobsOption === undefined ? undefined : Number(jobsOption);
  if (jobs !== undefined && (!/^\d+$/.test(jobsOption ?? '') || !Number.isInteger(jobs) || jobs < 1)) {
    throw new UsageError(`--jobs takes a whole number of 1 or more, not '${jobsOption}'`);
  }
  const shard: Shard | undefined = raw['shard'] === undefined ? undefined : parseShard(String(raw['shard']));
  const cacheLocation = raw['cache-location'] as string | undefined;
  if (cacheLocation !== undefined && raw['cache'] !== true) {
    throw new UsageError('--cache-location needs --cache');
  }
  const strategy = raw['cache-strategy'] === undefined ? 'metadata' : String(raw['cache-strategy']);
  if (strategy !== 'metadata' && strategy !== 'content') {
    throw new UsageError(`unknown --cache-strategy '${strategy}': use metadata or content`);
  }
  if (raw['cache-strategy'] !== undefined && raw['cache'] !== true) {
    throw new UsageError('--cache-strategy needs --cache');
  }
  const workspace = cliWorkspace(io);
  for (const problem of workspace.problems) {
    io.stderr(terminal`soapnote: ${problem}\n`);
  }
  const search = findNotes(positionals.length > 0 ? positionals : ['.'], io.cwd);
  let files: FoundNote[] = search.notes;
  if (values.changed) {
    let changedList: string[];
    try {
      changedList = changedNoteFiles(io.cwd, values.since ?? 'HEAD');
    } catch (error) {
      throw new UsageError(`--changed needs a git repository and a valid ref ('${values.since}'): ${String((error as Error).message).split('\n')[0]}`);
    }
    // Compared by real path: git names files from the repository's real top folder, the search through any links.
    const changed = new Set(changedList.map(realPath));
    files = files.filter((f) => changed.has(f.real));
  }
  // A broken config is never cached: its findings say the run is not to be trusted.
  const configBroken = workspace.problems.length > 0 || [...workspace.fileFindings.values()].some((findings) => findings.some((f) => f.severity === 'error'));
  const cachePath = raw['cache'] === true && !configBroken ? (cacheLocation === undefined ? defaultCacheLocation(workspace.root) : resolve(io.cwd, cacheLocation)) : undefined;
  // Each note is read at most once, and with the cache's facts a note unchanged since the last run not at all.
  // Notes' times are weighed against the clock that stamps them (the file system's), read before any note is.
  let fileClock: number | undefined;
  if (cachePath !== undefined) {
    const clock = io.fileClock ? { nowMs: io.fileClock() } : fileSystemNow(dirname(cachePath));
    if ('reason' in clock) {
      io.stderr(terminal`soapnote: --cache: could not read the file system's clock in ${dirname(cachePath)} (${clock.reason}); every note is read and hashed\n`);
    } else {
      fileClock = clock.nowMs;
    }
  }
  // Many notes on more than one core: their signatures are taken on another thread while this one reads the cache.
  const preloading =
    cachePath !== undefined && strategy === 'metadata' && fileClock !== undefined && (jobs ?? availableParallelism()) > 1 && files.length >= PRELOAD_THRESHOLD
      ? preloadSignatures(files.map((f) => f.path), fileClock)
      : undefined;
  const cache = cachePath !== undefined ? new CheckCache(cachePath, version, settingsHash(version, workspace), io.stderr) : undefined;
  const preloaded = preloading ? await preloading : undefined;
  const notes = new NoteTexts(workspace.config.maxNoteBytes, cache && strategy === 'metadata' ? cache.facts() : undefined, fileClock, preloaded);
  const clientOf = (path: string): string | undefined => {
    const note = notes.open(path);
    return note instanceof NoteText ? (note.scannedClientId ?? undefined) : undefined;
  };
  const records = workspace.config.carryForward === false ? undefined : new CheckRecords(workspace.engine, io.cwd, positionals, searchedFolder(positionals, io.cwd, search));
  if (records) {
    // The record needs every checked note's client before the first check.
    for (const file of files) {
      const note = notes.open(file.path);
      if (note instanceof NoteText) {
        records.wantClient(file.path, note.scannedClientId ?? undefined);
      }
    }
    if (values.changed) {
      // A changed note changes what the client's later notes carry: they are checked again too.
      const known = new Set(files.map((f) => f.real));
      const later = records.laterNotes(files.map((f) => f.path)).map((path) => ({ path, real: realPath(path) })).filter((f) => !known.has(f.real));
      files = [...files, ...later].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    }
  }
  // Templates are checked too, with placeholders allowed: named explicitly, or all of the clinic's in a
  // whole-workspace run. soapnote's own templates count as templates wherever a run finds them (its own checkout).
  const templates = listTemplates(workspace.root, workspace.config.templates);
  const templateFiles = new Set(templates.map((t) => realPath(t.path)));
  if (positionals.length === 0 && !values.changed) {
    const known = new Set(files.map((f) => f.real));
    const own = templates.filter((t) => !t.builtin).map((t) => ({ path: t.path, real: realPath(t.path) }));
    files = [...files, ...own.filter((t) => !known.has(t.real))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  if (shard) {
    // Whole clients per shard: every note of a client (and of ids typed like it) lands in the same one.
    files = files.filter((f) => shardOf(f.path, clientOf(f.path), workspace.root, shard.count) === shard.index);
  }
  const reports: FileReport[] = [];
  // Findings on the config and packs come first: they change what every note means.
  for (const [path, findings] of workspace.fileFindings) {
    if (findings.length > 0) {
      reports.push({ path: displayPath(io, path), absolutePath: path, findings });
    }
  }
  // A folder or note that could not be read is reported where it is, and the run goes on; it still fails (exit 2) at the end.
  const unreadable: string[] = [];
  for (const folder of search.unreadableFolders) {
    reports.push({ path: displayPath(io, folder.path), absolutePath: folder.path, findings: [unreadableFinding(folder.reason, true)] });
    unreadable.push(`${displayPath(io, folder.path)} (${folder.reason})`);
  }
  const showProgress = io.isTTY && files.length >= PROGRESS_THRESHOLD;
  // Notes finish one by one, or a batch at a time from a thread: shown every 50 or more.
  let shown = -Infinity;
  const showAt = (i: number): void => {
    if (showProgress && i - shown >= 50) {
      shown = i;
      io.stderr(`\rchecking ${i}/${files.length} notes...`);
    }
  };
  // Notes (not templates) are checked together: with the record, the notes are checked earlier first, so
  // that each is parsed once (see checkTogether); on threads; answered from the cache when unchanged.
  const toCheck = new Map<string, NoteText>();
  for (const file of files) {
    const note = notes.open(file.path);
    if (note instanceof NoteText && !templateFiles.has(file.real)) {
      toCheck.set(file.path, note);
    }
  }
  const threads = jobs ?? (toCheck.size >= PARALLEL_THRESHOLD ? availableParallelism() : 1);
  const packTexts: [string, string][] = workspace.inputs.packs.filter((p) => !p.builtin && p.uri.startsWith('file:')).map((p) => [fileURLToPath(p.uri), p.text]);
  const checked: Map<string, Finding[]> = await checkNotes(workspace.engine, records, toCheck, {
    threads,
    init: { root: workspace.root, configText: workspace.inputs.configText, packTexts },
    cache,
    progress: showAt,
    stderr: io.stderr,
  });
  if (cache) {
    let notRead = 0;
    for (const note of toCheck.values()) {
      notRead += note.textRead ? 0 : 1;
    }
    const unread = notRead > 0 ? `; ${notRead} not read at all (file unchanged: same inode, size and times)` : '';
    io.stderr(`soapnote: --cache: ${cache.hits} of ${toCheck.size} ${toCheck.size === 1 ? 'note' : 'notes'} unchanged since the last run (findings reused), ${toCheck.size - cache.hits} checked${unread}\n`);
  }
  files.forEach((file) => {
    const note = notes.open(file.path);
    let findings: Finding[] | undefined;
    if (note instanceof NoteText) {
      findings = templateFiles.has(file.real) ? checkTemplate(workspace.engine, note.text) : (checked.get(file.path) ?? workspace.engine.check(note.text, records?.recordFor(file.path)));
    }
    // A note whose text could not be read after all (gone or changed kind since it was opened) is reported as that.
    const read = note instanceof NoteText ? (note.readFailed ? notes.read(file.path) : undefined) : note;
    if (read && 'unreadable' in read) {
      unreadable.push(`${displayPath(io, file.path)} (${read.unreadable})`);
      findings = [unreadableFinding(read.unreadable)];
    } else if (read && 'finding' in read) {
      findings = [read.finding];
    }
    reports.push({ path: displayPath(io, file.path), absolutePath: file.path, findings: findings ?? [] });
  });
  if (showProgress) {
    io.stderr(`\r${' '.repeat(40)}\r`);
  }
  const summary = summarise(reports, []);
  summary.files = files.length;
  // Said before anything else, in every format: a clean run with weakened checks is not a clean run.
  const weakenings: ShownWeakening[] = workspace.engine.weakenings.map((w) => {
    const absolutePath = isAbsolute(w.file) ? w.file : resolve(workspace.root, w.file);
    return { ...w, file: displayPath(io, absolutePath), absolutePath };
  });
  // In batches: a run over hundreds of thousands of notes prints more than one string can hold.
  for (const text of batched(format(reports, summary, version, { weakenings, ...(shard ? { automationId: shardAutomationId(shard) } : {}) }))) {
    io.stdout(text);
  }
  const cacheProblem = cache?.save();
  if (cacheProblem) {
    io.stderr(terminal`soapnote: ${cacheProblem}\n`);
  }
  for (const what of unreadable) {
    io.stderr(terminal`soapnote: could not read ${what}\n`);
  }
  if (configBroken) {
    io.stderr(`soapnote: the workspace configuration has errors (see above); fix .soapnote/config.yaml or the packs it lists\n`);
    return 2;
  }
  if (unreadable.length > 0) {
    io.stderr(`soapnote: ${unreadable.length === 1 ? 'one note or folder' : `${unreadable.length} notes or folders`} could not be read (note.unreadable above), so the run is incomplete\n`);
    return 2;
  }
  return summary.errors > 0 || summary.warnings > maxWarnings ? 1 : 0;
}
