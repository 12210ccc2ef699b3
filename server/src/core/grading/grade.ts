import type { Analysis } from '../engine';
import { RuleId } from '../ruleIds';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { JUDGES } from './criteria';
import type { CheckKind, Rubric } from './rubric';

/** One criterion as a note met or missed it. */
export interface CriterionResult {
  id: string;
  check: CheckKind;
  points: number;
  met: boolean;
  /** The rubric's message (what the student reads when it is missed). */
  message: string;
  /** For a miss, what exactly is missing. */
  detail?: string;
}

/** A note's grade: its score out of the rubric's points, or why it could not be graded (listed, never skipped). */
export type NoteGrade =
  | { status: 'graded'; score: number; max: number; criteria: CriterionResult[] }
  | { status: 'not-graded'; reason: string; max: number };

/** Findings that mean the note was not read whole or could not be parsed: nothing in it can be judged. */
const UNREADABLE_RULES: readonly string[] = [RuleId.yamlSyntax, RuleId.noteTooLarge, RuleId.noteEncoding, RuleId.noteUnreadable];

/** The points a rubric gives in all. */
export function maxPoints(rubric: Rubric): number {
  return rubric.criteria.reduce((n, c) => n + c.points, 0);
}

/** Grades one analysed note against a rubric. Pure: it reads the analysis only. */
export function gradeNote(analysis: Analysis, vocabulary: Vocabulary, rubric: Rubric): NoteGrade {
  const max = maxPoints(rubric);
  const broken = analysis.findings.find((f) => UNREADABLE_RULES.includes(f.ruleId) && f.severity === 'error');
  if (broken) {
    return { status: 'not-graded', reason: broken.message, max };
  }
  const data = analysis.note.data;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { status: 'not-graded', reason: 'The file is not a note (a mapping of soapnote, client, date, ...).', max };
  }
  const criteria = rubric.criteria.map((c): CriterionResult => {
    const judged = JUDGES[c.check](analysis, vocabulary, c);
    return { id: c.id, check: c.check, points: c.points, met: judged.met, message: c.message, ...(judged.detail && !judged.met ? { detail: judged.detail } : {}) };
  });
  return { status: 'graded', score: criteria.reduce((n, c) => n + (c.met ? c.points : 0), 0), max, criteria };
}

/** The grade of a note that could not be read at all (gone, a FIFO, permission denied). */
export function notGraded(reason: string, rubric: Rubric): NoteGrade {
  return { status: 'not-graded', reason, max: maxPoints(rubric) };
}

/** Per criterion of the class: how many graded notes met it. */
export interface CriterionSummary {
  id: string;
  points: number;
  message: string;
  met: number;
  graded: number;
}

/** The class summary: notes graded and not, the mean score, and each criterion's count. */
export interface ClassSummary {
  title?: string;
  notes: number;
  graded: number;
  notGraded: number;
  max: number;
  /** Mean score of the graded notes, rounded to one decimal; absent when none was graded. */
  mean?: number;
  criteria: CriterionSummary[];
}

/** Sums a class's grades per criterion. */
export function classSummary(grades: readonly NoteGrade[], rubric: Rubric): ClassSummary {
  const graded = grades.filter((g): g is Extract<NoteGrade, { status: 'graded' }> => g.status === 'graded');
  const criteria = rubric.criteria.map((c) => ({ id: c.id, points: c.points, message: c.message, met: graded.filter((g) => g.criteria.some((r) => r.id === c.id && r.met)).length, graded: graded.length }));
  const mean = graded.length > 0 ? Math.round((graded.reduce((n, g) => n + g.score, 0) / graded.length) * 10) / 10 : undefined;
  return { ...(rubric.title ? { title: rubric.title } : {}), notes: grades.length, graded: graded.length, notGraded: grades.length - graded.length, max: maxPoints(rubric), ...(mean === undefined ? {} : { mean }), criteria };
}
