import { gradeLensTitle } from './grading/gradeLens';
import type { Locale } from './l10n/localize';
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from './engine';
import { gradeNote, type NoteGrade } from './grading/grade';
import { parseRubric, type Rubric } from './grading/rubric';
import type { HostFile, LanguageServiceHost } from './languageServiceHost';
import { DOCUMENT_START } from './ranges';
import { anchorComments, parseReview, reviewFindings, reviewPathFor, REVIEW_INVALID, type AnchoredComment } from './review/review';
import type { Finding } from './types';
import { joinUri } from './uris';
import type { Vocabulary } from './vocabulary/vocabulary';

/** Where the grading rubric lives below a workspace root. */
export const RUBRIC_FILE = '.soapnote/rubric.yaml';

/** The workspace's rubric as read: the rubric, none at all, its findings (a bad rubric), or why it could not be read. */
export type RubricRead = { rubric: Rubric } | { missing: true } | { findings: Finding[] } | { problem: string };

/** A note's grade under the rubric, or why the rubric cannot be used; empty without a rubric. */
export interface GradeOutcome {
  grade?: NoteGrade;
  problem?: string;
}

/** The review comments beside a note, placed on its lines, and why the review file could not be used. */
export interface NoteReview {
  comments: AnchoredComment[];
  problems: string[];
}

/** True for a workspace's rubric file (`<root>/.soapnote/rubric.yaml`), by URI or path. */
export function isRubricUri(uri: string): boolean {
  return /[\\/]\.soapnote[\\/]rubric\.yaml$/.test(uri);
}

/** The host's read; a host that throws is a file that could not be read (fail closed). */
async function read(host: LanguageServiceHost, uri: string): Promise<HostFile> {
  try {
    return await host.readFile(uri);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads `<root>/.soapnote/rubric.yaml` through the host. */
export async function readRubric(host: LanguageServiceHost, root: string): Promise<RubricRead> {
  const file = await read(host, joinUri(root, RUBRIC_FILE));
  if ('missing' in file) {
    return { missing: true };
  }
  if ('problem' in file) {
    return { problem: `cannot read ${RUBRIC_FILE}: ${file.problem}` };
  }
  const parsed = parseRubric(file.text);
  return parsed.rubric ? { rubric: parsed.rubric } : { findings: parsed.findings };
}

/** A note's grade under a rubric read with {@link readRubric}; a rubric with errors is a problem, never a silent pass. */
export function gradeOutcome(analysis: Analysis, vocabulary: Vocabulary, rubric: RubricRead): GradeOutcome {
  if ('missing' in rubric) {
    return {};
  }
  if ('rubric' in rubric) {
    return { grade: gradeNote(analysis, vocabulary, rubric.rubric) };
  }
  return { problem: 'problem' in rubric ? rubric.problem : `${RUBRIC_FILE} has errors (line ${rubric.findings.map((f) => f.range.start.line + 1).join(', ')}); soapnote grade lists them` };
}

/** The review file beside the note at `noteUri` (`NAME.review.yaml`) through the host, placed on `noteText`; undefined when there is none. */
export async function readReview(host: LanguageServiceHost, noteUri: string, noteText: string): Promise<NoteReview | undefined> {
  const uri = reviewPathFor(noteUri);
  if (uri === undefined) {
    return undefined;
  }
  const file = await read(host, uri);
  if ('missing' in file) {
    return undefined;
  }
  if ('problem' in file) {
    return { comments: [], problems: [`cannot read the review file: ${file.problem}`] };
  }
  const parsed = parseReview(file.text);
  if (!parsed.comments) {
    return { comments: [], problems: parsed.findings.map((f) => `line ${f.range.start.line + 1}: ${f.message}`) };
  }
  return { comments: anchorComments(parsed.comments, noteText), problems: [] };
}

/** The review comments as findings: hints on their lines; a lost one, or a review file that cannot be used, on the first line. */
export function reviewAsFindings(review: NoteReview | undefined, noteText: string): Finding[] {
  if (!review) {
    return [];
  }
  const problems = review.problems.map((p): Finding => ({ ruleId: REVIEW_INVALID, severity: 'information', message: `The review file beside this note could not be used: ${p}`, range: DOCUMENT_START }));
  return [...problems, ...reviewFindings(review.comments, noteText)];
}

/** The code lens on a note's first line: its score and the criteria missed, or why the rubric cannot be used; none without a rubric. */
export function gradeLenses(outcome: GradeOutcome, locale?: Locale): CodeLens[] {
  const title = gradeLensTitle(outcome, locale);
  // No command to run: the lens only shows the grade (an empty command id makes it plain text).
  return title === undefined ? [] : [{ range: DOCUMENT_START, command: { title, command: '' } }];
}
