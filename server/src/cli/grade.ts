import { randomBytes } from 'node:crypto';
import { classSummary, gradeNote, notGraded } from '../core/grading/grade';
import type { GradedNote } from '../core/grading/classReport';
import { gradeCsv, gradeJson, gradeText } from '../core/grading/formats';
import { renderClassHtml } from '../core/grading/html';
import { terminal } from '../core/terminalText';
import { loadReview, loadRubric, RUBRIC_PATH } from '../node/gradingFiles';
import { findNotes, readNoteFile, type NoteRead } from '../node/noteFiles';
import { CheckRecords } from './checkRecord';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote grade --help`, and the options `grade` accepts. */
export const spec: CommandSpec = {
  name: 'grade',
  args: '[PATH...]',
  summary: "Scores students' notes against the workspace's rubric (.soapnote/rubric.yaml) and gives a class summary: per criterion, how many notes met it. A folder is searched for *.soap.yaml / *.soap.yml (default: the current folder).",
  options: {
    format: { type: 'string', value: 'text|json|csv|html', help: 'human text (default), JSON, CSV (one row per note, for a gradebook) or an HTML class summary', default: 'text' },
  },
  notes: [
    "Review comments beside a note (NAME.review.yaml) are listed with it. Notes are read only: nothing is written into them.",
    'Exit codes: 0 every note graded; 1 a note could not be graded (listed as not graded); 2 no rubric, a bad rubric or config, or bad arguments.',
  ],
};

const FORMATS = ['text', 'json', 'csv', 'html'];

/** `soapnote grade [PATH...]`: grades notes with the workspace's rubric; returns the exit code. */
export function runGrade(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommand(spec, args);
  const format = String(values['format'] ?? 'text');
  if (!FORMATS.includes(format)) {
    throw new UsageError(`unknown --format '${format}': use text, json, csv or html`);
  }
  const workspace = cliWorkspace(io);
  const loaded = loadRubric(workspace.root);
  if ('missing' in loaded) {
    throw new UsageError(`no rubric: grading needs ${RUBRIC_PATH} in the workspace (${displayPath(io, loaded.path)} does not exist); see 'Rubric' in docs/note-format.md`);
  }
  if ('problem' in loaded) {
    throw new UsageError(loaded.problem);
  }
  if ('findings' in loaded) {
    for (const f of loaded.findings) {
      io.stderr(terminal`${displayPath(io, loaded.path)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}\n`);
    }
    io.stderr(`soapnote grade: the rubric has errors (see above), so no note was graded\n`);
    return 2;
  }
  const rubric = loaded.rubric;
  // A broken config changes what every note means: grades from it would be wrong, so none are given.
  const configErrors = [...workspace.fileFindings].flatMap(([path, findings]) => findings.filter((f) => f.severity === 'error').map((f) => `${displayPath(io, path)}:${f.range.start.line + 1}: ${f.message}`));
  if (workspace.problems.length > 0 || configErrors.length > 0) {
    for (const problem of [...workspace.problems, ...configErrors]) {
      io.stderr(terminal`soapnote: ${problem}\n`);
    }
    io.stderr('soapnote grade: the workspace configuration has errors (see above), so no note was graded\n');
    return 2;
  }
  const search = findNotes(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const reads = new Map<string, NoteRead>(search.notes.map((n) => [n.path, readNoteFile(n.path, workspace.config.maxNoteBytes)]));
  const records = workspace.config.carryForward === false ? undefined : new CheckRecords(workspace.engine, io.cwd, positionals);
  records?.want(new Map([...reads].flatMap(([path, read]) => ('text' in read ? [[path, read.text] as const] : []))));
  const notes: GradedNote[] = search.unreadableFolders.map((folder) => ({ file: displayPath(io, folder.path), grade: notGraded(`This folder could not be read (${folder.reason}), so the notes in it were not graded.`, rubric) }));
  for (const [path, read] of reads) {
    const file = displayPath(io, path);
    if ('unreadable' in read) {
      notes.push({ file, grade: notGraded(`This note could not be read (${read.unreadable}).`, rubric) });
    } else if ('finding' in read) {
      notes.push({ file, grade: notGraded(read.finding.message, rubric) });
    } else {
      const analysis = workspace.engine.analyze(read.text, records?.recordFor(path));
      const review = loadReview(path, read.text);
      notes.push({ file, grade: gradeNote(analysis, workspace.engine.vocabulary, rubric), ...(review ? { review } : {}) });
    }
  }
  if (notes.length === 0) {
    throw new UsageError(`no notes to grade in ${positionals.length > 0 ? positionals.join(', ') : 'the current folder'}`);
  }
  const summary = classSummary(notes.map((n) => n.grade), rubric);
  const outputs: Record<string, () => string> = {
    text: () => gradeText(notes, summary),
    json: () => gradeJson(notes, summary),
    csv: () => gradeCsv(notes, summary),
    html: () => renderClassHtml(notes, summary, { nonce: randomBytes(16).toString('base64') }),
  };
  io.stdout((outputs[format] ?? outputs['text']!)());
  if (workspace.engine.weakenings.length > 0) {
    io.stderr(`soapnote grade: the workspace weakens ${workspace.engine.weakenings.length} check${workspace.engine.weakenings.length === 1 ? '' : 's'} (soapnote check lists them), so conflicts they would find do not cost points\n`);
  }
  return summary.notGraded > 0 ? 1 : 0;
}
