import type { ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import reviewSchema from '../../../../schemas/review.schema.json';
import { validateReview } from '../../generated/reviewValidator';
import { append } from '../append';
import { DEFAULT_LIMITS, parseYaml } from '../parse';
import { DOCUMENT_START } from '../ranges';
import { schemaChecker } from '../schemaValidation';
import type { Finding } from '../types';

/**
 * One educator's comment on a student's note, as `NAME.review.yaml` beside `NAME.soap.yaml` holds it:
 * ```yaml
 * - {author: Dr. K. Moss, date: 2026-11-22, line: 14, quote: "target: hamstrings", text: Which finding justifies this?}
 * ```
 */
export interface ReviewComment {
  author: string;
  date: string;
  /** 1-based line of the note when the comment was written. */
  line: number;
  /** That line's text then (spaces at either end ignored), to find the line again after edits. */
  quote?: string;
  text: string;
}

/** The rule id of findings about a review file itself (it could not be used). */
export const REVIEW_INVALID = 'review.invalid';
/** The rule id of a comment shown on its line of the note. */
export const REVIEW_COMMENT = 'review.comment';
/** The rule id of a comment whose line is gone: shown on the note's first line, never dropped. */
export const REVIEW_UNANCHORED = 'review.unanchored';

/** The review file that belongs beside a note: `NAME.soap.yaml` -> `NAME.review.yaml` (also for `.soap.yml`); undefined for other names. */
export function reviewPathFor(notePath: string): string | undefined {
  return /\.soap\.ya?ml$/i.test(notePath) ? notePath.replace(/\.soap\.ya?ml$/i, '.review.yaml') : undefined;
}

/** True for a review file name (`NAME.review.yaml`), a path or a uri. */
export function isReviewFile(name: string): boolean {
  return /\.review\.yaml$/i.test(name);
}

/** The review file (path or uri) that belongs to a note (path or uri), for matching a changed review file to its open note. */
export function noteOfReview(noteUri: string): string | undefined {
  return reviewPathFor(noteUri);
}

/** Reads a review file's text: its comments when valid, else positioned findings about the file. */
export function parseReview(text: string): { comments?: ReviewComment[]; findings: Finding[] } {
  const parsed = parseYaml(text);
  const findings = parsed.findings.map((f) => ({ ...f, ruleId: REVIEW_INVALID }));
  if (findings.length > 0 || !parsed.doc) {
    return { findings };
  }
  let data: unknown;
  try {
    data = (parsed.doc as Document).toJS({ maxAliasCount: DEFAULT_LIMITS.maxAliasCount });
  } catch {
    return { findings: [{ ruleId: REVIEW_INVALID, severity: 'error', message: 'The review file could not be read.', range: DOCUMENT_START }] };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { findings: [{ ruleId: REVIEW_INVALID, severity: 'error', message: "A review file is a mapping: 'soapnote_review: 1' and a list of comments.", range: DOCUMENT_START }] };
  }
  const schemaFindings = schemaChecker(reviewSchema, validateReview as ValidateFunction).check(parsed, data, REVIEW_INVALID);
  append(findings, schemaFindings.map((f) => ({ ...f, message: f.message.replace('the note format knows', 'a review file knows').replace('The note', 'The review file') })));
  return findings.length > 0 ? { findings } : { comments: (data as { comments: ReviewComment[] }).comments, findings };
}

/** A comment placed on the note as it reads now: its 0-based line, whether it moved there, or that its line is gone. */
export interface AnchoredComment {
  comment: ReviewComment;
  /** 0-based line of the note; absent when the comment's line is gone. */
  line?: number;
  moved: boolean;
}

/**
 * Places each comment on the note's current text. With a quote: the line at `line` if it still
 * reads so, else the line that does nearest to it, else none. Without: the line, while the note has it.
 */
export function anchorComments(comments: readonly ReviewComment[], noteText: string): AnchoredComment[] {
  const lines = noteText.split(/\r\n|\r|\n/).map((l) => l.trim());
  return comments.map((comment) => {
    const at = comment.line - 1;
    if (comment.quote === undefined) {
      return at < lines.length ? { comment, line: at, moved: false } : { comment, moved: false };
    }
    const quote = comment.quote.trim();
    if (lines[at] === quote) {
      return { comment, line: at, moved: false };
    }
    let best: number | undefined;
    lines.forEach((l, i) => {
      if (l === quote && (best === undefined || Math.abs(i - at) < Math.abs(best - at))) {
        best = i;
      }
    });
    return best === undefined ? { comment, moved: false } : { comment, line: best, moved: true };
  });
}

/** Why a comment has no line, in words. */
export function lostReason(a: AnchoredComment): string {
  return a.comment.quote === undefined ? `line ${a.comment.line} no longer exists` : `line ${a.comment.line} no longer reads "${a.comment.quote.trim()}", and no line does`;
}

/** Comments as findings on the note (severity hint, `review.comment`); a comment whose line is gone is a `review.unanchored` information finding on line 1. */
export function reviewFindings(anchored: readonly AnchoredComment[], noteText: string): Finding[] {
  const lines = noteText.split(/\r\n|\r|\n/);
  return anchored.map((a): Finding => {
    const who = `${a.comment.author}, ${a.comment.date}`;
    if (a.line === undefined) {
      return { ruleId: REVIEW_UNANCHORED, severity: 'information', message: `Review comment (${who}) whose place is gone (${lostReason(a)}): ${a.comment.text}`, range: DOCUMENT_START };
    }
    const text = lines[a.line] ?? '';
    const start = text.length - text.trimStart().length;
    const moved = a.moved ? ` (written on line ${a.comment.line}; the line has moved)` : '';
    return { ruleId: REVIEW_COMMENT, severity: 'hint', message: `Review (${who})${moved}: ${a.comment.text}`, range: { start: { line: a.line, character: start }, end: { line: a.line, character: text.length } } };
  });
}
