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

/** Inline SVG trend chart of pain before (solid) and after (dashed) per visit, 0-10. */
export function historyChart(h: ClientHistory): string {
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
    .map((v, i) => (v.painBefore === undefined ? '' : `<circle class="${v.reachesMcid ? 'mcid' : 'before'}" cx="${x(i).toFixed(1)}" cy="${y(v.painBefore).toFixed(1)}" r="4"><title>${escapeHtml(`${v.date}: pain ${v.painBefore} before, ${v.painAfter ?? '–'} after`)}</title></circle>`))
    .join('');
  return `<svg class="trend" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Pain over ${h.visits.length} visits`)}">${grid}${labels}${line(h.visits.map((v) => v.painBefore), 'before')}${line(h.visits.map((v) => v.painAfter), 'after')}${dots}</svg>`;
}

/** A self-contained HTML page: the trend chart and the visit table, every value escaped, strict CSP. */
export function historyHtml(h: ClientHistory, nonce: string): string {
  const rows = h.visits
    .map(
      (v) =>
        `<tr${v.missedFollowUp ? ' class="missed"' : ''}><td>${escapeHtml(v.date)}</td><td>${v.visit ?? ''}</td><td>${v.painBefore ?? '–'} → ${v.painAfter ?? '–'}</td><td>${signed(v.sessionChange)}</td><td>${signed(v.changeFromBaseline)}${v.reachesMcid ? ' <span class="badge">MCID</span>' : ''}</td><td>${escapeHtml(v.techniques.join(', '))}</td><td>${escapeHtml(v.regions.join(', '))}</td><td>${v.missedFollowUp ? escapeHtml(`planned ${v.missedFollowUp.planned}: ${v.missedFollowUp.late === 'none' ? 'not yet seen' : `${v.missedFollowUp.late} days late`}`) : ''}</td></tr>`,
    )
    .join('\n');
  const overall = h.overallChange === undefined ? '' : `<p class="overall">Pain ${h.baseline} → ${h.latest} (${signed(h.overallChange)}): ${h.overallReachesMcid ? 'a clinically important change' : 'below the clinically important difference'} (MCID ${NPRS_MCID} NPRS points).</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'nonce-${nonce}'; img-src data:">
<title>${escapeHtml(`Progress: ${h.client}`)}</title>
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
<h1>Progress: ${escapeHtml(h.client)}</h1>
<p class="legend"><span>— pain before (red)</span><span>- - pain after (blue)</span>${h.visits.length > 1 ? `<span>● green: ${NPRS_MCID}+ points from the first visit</span>` : ''}</p>
${historyChart(h)}
${overall}
<table><thead><tr><th>Date</th><th>Visit</th><th>Pain before → after</th><th>Session</th><th>vs first visit</th><th>Techniques</th><th>Regions</th><th>Follow-up</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${healthHtml(h)}
</main>
</body></html>
`;
}

/** The health timeline as a table: when each condition and medication was recorded, changed, resolved or stopped. */
function healthHtml(h: ClientHistory): string {
  if (h.health.length === 0) {
    return '';
  }
  const rows = h.health.map((e) => `<tr><td>${escapeHtml(e.date)}</td><td>${e.visit ?? ''}</td><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(e.change)}</td><td>${escapeHtml(e.what)}</td></tr>`).join('\n');
  return `<h2>Health record</h2>
<p>Carried to later notes until a note records it resolved (or a medication stopped).</p>
<table class="health"><thead><tr><th>Date</th><th>Visit</th><th>Kind</th><th>Change</th><th>What</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}
