import type { Analysis } from '../engine';
import type { NoteGrade } from '../grading/grade';
import { translator, type Locale, type Translator } from '../l10n/localize';
import { lostReason, type AnchoredComment } from '../review/review';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { bodyMapSummary } from './bodyMap';
import { escapeMarkdown as md } from './escape';
import { bodyMapLineParts, painChangeWords, severityLabel } from './reportWords';
import { buildReport, sideWord, type Entry, type Field, type ReportFinding, type ReportModel, type TreatmentRow } from './reportModel';

/**
 * Renders a note as GitHub-flavoured Markdown with the same content as the HTML report: alerts
 * as a blockquote list, tables for findings, ROM and treatment. Every note value is escaped
 * (Markdown punctuation, HTML, entities), so pasting the output anywhere is inert. Fixed labels
 * are in `options.locale` (default English); the note's content and the findings stay as they are.
 */
export function renderMarkdown(analysis: Analysis, vocabulary: Vocabulary, educator: MarkdownOptions = {}): string {
  const t = translator(educator.locale);
  const report = buildReport(analysis, vocabulary);
  const out: string[] = [];
  header(out, report, t);
  weakened(out, report, t);
  alerts(out, report, t);
  health(out, report, t);
  subjective(out, report, t);
  objective(out, report, t);
  treatment(out, report, t);
  assessment(out, report, t);
  plan(out, report, t);
  addenda(out, report, t);
  bodyMap(out, analysis, vocabulary, t);
  checks(out, report, t);
  gradeSection(out, educator.grading, t);
  reviewSection(out, educator.review, t);
  out.push('---', '', `_${t('report.footer')}_`, '');
  return out.join('\n');
}

/** What an educator adds to the report: the grade under the workspace's rubric and the review comments beside the note (as in the HTML report). */
export interface EducatorExtras {
  grading?: { grade?: NoteGrade; problem?: string };
  review?: { comments: AnchoredComment[]; problems: string[] };
}

/** Options of {@link renderMarkdown}: what an educator adds, and the language of the fixed labels. */
export interface MarkdownOptions extends EducatorExtras {
  locale?: Locale;
}

const text = (f: Field | undefined, t: Translator, fallback = `_${t('report.notRecorded')}_`): string => (f ? md(f.text) : fallback);

/** `**Label:** value` in the locale's punctuation. */
const labelled = (t: Translator, label: string): string => `**${t('report.labelled', { label })}**`;

function fieldList(out: string[], rows: [string, Field | undefined][], t: Translator): void {
  const present = rows.filter(([, f]) => f !== undefined);
  for (const [label, f] of present) {
    out.push(`- ${labelled(t, label)} ${text(f, t)}`);
  }
  if (present.length) {
    out.push('');
  }
}

/** A GFM table; the columns named in `numeric` are right-aligned. */
function table(out: string[], head: string[], rows: string[][], numeric: readonly string[] = []): void {
  out.push(`| ${head.join(' | ')} |`, `| ${head.map((h) => (numeric.includes(h) ? '---:' : '---')).join(' | ')} |`);
  for (const row of rows) {
    out.push(`| ${row.map((c) => c || ' ').join(' | ')} |`);
  }
  out.push('');
}

function header(out: string[], r: ReportModel, t: Translator): void {
  const h = r.header;
  out.push(`# ${h.client ? t('report.heading', { client: md(h.client.text) }) : t('report.title')}`, '');
  fieldList(out, [
    [t('report.field.client'), h.client],
    [t('report.field.date'), h.date],
    [t('report.field.visit'), h.visit],
    [t('report.field.durationMinutes'), h.duration],
    [t('report.field.therapist'), h.therapist],
  ], t);
  const s = r.signature;
  if (!s) {
    out.push(`**${t('report.unsigned')}**`, '');
  } else {
    const by = s.by ? md(s.by.text) : t('report.unknownSigner');
    const who = s.at ? t('report.signedByAt', { by, at: md(s.at.text) }) : t('report.signedBy', { by });
    out.push(s.valid ? `**${who}**` : `**${t('report.changedSinceSigning', { signed: who })}**`, '');
  }
}

function findingLine(f: ReportFinding, t: Translator): string {
  return `${labelled(t, severityLabel(f, t))} ${md(f.message)} (${t('report.ruleLine', { rule: `\`${f.ruleId.replace(/[^a-z0-9.-]/gi, '')}\``, line: f.line + 1 })})`;
}

/** The banner saying the workspace checks less than soapnote's defaults; nothing when it does not. */
function weakened(out: string[], r: ReportModel, t: Translator): void {
  if (r.weakenings.length === 0) {
    return;
  }
  out.push(`## ${t('report.weakened.heading', { count: r.weakenings.length })}`, '');
  out.push(`> **${t('report.weakened.text')}** ${t('report.weakened.missing')}`);
  out.push('>');
  for (const w of r.weakenings) {
    out.push(`> - ${md(w.detail)} (${t('report.fileLine', { file: md(w.file), line: w.line })})`);
  }
  out.push('');
}

