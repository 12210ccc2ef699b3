import { translator, type Locale, type Translator } from '../l10n/localize';
import { escapeHtml } from '../render/escape';
import { escapeTerminal as t } from '../terminalText';
import { NPRS_MCID, type ClientHistory } from './progress';

const signed = (n: number | undefined): string => (n === undefined ? '–' : n > 0 ? `+${n}` : String(n));

/** Plain-text history table for the terminal; every value from a note is escaped for it. */
export function historyText(h: ClientHistory): string {
  const lines = [`Progress for ${t(h.client)}: ${visitsWord(h.visits.length)}`, ''];
  const techniqueWidth = Math.max(10, ...h.visits.map((v) => v.techniques.join(', ').length));
  lines.push(`date        visit  pain before -> after  session  vs first  ${'techniques'.padEnd(techniqueWidth)}  regions`);
  for (const v of h.visits) {
    const pain = `${v.painBefore ?? '–'} -> ${v.painAfter ?? '–'}`.padEnd(20);
    const mcid = v.reachesMcid ? ' *' : '  ';
    lines.push(`${t(v.date)}  ${t(String(v.visit ?? '')).padEnd(5)}  ${pain}  ${signed(v.sessionChange).padEnd(7)}  ${(signed(v.changeFromBaseline) + mcid).padEnd(8)}  ${t(v.techniques.join(', ')).padEnd(techniqueWidth)}  ${t(v.regions.join(', '))}`.trimEnd());
    if (v.missedFollowUp) {
      lines.push(`            ! follow-up planned for ${t(v.missedFollowUp.planned)} ${v.missedFollowUp.late === 'none' ? 'has not happened' : `happened ${v.missedFollowUp.late} days late`}`);
    }
  }
  // With one visit there is no change from the first visit to mark.
  if (h.visits.length > 1) {
    lines.push('', `* change of ${NPRS_MCID}+ NPRS points from the first visit (minimal clinically important difference)`);
  }
  if (h.overallChange !== undefined) {
    lines.push(`Overall: ${h.baseline} -> ${h.latest} (${signed(h.overallChange)})${h.overallReachesMcid ? ', a clinically important change' : ', below the clinically important difference'}`);
  }
  if (h.health.length > 0) {
    lines.push('', 'Health record (carried to later notes until resolved or stopped):');
    for (const e of h.health) {
      lines.push(`${e.date}  ${String(e.visit ?? '').padEnd(5)}  ${e.kind.padEnd(10)}  ${e.change.padEnd(14)}  ${e.what}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** "1 visit", "5 visits". */
function visitsWord(n: number): string {
  return `${n} visit${n === 1 ? '' : 's'}`;
}

/** Inline SVG trend chart of pain before (solid) and after (dashed) per visit, 0-10 (its labels in the translator's language, default English). */
export function historyChart(h: ClientHistory, t: Translator = translator()): string {
  const width = 560;
  const height = 220;
  const pad = 36;
  const n = Math.max(1, h.visits.length - 1);
  const x = (i: number): number => pad + ((width - 2 * pad) * i) / n;
  const y = (pain: number): number => height - pad - ((height - 2 * pad) * pain) / 10;
  const line = (values: (number | undefined)[], cls: string): string => {
    const points = values.map((v, i) => (v === undefined ? undefined : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
    return points.length ? `<polyline class="${cls}" fill="none" points="${points.join(' ')}"/>` : '';
  };
  const grid = [0, 2, 4, 6, 8, 10].map((p) => `<line class="grid" x1="${pad}" x2="${width - pad}" y1="${y(p)}" y2="${y(p)}"/><text class="axis" x="${pad - 8}" y="${y(p) + 4}" text-anchor="end">${p}</text>`).join('');
  const labels = h.visits.map((v, i) => `<text class="axis" x="${x(i).toFixed(1)}" y="${height - pad + 16}" text-anchor="middle">${escapeHtml(v.date.slice(5))}</text>`).join('');
  const dots = h.visits
    .map((v, i) => (v.painBefore === undefined ? '' : `<circle class="${v.reachesMcid ? 'mcid' : 'before'}" cx="${x(i).toFixed(1)}" cy="${y(v.painBefore).toFixed(1)}" r="4"><title>${escapeHtml(t('history.dot', { date: v.date, before: v.painBefore, after: v.painAfter ?? '–' }))}</title></circle>`))
    .join('');
  return `<svg class="trend" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(t.count('history.chart', h.visits.length))}">${grid}${labels}${line(h.visits.map((v) => v.painBefore), 'before')}${line(h.visits.map((v) => v.painAfter), 'after')}${dots}</svg>`;
}

/** A self-contained HTML page: the trend chart and the visit table, every value escaped, strict CSP; fixed labels and `<html lang>` in `locale` (default English). */
export function historyHtml(h: ClientHistory, nonce: string, locale?: Locale): string {
  const t = translator(locale);
  const rows = h.visits
    .map(
      (v) =>
        `<tr${v.missedFollowUp ? ' class="missed"' : ''}><td>${escapeHtml(v.date)}</td><td>${v.visit ?? ''}</td><td>${v.painBefore ?? '–'} → ${v.painAfter ?? '–'}</td><td>${signed(v.sessionChange)}</td><td>${signed(v.changeFromBaseline)}${v.reachesMcid ? ` <span class="badge">${t('history.mcid')}</span>` : ''}</td><td>${escapeHtml(v.techniques.join(', '))}</td><td>${escapeHtml(v.regions.join(', '))}</td><td>${v.missedFollowUp ? escapeHtml(v.missedFollowUp.late === 'none' ? t('history.followUp.notSeen', { date: v.missedFollowUp.planned }) : t('history.followUp.late', { date: v.missedFollowUp.planned, days: v.missedFollowUp.late })) : ''}</td></tr>`,
    )
    .join('\n');
  const overall = h.overallChange === undefined ? '' : `<p class="overall">${t(h.overallReachesMcid ? 'history.overall.important' : 'history.overall.below', { baseline: h.baseline ?? '', latest: h.latest ?? '', change: signed(h.overallChange), points: NPRS_MCID })}</p>`;
  const head = (['date', 'visit', 'pain', 'session', 'vsFirst', 'techniques', 'regions', 'followUp'] as const).map((k) => `<th>${t(`history.col.${k}`)}</th>`).join('');
  return `<!DOCTYPE html>
<html lang="${t.locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'nonce-${nonce}'; img-src data:">
<title>${escapeHtml(t('history.title', { client: h.client }))}</title>
<style nonce="${nonce}">
body{font:14px/1.45 system-ui,sans-serif;color:var(--vscode-editor-foreground,#1b1b1b);background:var(--vscode-editor-background,#fff);margin:24px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc8;padding:4px 8px;text-align:left}
.trend{width:100%;max-width:640px}.trend .grid{stroke:#8884}.trend .axis{font-size:10px;fill:currentColor}
.trend polyline.before{stroke:#c0392b;stroke-width:2}.trend polyline.after{stroke:#2471a3;stroke-width:2;stroke-dasharray:5 4}
.trend circle.before{fill:#c0392b}.trend circle.mcid{fill:#1e8449}.badge{background:#1e8449;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}
tr.missed td{background:#f5b04122}.legend span{margin-right:16px}
@media print{body{margin:0}}
</style></head><body>
<main>
<h1>${t('history.title', { client: escapeHtml(h.client) })}</h1>
<p class="legend"><span>${t('history.legend.before')}</span><span>${t('history.legend.after')}</span>${h.visits.length > 1 ? `<span>${t('history.legend.mcid', { points: NPRS_MCID })}</span>` : ''}</p>
${historyChart(h, t)}
${overall}
<table><thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table>
${healthHtml(h, t)}
</main>
</body></html>
`;
}

/** The health timeline as a table: when each condition and medication was recorded, changed, resolved or stopped. */
const CHANGE_WORDS = { recorded: 'history.change.recorded', changed: 'history.change.changed', resolved: 'history.change.resolved', 'recorded again': 'history.change.recordedAgain', stopped: 'history.change.stopped' } as const;

function healthHtml(h: ClientHistory, t: Translator): string {
  if (h.health.length === 0) {
    return '';
  }
  const rows = h.health.map((e) => `<tr><td>${escapeHtml(e.date)}</td><td>${e.visit ?? ''}</td><td>${escapeHtml(t(`history.kind.${e.kind}`))}</td><td>${escapeHtml(t(CHANGE_WORDS[e.change]))}</td><td>${escapeHtml(e.what)}</td></tr>`).join('\n');
  const head = (['date', 'visit', 'kind', 'change', 'what'] as const).map((k) => `<th>${t(`history.col.${k}`)}</th>`).join('');
  return `<h2>${t('history.health')}</h2>
<p>${t('history.health.text')}</p>
<table class="health"><thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
}
