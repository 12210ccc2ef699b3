import { readFileSync } from 'node:fs';
import { checkTemplate } from '../core/templates/checkTemplate';
import { collectNoteFiles, decodeNote, readNoteIfText } from '../node/noteFiles';
import { CheckRecords } from './checkRecord';
import { listTemplates } from '../node/templates';
import { changedNoteFiles } from '../node/gitChanged';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { github } from './formatters/github';
import { json } from './formatters/json';
import { sarif } from './formatters/sarif';
import { stylish } from './formatters/stylish';
import { summarise, type FileReport, type Formatter } from './report';
import { parseCommand, UsageError, type CommandSpec } from './usage';

const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, github };

/** Progress is worth showing only for runs long enough to wonder about. */
const PROGRESS_THRESHOLD = 200;

/** `soapnote check --help`, and the options `check` accepts. */
export const spec: CommandSpec = {
  name: 'check',
  args: '[PATH...]',
  summary: 'Checks notes; a folder is searched for *.soap.yaml / *.soap.yml (default: the current folder).',
  options: {
    format: { type: 'string', value: 'stylish|json|sarif|github', help: 'human text (default), JSON, SARIF 2.1.0, or GitHub Actions annotations', default: 'stylish' },
    'max-warnings': { type: 'string', value: 'N', help: 'fail (exit 1) when there are more warnings than N' },
    changed: { type: 'boolean', value: '[=REF]', help: 'only the notes changed against REF (default HEAD): committed, staged, unstaged, untracked' },
  },
};

/** `soapnote check [PATH...]`: checks notes and prints findings; returns the exit code. */
export function runCheck(args: string[], io: CliIo, version: string): number {
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
  const records = workspace.config.carryForward === false ? undefined : new CheckRecords(workspace.engine, io.cwd, positionals);
  const texts = new Map<string, string>();
  if (records) {
    for (const file of files) {
      const text = readNoteIfText(file);
      if (text !== undefined) {
        texts.set(file, text);
      }
    }
    records.want(texts);
    if (values.changed) {
      // A changed note changes what the client's later notes carry: they are checked again too.
      files = [...new Set([...files, ...records.laterNotes(files)])].sort();
    }
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
    const findings = templateFiles.has(file) ? checkTemplate(workspace.engine, decoded.text) : workspace.engine.check(decoded.text, records?.recordFor(file));
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
