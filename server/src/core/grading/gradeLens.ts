import { translator, type Locale } from '../l10n/localize';
import type { NoteGrade } from './grade';

/** The grade lens's title in `locale`: the score and the criteria missed, or why there is none; undefined without a rubric. */
export function gradeLensTitle(grading: { grade?: NoteGrade; problem?: string }, locale?: Locale): string | undefined {
  const t = translator(locale);
  const { grade, problem } = grading;
  if (problem) {
    return t('lens.grade.unusable', { problem });
  }
  if (!grade) {
    return undefined;
  }
  if (grade.status === 'graded') {
    const missed = grade.criteria.filter((c) => !c.met).map((c) => c.id);
    return missed.length > 0 ? t('lens.grade.score', { score: grade.score, max: grade.max, missed: missed.join(', ') }) : t('lens.grade.allMet', { score: grade.score, max: grade.max });
  }
  return t('lens.grade.notGraded', { reason: grade.reason });
}
