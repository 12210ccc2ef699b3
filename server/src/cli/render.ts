import { randomBytes } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { renderFhir } from '../core/render/fhir';
import { renderHtml } from '../core/render/html';
import { renderMarkdown } from '../core/render/markdown';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { gradeNote } from '../core/grading/grade';
import { loadReview, loadRubric, RUBRIC_PATH } from '../node/gradingFiles';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { CheckRecords } from './checkRecord';
import { cliLocale, LOCALE_OPTION } from './localeOption';
import { parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote render --help`, and the options `render` accepts. */
export const spec: CommandSpec = {
  name: 'render',
  args: 'FILE',
  summary: 'The formatted report (HTML, Markdown) or a FHIR R4 Bundle (JSON) of one note, on stdout or into a file.',
  options: {
    format: { type: 'string', value: 'html|md|fhir', help: 'HTML report (default), Markdown, or FHIR R4 Bundle', default: 'html' },
    out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
    locale: LOCALE_OPTION,
  },
};

/** `soapnote render FILE --format html|md|fhir [--out FILE] [--locale en|fr]`: the report or FHIR Bundle on stdout or into a file. */
export function runRender(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  const values = { format: raw['format'] as string | undefined, out: raw['out'] as string | undefined };
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('render takes exactly one FILE');
  }
  const format = values.format ?? 'html';
  const locale = cliLocale(raw['locale']);
  if (!['html', 'md', 'markdown', 'fhir'].includes(format)) {
    throw new UsageError(`unknown --format '${format}': use html, md or fhir`);
  }
  const path = resolve(io.cwd, file);
  const out = values.out ? resolve(io.cwd, values.out) : undefined;
  if (out === path) {
    throw new UsageError('--out must not be the note itself: render never rewrites a note');
  }
  const workspace = cliWorkspace(io);
  const text0 = readNoteText(path, workspace.config.maxNoteBytes);
  // The report shows what the note carries from the client's earlier notes, as the check does.
  const records = workspace.config.carryForward === false ? undefined : new CheckRecords(workspace.engine, io.cwd, []);
  records?.want(new Map([[path, text0]]));
  const analysis = workspace.engine.analyze(text0, records?.recordFor(path));
  const vocabulary = workspace.engine.vocabulary;
  // With a rubric in the workspace or review comments beside the note, the report shows them, as the preview does.
  const rubric = loadRubric(workspace.root);
  const grading = 'rubric' in rubric ? { grade: gradeNote(analysis, vocabulary, rubric.rubric) } : 'missing' in rubric ? {} : { problem: 'problem' in rubric ? rubric.problem : `${RUBRIC_PATH} has errors; soapnote grade lists them` };
  const review = loadReview(path, text0);
  const educator = { grading, locale, ...(review ? { review } : {}) };
  let text: string;
  if (format === 'html') {
    text = renderHtml(analysis, vocabulary, { nonce: randomBytes(16).toString('base64'), ...educator });
  } else if (format === 'fhir') {
    text = JSON.stringify(renderFhir(analysis, vocabulary, { idSeed: relative(workspace.root, path).split('\\').join('/'), sha256: nodeHost().sha256 }), null, 2) + '\n';
  } else {
    text = renderMarkdown(analysis, vocabulary, educator);
  }
  if (out) {
    writeFileAtomic(out, text);
    io.stderr(terminal`soapnote: wrote ${values.out}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