function alerts(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.alerts')}`, '');
  if (r.alerts.length === 0) {
    out.push(`> ${t('report.alerts.none')}`);
  } else {
    for (const f of r.alerts) {
      out.push(`> - ${findingLine(f, t)}`);
    }
  }
  if (r.health.allergies.length) {
    out.push('>', `> ${labelled(t, t('report.allergies'))} ${r.health.allergies.map((a) => md(a.text)).join(', ')}`);
  }
  out.push('');
}

function entryRows(entries: Entry[], keys: string[], render: Record<string, (f: Field | undefined, index: number) => string> = {}): string[][] {
  return entries.map((e, index) => keys.map((k) => (render[k] ? render[k](e.fields[k], index) : e.fields[k] ? md(e.fields[k].text) : '')));
}

const sideMd = (f: Field | undefined): string => (f ? md(sideWord(f) ?? '') : '');

function health(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.health')}`, '');
  const h = r.health;
  if (h.conditions.length) {
    table(
      out,
      (['condition', 'region', 'side', 'status', 'clearance', 'since', 'note'] as const).map((k) => t(`report.col.${k}`)),
      entryRows(h.conditions, ['condition', 'region', 'side', 'status', 'clearance', 'since', 'note'], {
        side: sideMd,
        status: (f) => md(f?.text ?? 'active'),
        clearance: (f, index) => (f?.text === 'true' ? t('report.clearance.onFile') : h.needsClearance.has(index) ? `**${t('report.clearance.notOnFile')}**` : t('report.clearance.notNeeded')),
      }),
    );
  }
  for (const c of h.carried) {
    const source = c.visit !== undefined ? t('report.carried.visit', { date: c.date, visit: c.visit }) : c.date;
    out.push(`- ${labelled(t, t('report.carried.from', { source: md(source) }))} ${md(c.kind === 'medication' ? t('report.carried.medication', { text: c.text }) : c.text)}`);
  }
  const none = `_${t('report.none')}_`;
  out.push(`- ${labelled(t, t('report.medications'))} ${h.medications.length ? h.medications.map((m) => md(m.text)).join(', ') : none}`);
  out.push(`- ${labelled(t, t('report.allergies'))} ${h.allergies.length ? h.allergies.map((m) => md(m.text)).join(', ') : none}`, '');
}

function subjective(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.subjective')}`, '');
  const s = r.subjective.fields;
  fieldList(out, [
    [t('report.complaint'), s.complaint],
    [t('report.pain'), s.pain],
    [t('report.goals'), s.goals],
    [t('report.notes'), s.notes],
  ], t);
}

function objective(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.objective')}`, '');
  const o = r.objective;
  fieldList(out, [[t('report.posture'), o.fields.posture]], t);
  if (o.findings.length) {
    out.push(`### ${t('report.findings')}`, '');
    table(out, (['target', 'side', 'finding', 'note'] as const).map((k) => t(`report.col.${k}`)), entryRows(o.findings, ['target', 'side', 'finding', 'note'], { side: sideMd }));
  }
  if (o.rom.length) {
    out.push(`### ${t('report.rom')}`, '');
    table(out, (['movement', 'side', 'degrees', 'note'] as const).map((k) => t(`report.col.${k}`)), entryRows(o.rom, ['movement', 'side', 'degrees', 'note'], { side: sideMd, degrees: (f) => (f ? `${md(f.text)}°` : '') }), [t('report.col.degrees')]);
  }
}

function pressure(row: TreatmentRow, t: Translator): string {
  if (row.pressure && row.levelWritten && row.level !== undefined) {
    return `${md(row.levelWord ?? row.pressure.text)} ${t('report.walton', { level: row.level })}`;
  }
  if (row.pressure) {
    return `${md(row.pressure.text)} ${t('report.levelUnknown')}`;
  }
  return row.level !== undefined ? `_${t('report.typicalLevelShort', { word: md(row.levelWord ?? String(row.level)), level: row.level })}_` : '';
}

function term(f: Field | undefined, name: string | undefined): string {
  return f ? `${md(f.text)}${name ? ` (${md(name)})` : ''}` : '';
}

function treatment(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.treatment')}`, '');
  const rows = r.treatment.rows;
  if (rows.length === 0) {
    out.push(`_${t('report.treatment.none')}_`, '');
    return;
  }
  table(
    out,
    ['', ...(['technique', 'target', 'side', 'pressure', 'minutes'] as const).map((k) => t(`report.col.${k}`))],
    [
      ...rows.map((row) => [
        row.conflict ? t('report.conflictMark') : row.findings.length ? '!' : '',
        term(row.technique, row.techniqueName),
        term(row.target, row.targetName),
        row.side ? md(sideWord(row.side) ?? '') : '',
        pressure(row, t),
        row.minutes ? md(row.minutes.text) : '',
      ]),
      ['', `**${t('report.total')}**`, '', '', r.header.duration ? t('report.sessionMinutes', { minutes: md(r.header.duration.text) }) : '', `**${r.treatment.totalMinutes}**`],
    ],
    [t('report.col.minutes')],
  );
  const notes = rows.filter((row) => row.note || row.findings.length);
  for (const row of notes) {
    const label = t('report.entryOn', { technique: term(row.technique, undefined) || t('report.entryWord'), target: term(row.target, undefined) || '?' });
    out.push(`- ${t('report.labelled', { label: t('report.entry', { number: row.index + 1, what: label }) })}`);
    if (row.note) {
      out.push(`  - ${md(row.note.text)}`);
    }
    for (const f of row.findings) {
      out.push(`  - ${findingLine(f, t)}`);
    }
  }
  if (notes.length) {
    out.push('');
  }
}

