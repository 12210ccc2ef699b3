import { join } from 'node:path';
import { parseRubric, type Rubric } from '../core/grading/rubric';
import { anchorComments, parseReview, reviewPathFor, type AnchoredComment } from '../core/review/review';
import type { Finding } from '../core/types';
import { resolveInWorkspace } from './insideWorkspace';
import { readNoteFile } from './noteFiles';
import { pathExists } from './pathExists';

/** Where the grading rubric lives, relative to the workspace root. */
export const RUBRIC_PATH = join('.soapnote', 'rubric.yaml');

/** The largest rubric or review file read. */
const MAX_FILE_BYTES = 1_000_000;

/** The workspace's rubric: the rubric, none at all, its findings (a bad rubric), or why it could not be read. */
export type RubricLoad = { rubric: Rubric; path: string } | { missing: true; path: string } | { findings: Finding[]; path: string } | { problem: string; path: string };

/** Reads `.soapnote/rubric.yaml` under `root` (inside the workspace, links resolved, size-bounded, UTF-8). */
export function loadRubric(root: string): RubricLoad {
  const where = resolveInWorkspace(root, RUBRIC_PATH);
  const path = where.path;
  if (!pathExists(path)) {
    return { missing: true, path };
  }
  if (!where.inside) {
    return { problem: `${RUBRIC_PATH} is a symbolic link to a file outside the workspace, so it was not read`, path };
  }
  const read = readNoteFile(path, MAX_FILE_BYTES);
  if ('unreadable' in read) {
    return { problem: `cannot read ${RUBRIC_PATH}: ${read.unreadable}`, path };
  }
  if ('finding' in read) {
    return { findings: [read.finding], path };
  }
  const parsed = parseRubric(read.text);
  return parsed.rubric ? { rubric: parsed.rubric, path } : { findings: parsed.findings, path };
}

/** The review comments beside a note (`NAME.review.yaml`), placed on `noteText`; undefined when there is no review file. */
export function loadReview(notePath: string, noteText: string): { comments: AnchoredComment[]; problems: string[] } | undefined {
  const path = reviewPathFor(notePath);
  if (path === undefined || !pathExists(path)) {
    return undefined;
  }
  const read = readNoteFile(path, MAX_FILE_BYTES);
  if ('unreadable' in read) {
    return { comments: [], problems: [`cannot read the review file: ${read.unreadable}`] };
  }
  if ('finding' in read) {
    return { comments: [], problems: [read.finding.message] };
  }
  const parsed = parseReview(read.text);
  if (!parsed.comments) {
    return { comments: [], problems: parsed.findings.map((f) => `line ${f.range.start.line + 1}: ${f.message}`) };
  }
  return { comments: anchorComments(parsed.comments, noteText), problems: [] };
}

