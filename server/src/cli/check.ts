import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkTemplate } from '../core/templates/checkTemplate';
import { collectNoteFiles, decodeNote } from '../node/noteFiles';
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
  let files = collectNoteFiles(positionals.length > 0 ? positionals : ['.'], io.cwd);
  if (values.changed) {
    let changedList: string[];
    try {
      changedList = changedNoteFiles(io.cwd, values.since ?? 'HEAD');
    } catch (error) {
      throw new UsageError(`--changed needs a git repository and a valid ref ('${values.since}'): ${String((error as Error).message).split('\n')[0]}`);
    }
    const changed = new Set(changedList);
    files = files.filter((f) => changed.has(f));
  }
  // Templates are checked too, with placeholders allowed: named explicitly, or all of the clinic's in a
  // whole-workspace run. soapnote's own templates count as templates wherever a run finds them (its own checkout).
  const templates = listTemplates(workspace.root, workspace.config.templates);
  const templateFiles = new Set(templates.map((t) => t.path));
  if (positionals.length === 0 && !values.changed) {
    files = [...new Set([...files, ...templates.filter((t) => !t.builtin).map((t) => t.path)])].sort();
  }
  const reports: FileReport[] = [];
  // Findings on the config and packs come first: they change what every note means.
  for (const [path, findings] of workspace.fileFindings) {
    if (findings.length > 0) {
      reports.push({ path: displayPath(io, path), absolutePath: path, findings });
    }
  }
  const configBroken = workspace.problems.length > 0 || reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  const skipped: string[] = [];
  const showProgress = io.isTTY && files.length >= PROGRESS_THRESHOLD;
  files.forEach((file, i) => {
    if (showProgress && i % 50 === 0) {
      io.stderr(`\rchecking ${i}/${files.length} notes...`);
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new UsageError(`cannot read '${displayPath(io, file)}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const decoded = decodeNote(bytes);
    if ('notText' in decoded) {
      skipped.push(`${displayPath(io, file)}: ${decoded.notText}`);
      return;
    }
    const findings = templateFiles.has(file) ? checkTemplate(workspace.engine, decoded.text) : workspace.engine.check(decoded.text);
    reports.push({ path: displayPath(io, file), absolutePath: file, findings });
  });
  if (showProgress) {
    io.stderr(`\r${' '.repeat(40)}\r`);
  }
  const summary = summarise(reports, skipped);
  summary.files = files.length - skipped.length;
  io.stdout(format(reports, summary, version));
  if (values.format !== 'stylish') {
    for (const s of skipped) {
      io.stderr(`soapnote: skipped ${s}\n`);
    }
  }
  if (configBroken) {
    io.stderr(`soapnote: the workspace configuration has errors (see above); fix .soapnote/config.yaml or the packs it lists\n`);
    return 2;
  }
  return summary.errors > 0 || summary.warnings > maxWarnings ? 1 : 0;
}
