import { lostReason, type AnchoredComment } from '../review/review';
import { escapeTerminal } from '../terminalText';
import type { GradedNote } from './classReport';
import type { ClassSummary } from './grade';

const points = (n: number): string => `${n} point${n === 1 ? '' : 's'}`;

/** One review comment as a line of text: where it sits now (or that its line is gone), who wrote it, what it says. */
function commentLine(a: AnchoredComment): string {
  const who = `${a.comment.author}, ${a.comment.date}`;
  if (a.line === undefined) {
    return `review (${who}), place gone (${lostReason(a)}): ${a.comment.text}`;
  }
  return `review (${who}) line ${a.line + 1}${a.moved ? ` (was ${a.comment.line})` : ''}: ${a.comment.text}`;
}

/** Human output: each note's score with the criteria it missed and its review comments, then the class summary. */
export function gradeText(notes: readonly GradedNote[], summary: ClassSummary): string {
  const t = escapeTerminal;
  const out: string[] = [`Rubric${summary.title ? `: ${t(summary.title)}` : ''} (${points(summary.max)})`, ''];
  for (const note of notes) {
    const g = note.grade;
    out.push(g.status === 'graded' ? `${t(note.file)}  ${g.score}/${g.max}` : `${t(note.file)}  not graded: ${t(g.reason)}`);
    if (g.status === 'graded') {
      for (const c of g.criteria.filter((x) => !x.met)) {
        out.push(`  missed ${t(c.id)} (${points(c.points)}): ${t(c.message)}${c.detail ? ` [${t(c.detail)}]` : ''}`);
      }
    }
    for (const a of note.review?.comments ?? []) {
      out.push(`  ${t(commentLine(a))}`);
    }
    for (const p of note.review?.problems ?? []) {
      out.push(`  review file not used: ${t(p)}`);
    }
  }
  const mean = summary.mean === undefined ? '' : `; mean ${summary.mean}/${summary.max}`;
  out.push('', `Class: ${summary.notes} note${summary.notes === 1 ? '' : 's'}, ${summary.graded} graded, ${summary.notGraded} not graded${mean}`);
  const width = Math.max(0, ...summary.criteria.map((c) => c.id.length));
  for (const c of summary.criteria) {
    out.push(`  ${t(c.id).padEnd(width)}  ${c.met}/${c.graded} met  ${t(c.message)}`);
  }
  out.push('');
  return out.join('\n');
}

/** `--format json`: the rubric's points, every note with its criteria and review comments (1-based lines), and the summary. */
export function gradeJson(notes: readonly GradedNote[], summary: ClassSummary): string {
  const body = {
    summary,
    notes: notes.map((n) => ({
      file: n.file,
      ...n.grade,
      ...(n.review
        ? {
            review: {
              comments: n.review.comments.map((a) => ({ ...a.comment, ...(a.line === undefined ? { lost: lostReason(a) } : { at: a.line + 1, moved: a.moved }) })),
              problems: n.review.problems,
            },
          }
        : {}),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * A CSV cell: quoted when it holds a comma, quote or line break; a value a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'` so it stays text.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `--format csv`: one row per note (file, status, score, max, 1/0 per criterion, review comments), for a gradebook. */
export function gradeCsv(notes: readonly GradedNote[], summary: ClassSummary): string {
  const ids = summary.criteria.map((c) => c.id);
  const rows: (string | number)[][] = [['file', 'status', 'score', 'max', ...ids, 'review_comments', 'reason']];
  for (const n of notes) {
    const g = n.grade;
    const cells = ids.map((id) => (g.status === 'graded' ? (g.criteria.find((c) => c.id === id)?.met ? 1 : 0) : ''));
    rows.push([n.file, g.status, g.status === 'graded' ? g.score : '', g.max, ...cells, n.review?.comments.length ?? 0, g.status === 'graded' ? '' : g.reason]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
