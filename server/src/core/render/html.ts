import type { Analysis } from '../engine';
import type { NoteGrade } from '../grading/grade';
import { translator, type Locale, type Translator } from '../l10n/localize';
import { lostReason, type AnchoredComment } from '../review/review';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { bodyMapSummary, renderBodyMap, type BodyMapLine } from './bodyMap';
import { cssString, escapeHtml } from './escape';
import { buildReport, sideWord, type Entry, type Field, type PainChange, type ReportFinding, type ReportModel, type TreatmentRow } from './reportModel';
import { bodyMapLineParts, painChangeWords, severityLabel } from './reportWords';
import { REPORT_CSS } from './styles';
import { documentHead } from './documentHead';

/** Options of {@link renderHtml}. */
export interface HtmlRenderOptions {
  /** nonce for the inline <style> (and for the <script> tags below); a fresh random one per render is the caller's job */
  nonce: string;
  /** extra CSP source for the webview (VS Code's webview.cspSource), added to style-src/img-src/script-src when given */
  cspSource?: string;
  /** script URIs to include as <script nonce=... src=...> (the webview's scroll-sync script); none for the CLI export */
  scripts?: string[];
  /** link target for "progress across visits" (optional; omit the link when absent) */
  historyHref?: string;
  /** the note's grade under the workspace's rubric, or why the rubric cannot be used: the report lists the criteria met and missed */
  grading?: { grade?: NoteGrade; problem?: string };
  /** an educator's review comments beside the note, placed on its lines */
  review?: { comments: AnchoredComment[]; problems: string[] };
  /** the language of the report's fixed labels and `<html lang>` (default English); the note's content and the findings' messages are shown as they are */
  locale?: Locale;
}

/** A CSP nonce: base64 or base64url characters only, so it cannot break out of the policy or the attribute. */
const NONCE = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

