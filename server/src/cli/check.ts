import { parseArgs } from 'node:util';
import { checkTemplate } from '../core/templates/checkTemplate';
import { findNotes, readNoteFile, realPath, unreadableFinding, type FoundNote } from '../node/noteFiles';
import { listTemplates } from '../node/templates';
import { changedNoteFiles } from '../node/gitChanged';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { github } from './formatters/github';
import { json } from './formatters/json';
import { sarif } from './formatters/sarif';
import { stylish } from './formatters/stylish';
import { summarise, type FileReport, type Formatter } from './report';
import { UsageError } from './usage';

const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, github };

/** Progress is worth showing only for runs long enough to wonder about. */
const PROGRESS_THRESHOLD = 200;

/** `soapnote check [PATH...]`: checks notes and prints findings; returns the exit code. */
export function runCheck(args: string[], io: CliIo, version: string): number {
  // `--changed=REF` is shorthand for `--changed --since REF`.
  const normalised = args.flatMap((a) => (a.startsWith('--changed=') ? ['--changed', '--since', a.slice('--changed='.length)] : [a]));
  const { values, positionals } = parseArgs({
    args: normalised,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'stylish' }, 'max-warnings': { type: 'string' }, changed: { type: 'boolean' }, since: { type: 'string', default: 'HEAD' } },
  });
  const format = FORMATTERS[values.format ?? 'stylish'];
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
  const workspace = cliWorkspace(io);
  for (const problem of workspace.problems) {
    io.stderr(`soapnote: ${problem}\n`);
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
  // Templates are checked too, with placeholders allowed: named explicitly, or all of the clinic's in a
  // whole-workspace run. soapnote's own templates count as templates wherever a run finds them (its own checkout).
  const templates = listTemplates(workspace.root, workspace.config.templates);
  const templateFiles = new Set(templates.map((t) => realPath(t.path)));
  if (positionals.length === 0 && !values.changed) {
    const known = new Set(files.map((f) => f.real));
    const own = templates.filter((t) => !t.builtin).map((t) => ({ path: t.path, real: realPath(t.path) }));
    files = [...files, ...own.filter((t) => !known.has(t.real))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const reports: FileReport[] = [];
  // Findings on the config and packs come first: they change what every note means.
  for (const [path, findings] of workspace.fileFindings) {
    if (findings.length > 0) {
      reports.push({ path: displayPath(io, path), absolutePath: path, findings });
    }
  }
  const configBroken = workspace.problems.length > 0 || reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  // A folder or note that could not be read is reported where it is, and the run goes on; it still fails (exit 2) at the end.
  const unreadable: string[] = [];
  for (const folder of search.unreadableFolders) {
    reports.push({ path: displayPath(io, folder.path), absolutePath: folder.path, findings: [unreadableFinding(folder.reason, true)] });
    unreadable.push(`${displayPath(io, folder.path)} (${folder.reason})`);
  }
  const showProgress = io.isTTY && files.length >= PROGRESS_THRESHOLD;
  files.forEach((file, i) => {
    if (showProgress && i % 50 === 0) {
      io.stderr(`\rchecking ${i}/${files.length} notes...`);
    }
    const read = readNoteFile(file.path, workspace.config.maxNoteBytes);
    let findings;
    if ('unreadable' in read) {
      unreadable.push(`${displayPath(io, file.path)} (${read.unreadable})`);
      findings = [unreadableFinding(read.unreadable)];
    } else if ('finding' in read) {
      findings = [read.finding];
    } else {
      findings = templateFiles.has(file.real) ? checkTemplate(workspace.engine, read.text) : workspace.engine.check(read.text);
    }
    reports.push({ path: displayPath(io, file.path), absolutePath: file.path, findings });
  });
  if (showProgress) {
    io.stderr(`\r${' '.repeat(40)}\r`);
  }
  const summary = summarise(reports, []);
  summary.files = files.length;
  io.stdout(format(reports, summary, version));
  for (const what of unreadable) {
    io.stderr(`soapnote: could not read ${what}\n`);
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