function assessment(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.assessment')}`, '');
  const p = r.pain;
  if (p.before || p.after) {
    const line = t('report.painLine', { before: text(p.before, t, '?'), after: text(p.after, t, '?') });
    const change = painChangeWords(p, t);
    out.push(`${labelled(t, t('report.pain'))} ${change ? t('report.colonJoin', { first: line, second: change }) : line}`, '');
  }
  fieldList(out, [
    [t('report.summary'), r.assessment.fields.summary],
    [t('report.response'), r.assessment.fields.response],
  ], t);
}

function plan(out: string[], r: ReportModel, t: Translator): void {
  out.push(`## ${t('report.plan')}`, '');
  fieldList(out, [
    [t('report.frequency'), r.plan.fields.frequency],
    [t('report.nextVisit'), r.plan.fields.next_visit],
    [t('report.referrals'), r.plan.fields.referrals],
  ], t);
  if (r.plan.homeCare.length) {
    out.push(`### ${t('report.homeCare')}`, '', ...r.plan.homeCare.map((c) => `- ${md(c.text)}`), '');
  }
}

function addenda(out: string[], r: ReportModel, t: Translator): void {
  if (r.addenda.entries.length === 0) {
    return;
  }
  out.push(`## ${t('report.addenda')}`, '', `_${t('report.addenda.text')}_`, '');
  r.addenda.entries.forEach((e, i) => {
    out.push(`${i + 1}. **${t('report.labelled', { label: `${text(e.fields.at, t, t('report.undated'))}${e.fields.by ? `, ${md(e.fields.by.text)}` : ''}` })}** ${text(e.fields.text, t, '')}`);
  });
  out.push('');
}

function bodyMap(out: string[], analysis: Analysis, vocabulary: Vocabulary, t: Translator): void {
  const lines = bodyMapSummary(analysis, vocabulary);
  out.push(`## ${t('report.bodyMap')}`, '');
  if (lines.length === 0) {
    out.push(`_${t('report.bodyMap.none')}_`, '');
    return;
  }
  for (const l of lines) {
    const parts = bodyMapLineParts(l, t, md, (word) => `**${word}**`);
    out.push(`- ${labelled(t, md(l.label))} ${parts.join('; ')}`);
  }
  out.push('');
}

function checks(out: string[], r: ReportModel, t: Translator): void {
  if (r.checks.length === 0) {
    return;
  }
  out.push(`## ${t('report.checks', { count: r.checks.length })}`, '', ...r.checks.map((f) => `- ${findingLine(f, t)}`), '');
}

function gradeSection(out: string[], grading: EducatorExtras['grading'], t: Translator): void {
  if (grading?.problem) {
    out.push(`## ${t('report.grade')}`, '', `_${t('report.grade.unusable', { problem: md(grading.problem) })}_`, '');
    return;
  }
  const g = grading?.grade;
  if (!g) {
    return;
  }
  if (g.status !== 'graded') {
    out.push(`## ${t('report.grade')}`, '', `**${t('report.grade.notGraded')}** ${md(g.reason)}`, '');
    return;
  }
  const line = (c: (typeof g.criteria)[number]): string =>
    `- **${t(c.met ? 'report.grade.met' : 'report.grade.missed')}** ${t('report.colonJoin', { first: `${md(c.id)} ${t('report.grade.points', { points: c.points })}`, second: md(c.message) })}${c.detail ? ` _(${md(c.detail)})_` : ''}`;
  out.push(`## ${t('report.gradeScore', { score: g.score, max: g.max })}`, '', ...g.criteria.filter((c) => !c.met).map(line), ...g.criteria.filter((c) => c.met).map(line), '');
}

function reviewSection(out: string[], review: EducatorExtras['review'], t: Translator): void {
  if (!review || (review.comments.length === 0 && review.problems.length === 0)) {
    return;
  }
  const items = review.comments.map((a) => {
    const who = `**${md(a.comment.author)}, ${md(a.comment.date)}**`;
    const where = a.line === undefined
      ? `${who}, ${t('report.review.placeGone', { reason: md(lostReason(a)) })}`
      : `${who}, ${t('report.review.line', { line: a.line + 1 })}${a.moved ? ` ${t('report.review.was', { line: a.comment.line })}` : ''}`;
    return `- ${t('report.colonJoin', { first: where, second: md(a.comment.text) })}`;
  });
  out.push(`## ${t('report.review')}`, '', ...review.problems.map((p) => `- ${t('report.review.unusable', { problem: md(p) })}`), ...items, '');
}
