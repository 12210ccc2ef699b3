import type { CodeLens } from 'vscode-languageserver';
import { gradeNote, type NoteGrade } from '../core/grading/grade';
import { gradeLensTitle } from '../core/grading/gradeLens';
import type { Locale } from '../core/l10n/localize';
import { reviewFindings, REVIEW_INVALID, type AnchoredComment } from '../core/review/review';
import { DOCUMENT_START } from '../core/ranges';
import type { Finding } from '../core/types';
import { loadReview, loadRubric, RUBRIC_PATH } from '../node/gradingFiles';
import type { NoteContext } from './state';
import { uriToPath } from './workspaces';

/** True for a workspace's rubric, `<root>/.soapnote/rubric.yaml`. */
export function isRubricFile(path: string): boolean {
  return /[\\/]\.soapnote[\\/]rubric\.yaml$/.test(path);
}

/** The open note's grade under its workspace's rubric; `problem` when the rubric cannot be used; nothing without a rubric. */
export function gradeOf(note: NoteContext): { grade?: NoteGrade; problem?: string } {
  const loaded = loadRubric(note.workspace.root);
  if ('missing' in loaded) {
    return {};
  }
  if ('rubric' in loaded) {
    return { grade: gradeNote(note.analysis, note.workspace.engine.vocabulary, loaded.rubric) };
  }
  return { problem: 'problem' in loaded ? loaded.problem : `${RUBRIC_PATH} has errors (line ${loaded.findings.map((f) => f.range.start.line + 1).join(', ')}); soapnote grade lists them` };
}

/** The review comments beside an open note (`NAME.review.yaml` on disk), placed on the editor's text; undefined without a review file. */
export function reviewOf(note: NoteContext): { comments: AnchoredComment[]; problems: string[] } | undefined {
  const path = uriToPath(note.document.uri);
  return path === undefined ? undefined : loadReview(path, note.document.getText());
}

/** The review comments as findings (hints on their lines; a lost one, or a review file that cannot be used, on the first line). */
export function reviewFindingsOf(note: NoteContext): Finding[] {
  const review = reviewOf(note);
  if (!review) {
    return [];
  }
  const problems = review.problems.map((p): Finding => ({ ruleId: REVIEW_INVALID, severity: 'information', message: `The review file beside this note could not be used: ${p}`, range: DOCUMENT_START }));
  return [...problems, ...reviewFindings(review.comments, note.document.getText())];
}

/** The code lens on a note's first line: its score and the criteria missed, when the workspace has a rubric (title in `locale`). */
export function gradeLenses(note: NoteContext, locale?: Locale): CodeLens[] {
  const title = gradeLensTitle(gradeOf(note), locale);
  // No command to run: the lens only shows the grade (an empty command id makes it plain text).
  return title === undefined ? [] : [{ range: DOCUMENT_START, command: { title, command: '' } }];
}