/** One CSP source expression per space-separated token (`https://*.vscode-cdn.net`, `'self'`): nothing that ends the policy, the attribute or the tag. */
const CSP_SOURCE = /^(?:'self'|[^\s;,'"<>\\\x00-\x1f]+)$/;

/** URL schemes that would run code if followed; caller-supplied links and scripts using them are refused. */
const UNSAFE_URL = /^\s*(?:javascript|vbscript|data|file):/i;

/**
 * Renders a note as a whole, self-contained HTML document: header with the signature badge,
 * the health alerts banner, the SOAP sections, pain change, addenda and the body map. Strict
 * CSP (nothing but the nonce'd stylesheet and the given scripts may load), no inline handlers
 * or style attributes, every note value escaped, `data-line` on every element showing a YAML
 * node so the preview can follow the editor.
 */
export function renderHtml(analysis: Analysis, vocabulary: Vocabulary, options: HtmlRenderOptions): string {
  if (!NONCE.test(options.nonce)) {
    throw new Error('renderHtml: the nonce must be at least 8 base64 characters.');
  }
  const cspSources = (options.cspSource ?? '').split(/\s+/).filter(Boolean);
  if (cspSources.some((s) => !CSP_SOURCE.test(s))) {
    throw new Error('renderHtml: cspSource is not a valid CSP source expression.');
  }
  const scripts = (options.scripts ?? []).filter((src) => src.length > 0);
  if (scripts.some((src) => UNSAFE_URL.test(src))) {
    throw new Error('renderHtml: script URIs must not use javascript:, data:, vbscript: or file: URLs.');
  }
  const nonce = options.nonce;
  const extra = cspSources.length ? ` ${cspSources.join(' ')}` : '';
  const policy = [
    "default-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `style-src 'nonce-${nonce}'${extra}`,
    `img-src data:${extra}`,
    ...(scripts.length ? [`script-src 'nonce-${nonce}'${extra}`] : []),
  ].join('; ');

  const t = translator(options.locale);
  const report = buildReport(analysis, vocabulary);
  const history = options.historyHref && !UNSAFE_URL.test(options.historyHref) ? options.historyHref : undefined;
  const title = [t('report.title'), report.header.client?.text, report.header.date?.text].filter(Boolean).join(' · ');

  return [
    // The policy is built only from the validated nonce and CSP sources above.
    ...documentHead({ policy, title, nonce, css: `${REPORT_CSS}${printedHeader(report, t)}`, lang: t.locale }),
    '<main class="soap-report">',
    header(report, history, t),
    weakened(report, t),
    alerts(report, t),
    health(report, t),
    subjective(report, t),
    objective(report, t),
    treatment(report, t),
    assessment(report, t),
    plan(report, t),
    addenda(report, t),
    bodyMapSection(renderBodyMap(analysis, vocabulary, t.locale), bodyMapSummary(analysis, vocabulary), t),
    checks(report, t),
    gradeSection(options.grading, t),
    reviewSection(options.review, t),
    `<footer class="muted"><p>${t('report.footer')}</p></footer>`,
    '</main>',
    ...scripts.map((src) => `<script nonce="${nonce}" src="${escapeHtml(src)}"></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** ` data-line="N"`, or nothing when the line is unknown. */
function lineAttr(line: number | undefined): string {
  return line === undefined ? '' : ` data-line="${line}"`;
}

/** A note value as escaped text in a span that knows its line. */
function value(field: Field | undefined, t: Translator, cls = 'text'): string {
  return field ? `<span class="${cls}"${lineAttr(field.line)}>${escapeHtml(field.text)}</span>` : `<span class="muted">${t('report.notRecorded')}</span>`;
}

/** A `<dl>` row per present field; absent fields are left out. */
function definitions(rows: [string, Field | undefined, string?][]): string {
  const present = rows.filter(([, f]) => f !== undefined);
  if (present.length === 0) {
    return '';
  }
  return `<dl class="fields">${present.map(([label, f, suffix]) => `<div><dt>${label}</dt><dd${lineAttr(f?.line)}><span class="text">${escapeHtml(f?.text ?? '')}</span>${suffix ?? ''}</dd></div>`).join('')}</dl>`;
}

function section(cls: string, title: string, line: number | undefined, body: string): string {
  return `<section class="${cls}"${lineAttr(line)}>\n<h2>${title}</h2>\n${body}\n</section>`;
}

function header(report: ReportModel, history: string | undefined, t: Translator): string {
  const h = report.header;
  const sig = report.signature;
  let badge: string;
  if (!sig) {
    badge = `<span class="badge unsigned">${t('report.unsigned')}</span>`;
  } else {
    const by = sig.by ? escapeHtml(sig.by.text) : t('report.unknownSigner');
    const signed = sig.at ? t('report.signedByAt', { by, at: escapeHtml(sig.at.text) }) : t('report.signedBy', { by });
    badge = sig.valid
      ? `<span class="badge signed"${lineAttr(sig.line)}>${signed}</span>`
      : `<span class="badge tampered"${lineAttr(sig.line)}>${t('report.changedSinceSigning', { signed })}</span>`;
  }
  const link = history ? `<a class="history" href="${escapeHtml(history)}">${t('report.historyLink')}</a>` : '';
  const duration = h.duration ? ' min' : '';
  return [
    `<header class="note-header"${lineAttr(0)}>`,
    `<h1>${h.client ? t('report.heading', { client: value(h.client, t) }) : t('report.title')}</h1>`,
    `<dl>`,
    ...([
      [t('report.field.client'), h.client, ''],
      [t('report.field.date'), h.date, ''],
      [t('report.field.visit'), h.visit, ''],
      [t('report.field.duration'), h.duration, duration],
      [t('report.field.therapist'), h.therapist, ''],
    ] as [string, Field | undefined, string][]).map(([label, f, suffix]) => `<div><dt>${label}</dt><dd${lineAttr(f?.line)}>${f ? `${escapeHtml(f.text)}${suffix}` : `<span class="muted">${t('report.notRecorded')}</span>`}</dd></div>`),
    `</dl>`,
    `<p>${badge}${link}</p>`,
    '</header>',
  ].join('\n');
}

function findingItem(f: ReportFinding, cls: string, t: Translator, id?: string): string {
  return `<li${id ? ` id="${id}"` : ''} class="${cls} sev-${f.severity}"${lineAttr(f.line)}><span class="severity">${severityLabel(f, t)}</span> ${escapeHtml(f.message)} <span class="rule muted">${t('report.ruleLine', { rule: escapeHtml(f.ruleId), line: f.line + 1 })}</span></li>`;
}

/** The same finding in the alerts list and under a row: compared by what it says and where. */
const findingKey = (f: ReportFinding): string => `${f.ruleId}\u0000${f.line}\u0000${f.message}`;

/** Under a treatment row: a link to the alert that already says it in full, or the finding itself when it is not an alert. */
function rowFindingItem(f: ReportFinding, alertIds: ReadonlyMap<string, string>, t: Translator): string {
  const id = alertIds.get(findingKey(f));
  if (!id) {
    return findingItem(f, 'row-finding', t);
  }
  return `<li class="row-finding sev-${f.severity}"${lineAttr(f.line)}><span class="severity">${severityLabel(f, t)}</span> <a href="#${id}">${escapeHtml(t('report.seeAlert', { number: id.slice('alert-'.length) }))}</a> <span class="rule muted">${escapeHtml(f.ruleId)}</span></li>`;
}

/** The banner saying the workspace checks less than soapnote's defaults; nothing when it does not. */
function weakened(report: ReportModel, t: Translator): string {
  if (report.weakenings.length === 0) {
    return '';
  }
  return [
    `<section class="weakened" role="note" aria-label="${t('report.weakened.label')}">`,
    `<h2>${t('report.weakened.heading', { count: report.weakenings.length })}</h2>`,
    `<p>${t('report.weakened.text')} ${t('report.weakened.missing')}</p>`,
    '<ul>',
    ...report.weakenings.map((w) => `<li>${escapeHtml(w.detail)} <span class="rule muted">${t('report.fileLine', { file: escapeHtml(w.file), line: w.line })}</span></li>`),
    '</ul>',
    '</section>',
  ].join('\n');
}

function alerts(report: ReportModel, t: Translator): string {
  const standing = report.health.allergies.length
    ? `<p class="standing"${lineAttr(report.health.allergies[0]?.line)}><strong>${t('report.labelled', { label: t('report.allergies') })}</strong> ${report.health.allergies.map((a) => value(a, t)).join(', ')}</p>`
    : '';
  if (report.alerts.length === 0) {
    return `<section class="alerts clear" aria-label="${t('report.alerts')}">\n<h2>${t('report.alerts')}</h2>\n<p>${t('report.alerts.none')}</p>${standing}\n</section>`;
  }
  return [
    `<section class="alerts" role="alert" aria-label="${t('report.alerts')}">`,
    `<h2>${t('report.alertsCount', { count: report.alerts.length })}</h2>`,
    '<ul>',
    ...report.alerts.map((f, i) => findingItem(f, 'alert', t, `alert-${i + 1}`)),
    '</ul>',
    standing,
    '</section>',
  ].join('\n');
}

/** The column name a cell shows before its value on a narrow screen, where rows become cards. */
function labelAttr(label: string): string {
  return ` data-label="${escapeHtml(label)}"`;
}

/** Printed pages carry the client id and the session date at the top (page numbers are in REPORT_CSS). */
function printedHeader(report: ReportModel, t: Translator): string {
  const words = [report.header.client?.text, report.header.date?.text].filter((w): w is string => Boolean(w));
  return words.length ? `\n@page { @top-left { content: ${cssString(t('report.printedClient', { client: words.join(' · ') }))}; font-size: 9pt; color: #444444; } }\n` : '';
}

/** A table of mapping entries; one column per key, each cell with its own line. */
function entryTable(cls: string, entries: Entry[], columns: [key: string, label: string, render?: (f: Field | undefined, index: number) => string][]): string {
  if (entries.length === 0) {
    return '';
  }
  const head = columns.map(([key, label]) => `<th${key === 'degrees' ? ' class="num"' : ''}>${label}</th>`).join('');
  const rows = entries.map((e, index) => {
    const cells = columns.map(([key, label, render]) => {
      const f = e.fields[key];
      const content = render ? render(f, index) : f ? escapeHtml(f.text) : '';
      return `<td${key === 'degrees' ? ' class="num"' : ''}${labelAttr(label)}${lineAttr(f?.line)}>${content}</td>`;
    });
    return `<tr${lineAttr(e.line)}>${cells.join('')}</tr>`;
  });
  return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const sideCell = (f: Field | undefined): string => (f ? escapeHtml(sideWord(f) ?? '') : '');

function health(report: ReportModel, t: Translator): string {
  const h = report.health;
  const carriedLabel = t('report.carried.what');
  const recordedLabel = t('report.carried.recorded');
  const carried = h.carried.length
    ? `<table class="carried"><caption>${t('report.carried.caption')}</caption><thead><tr><th>${carriedLabel}</th><th>${recordedLabel}</th></tr></thead><tbody>\n${h.carried
        .map((c) => `<tr><td${labelAttr(carriedLabel)}>${escapeHtml(c.kind === 'medication' ? t('report.carried.medication', { text: c.text }) : c.text)}</td><td${labelAttr(recordedLabel)}><span class="date">${escapeHtml(c.date)}</span>${c.visit !== undefined ? escapeHtml(t('report.carried.visitSuffix', { visit: c.visit })) : ''}</td></tr>`)
        .join('\n')}\n</tbody></table>`
    : '';
  if (h.conditions.length === 0 && h.medications.length === 0 && h.allergies.length === 0) {
    return section('health', t('report.health'), h.line, [carried, h.carried.length ? '' : `<p class="muted">${t('report.health.none')}</p>`].join('\n'));
  }
  const conditions = entryTable('conditions', h.conditions, [
    ['condition', t('report.col.condition')],
    ['region', t('report.col.region')],
    ['side', t('report.col.side'), sideCell],
    ['status', t('report.col.status'), (f) => escapeHtml(f?.text ?? 'active')],
    // "not on file" only where the condition needs clearance: elsewhere it would read as something missing.
    ['clearance', t('report.col.clearance'), (f, index) => (f?.text === 'true' ? t('report.clearance.onFile') : h.needsClearance.has(index) ? `<strong>${t('report.clearance.notOnFile')}</strong>` : `<span class="muted">${t('report.clearance.notNeeded')}</span>`)],
    ['since', t('report.col.since'), (f) => (f ? `<span class="date">${escapeHtml(f.text)}</span>` : '')],
    ['note', t('report.col.note'), (f) => (f ? `<span class="text">${escapeHtml(f.text)}</span>` : '')],
  ]);
  const list = (label: string, items: Field[]): string =>
    items.length ? `<p${lineAttr(items[0]?.line)}><strong>${t('report.labelled', { label })}</strong> ${items.map((m) => value(m, t)).join(', ')}</p>` : `<p class="muted">${t('report.noneRecorded', { label })}</p>`;
  return section('health', t('report.health'), h.line, [conditions, carried, list(t('report.medications'), h.medications), list(t('report.allergies'), h.allergies)].join('\n'));
}

function subjective(report: ReportModel, t: Translator): string {
  const s = report.subjective.fields;
  const body = definitions([
    [t('report.complaint'), s.complaint],
    [t('report.pain'), s.pain],
    [t('report.goals'), s.goals],
    [t('report.notes'), s.notes],
  ]);
  return section('subjective', t('report.subjective'), report.subjective.line, body || `<p class="muted">${t('report.notRecordedSentence')}</p>`);
}

function objective(report: ReportModel, t: Translator): string {
  const o = report.objective;
  const posture = definitions([[t('report.posture'), o.fields.posture]]);
  const findings = o.findings.length
    ? `<h3>${t('report.findings')}</h3>\n${entryTable('findings', o.findings, [
        ['target', t('report.col.target')],
        ['side', t('report.col.side'), sideCell],
        ['finding', t('report.col.finding')],
        ['note', t('report.col.note'), (f) => (f ? `<span class="text">${escapeHtml(f.text)}</span>` : '')],
      ])}`
    : '';
  const rom = o.rom.length
    ? `<h3>${t('report.rom')}</h3>\n${entryTable('rom', o.rom, [
        ['movement', t('report.col.movement')],
        ['side', t('report.col.side'), sideCell],
        ['degrees', t('report.col.degrees'), (f) => (f ? `${escapeHtml(f.text)}°` : '')],
        ['note', t('report.col.note'), (f) => (f ? `<span class="text">${escapeHtml(f.text)}</span>` : '')],
      ])}`
    : '';
  const body = [posture, findings, rom].filter(Boolean).join('\n');
  return section('objective', t('report.objective'), o.line, body || `<p class="muted">${t('report.notRecordedSentence')}</p>`);
}

/** The pressure cell: the word and its Walton level; the technique's typical level (marked) when none was written. */
function pressureCell(row: TreatmentRow, t: Translator): string {
  const p = row.pressure;
  if (p && row.levelWritten && row.level !== undefined) {
    const word = row.levelWord ?? p.text;
    return `${escapeHtml(word)} <span class="muted">${t('report.walton', { level: row.level })}</span>`;
  }
  if (p) {
    return `${escapeHtml(p.text)} <span class="muted">${t('report.levelUnknown')}</span>`;
  }
  if (row.level !== undefined) {
    return `<span class="typical">${t('report.typicalLevel', { word: escapeHtml(row.levelWord ?? String(row.level)), level: row.level })}</span>`;
  }
  return `<span class="muted">${t('report.notRecorded')}</span>`;
}

function termCell(field: Field | undefined, resolvedName: string | undefined, t: Translator): string {
  if (!field) {
    return `<span class="muted">${t('report.notRecorded')}</span>`;
  }
  const name = resolvedName ? ` <span class="resolved-name">(${escapeHtml(resolvedName)})</span>` : '';
  return `${escapeHtml(field.text)}${name}`;
}

function treatmentRow(row: TreatmentRow, alertIds: ReadonlyMap<string, string>, t: Translator): string {
  const marker = row.conflict
    ? `<span class="conflict-marker" role="img" aria-label="${t('report.conflict')}" title="${t('report.conflictSeeBelow')}">⚠</span>`
    : row.findings.length
      ? `<span class="finding-marker" role="img" aria-label="${t('report.check')}" title="${t('report.seeBelow')}">!</span>`
      : '';
  const classes = [row.conflict ? 'conflict' : '', row.findings.length ? 'has-findings' : ''].filter(Boolean).join(' ');
  const main =
    `<tr${classes ? ` class="${classes}"` : ''}${lineAttr(row.line)}>` +
    `<td${labelAttr(t('report.col.technique'))}${lineAttr(row.technique?.line)}>${marker}${termCell(row.technique, row.techniqueName, t)}</td>` +
    `<td${labelAttr(t('report.col.target'))}${lineAttr(row.target?.line)}>${termCell(row.target, row.targetName, t)}</td>` +
    `<td${labelAttr(t('report.col.side'))}${lineAttr(row.side?.line)}>${row.side ? escapeHtml(sideWord(row.side) ?? '') : '<span class="muted">-</span>'}</td>` +
    `<td${labelAttr(t('report.col.pressure'))}${lineAttr(row.pressure?.line)}>${pressureCell(row, t)}</td>` +
    `<td class="num"${labelAttr(t('report.col.minutes'))}${lineAttr(row.minutes?.line)}>${row.minutes ? escapeHtml(row.minutes.text) : ''}</td>` +
    '</tr>';
  const details = [
    ...(row.note ? [`<li${lineAttr(row.note.line)}><span class="text">${escapeHtml(row.note.text)}</span></li>`] : []),
    ...row.findings.map((f) => rowFindingItem(f, alertIds, t)),
  ];
  if (details.length === 0) {
    return main;
  }
  return `${main}\n<tr class="row-detail${row.conflict ? ' conflict' : ''}"${lineAttr(row.line)}><td colspan="5"><ul>${details.join('')}</ul></td></tr>`;
}

function treatment(report: ReportModel, t: Translator): string {
  const tr = report.treatment;
  const alertIds = new Map(report.alerts.map((f, i) => [findingKey(f), `alert-${i + 1}`]));
  if (tr.rows.length === 0) {
    return section('treatment-section', t('report.treatment'), tr.line, `<p class="muted">${t('report.treatment.none')}</p>`);
  }
  const duration = report.header.duration;
  const total = `<tfoot><tr><td colspan="4">${t('report.total')}${duration ? ` <span class="muted">(${t('report.sessionMinutes', { minutes: escapeHtml(duration.text) })})</span>` : ''}</td><td class="num">${tr.totalMinutes}</td></tr></tfoot>`;
  const head = ['technique', 'target', 'side', 'pressure'].map((k) => `<th>${t(`report.col.${k}` as 'report.col.technique')}</th>`).join('');
  return section(
    'treatment-section',
    t('report.treatment'),
    tr.line,
    `<table class="treatment"><thead><tr>${head}<th class="num">${t('report.col.minutes')}</th></tr></thead><tbody>\n${tr.rows.map((row) => treatmentRow(row, alertIds, t)).join('\n')}\n</tbody>${total}</table>`,
  );
}

/** "6 → 3: 3 points better, reaching the minimal clinically important difference (2 points)". */
function painLine(pain: PainChange, t: Translator): string {
  if (!pain.before && !pain.after) {
    return '';
  }
  const before = pain.before ? `<span${lineAttr(pain.before.line)}>${escapeHtml(pain.before.text)}</span>` : '<span class="muted">?</span>';
  const after = pain.after ? `<span${lineAttr(pain.after.line)}>${escapeHtml(pain.after.text)}</span>` : '<span class="muted">?</span>';
  const words = painChangeWords(pain, t, (cls, text) => `<span class="${cls}">${text}</span>`);
  const line = t('report.painLine', { before, after });
  return `<p class="pain"><strong>${t('report.labelled', { label: t('report.pain') })}</strong> ${words ? t('report.colonJoin', { first: line, second: words }) : line}</p>`;
}

function assessment(report: ReportModel, t: Translator): string {
  const a = report.assessment.fields;
  const body = [painLine(report.pain, t), definitions([
    [t('report.summary'), a.summary],
    [t('report.response'), a.response],
  ])].filter(Boolean).join('\n');
  return section('assessment', t('report.assessment'), report.assessment.line, body || `<p class="muted">${t('report.notRecordedSentence')}</p>`);
}

function plan(report: ReportModel, t: Translator): string {
  const p = report.plan;
  const care = p.homeCare.length
    ? `<h3>${t('report.homeCare')}</h3>\n<ul class="home-care">${p.homeCare.map((c) => `<li${lineAttr(c.line)}><span class="text">${escapeHtml(c.text)}</span></li>`).join('')}</ul>`
    : '';
  const body = [definitions([
    [t('report.frequency'), p.fields.frequency],
    [t('report.nextVisit'), p.fields.next_visit],
    [t('report.referrals'), p.fields.referrals],
  ]), care].filter(Boolean).join('\n');
  return section('plan', t('report.plan'), p.line, body || `<p class="muted">${t('report.notRecordedSentence')}</p>`);
}

function addenda(report: ReportModel, t: Translator): string {
  const a = report.addenda;
  if (a.entries.length === 0) {
    return '';
  }
  const items = a.entries.map((e) => {
    const at = e.fields.at ? `<span${lineAttr(e.fields.at.line)}>${escapeHtml(e.fields.at.text)}</span>` : `<span class="muted">${t('report.undated')}</span>`;
    const by = e.fields.by ? `, <span${lineAttr(e.fields.by.line)}>${escapeHtml(e.fields.by.text)}</span>` : '';
    const text = e.fields.text ? `<div class="text"${lineAttr(e.fields.text.line)}>${escapeHtml(e.fields.text.text)}</div>` : '';
    return `<li${lineAttr(e.line)}><strong>${at}${by}</strong>${text}</li>`;
  });
  return section('addenda', t('report.addenda'), a.line, `<p class="muted">${t('report.addenda.text')}</p>\n<ol>${items.join('')}</ol>`);
}

function bodyMapSection(svg: string, lines: BodyMapLine[], t: Translator): string {
  const items = lines.map((l) => {
    const parts = bodyMapLineParts(l, t, escapeHtml, (word) => `<strong class="conflict-marker">${word}</strong>`);
    return `<li data-region="${escapeHtml(l.region)}">${t('report.colonJoin', { first: `<strong>${escapeHtml(l.label)}</strong>`, second: parts.join('; ') })}</li>`;
  });
  const list = items.length ? `<ul class="map-list">${items.join('')}</ul>` : `<p class="map-list muted">${t('report.bodyMap.none')}</p>`;
  return `<section class="body-map-section">\n<h2>${t('report.bodyMap')}</h2>\n<div class="map-wrap">${svg}${list}</div>\n</section>`;
}

function checks(report: ReportModel, t: Translator): string {
  if (report.checks.length === 0) {
    return '';
  }
  return `<section class="checks">\n<h2>${t('report.checks', { count: report.checks.length })}</h2>\n<ul>${report.checks.map((f) => findingItem(f, 'check', t)).join('\n')}</ul>\n</section>`;
}

/** The grade under the rubric: score, then each criterion met or missed with its message. */
function gradeSection(grading: HtmlRenderOptions['grading'], t: Translator): string {
  if (!grading || (!grading.grade && !grading.problem)) {
    return '';
  }
  if (grading.problem) {
    return section('grade', t('report.grade'), undefined, `<p class="muted">${t('report.grade.unusable', { problem: escapeHtml(grading.problem) })}</p>`);
  }
  const g = grading.grade;
  if (!g) {
    return '';
  }
  if (g.status !== 'graded') {
    return section('grade', t('report.grade'), undefined, `<p><strong>${t('report.grade.notGraded')}</strong> ${escapeHtml(g.reason)}</p>`);
  }
  const item = (c: (typeof g.criteria)[number]): string =>
    `<li class="${c.met ? 'met' : 'missed'}"><strong>${t(c.met ? 'report.grade.met' : 'report.grade.missed')}</strong> ${t('report.colonJoin', { first: `${escapeHtml(c.id)} ${t('report.grade.points', { points: escapeHtml(c.points) })}`, second: escapeHtml(c.message) })}${c.detail ? ` <span class="muted">(${escapeHtml(c.detail)})</span>` : ''}</li>`;
  const missed = g.criteria.filter((c) => !c.met);
  const met = g.criteria.filter((c) => c.met);
  return section(
    'grade',
    t('report.gradeScore', { score: escapeHtml(g.score), max: escapeHtml(g.max) }),
    undefined,
    [missed.length ? `<h3>${t('report.grade.criteriaMissed')}</h3>\n<ul class="criteria-missed">${missed.map(item).join('')}</ul>` : '', met.length ? `<h3>${t('report.grade.criteriaMet')}</h3>\n<ul class="criteria-met">${met.map(item).join('')}</ul>` : ''].filter(Boolean).join('\n'),
  );
}

/** The educator's comments, each on its line (scroll sync); a comment whose line is gone is listed and marked, never dropped. */
function reviewSection(review: HtmlRenderOptions['review'], t: Translator): string {
  if (!review || (review.comments.length === 0 && review.problems.length === 0)) {
    return '';
  }
  const items = review.comments.map((a) => {
    const who = `${escapeHtml(a.comment.author)}, ${escapeHtml(a.comment.date)}`;
    if (a.line === undefined) {
      return `<li class="lost">${t('report.colonJoin', { first: `<strong>${who}</strong>, ${t('report.review.placeGone', { reason: escapeHtml(lostReason(a)) })}`, second: `<span class="text">${escapeHtml(a.comment.text)}</span>` })}</li>`;
    }
    const where = `<strong>${who}</strong>, ${t('report.review.line', { line: escapeHtml(a.line + 1) })}${a.moved ? ` ${t('report.review.was', { line: escapeHtml(a.comment.line) })}` : ''}`;
    return `<li${lineAttr(a.line)}>${t('report.colonJoin', { first: where, second: `<span class="text">${escapeHtml(a.comment.text)}</span>` })}</li>`;
  });
  const problems = review.problems.map((p) => `<li class="lost">${t('report.review.unusable', { problem: escapeHtml(p) })}</li>`);
  return section('review', t('report.review'), undefined, `<ul class="review-comments">${[...problems, ...items].join('')}</ul>`);
}
