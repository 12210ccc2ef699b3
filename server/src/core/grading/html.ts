import { escapeHtml } from '../render/escape';
import { lostReason } from '../review/review';
import type { GradedNote } from './classReport';
import type { ClassSummary } from './grade';
import { documentHead } from '../render/documentHead';

/** A CSP nonce: base64 or base64url characters only (as the report's), so it cannot break out of the policy. */
const NONCE = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

const CSS = `
:root { --fg: #1b1b1b; --muted: #5a5a66; --border: #c8c8d0; --head: #f3f3f7; --ok: #1e7b34; --miss: #b00020; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 2rem; max-width: 1100px; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--border); padding-bottom: .25rem; }
p.muted, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--border); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.met { color: var(--ok); text-align: center; }
td.missed { color: var(--miss); text-align: center; font-weight: 600; }
td.none { color: var(--muted); text-align: center; }
tr.not-graded td { background: #fff4f4; }
meter { width: 12rem; }
ul.review { margin: .25rem 0 0; padding-left: 1.1rem; }
ul.review li.lost { color: var(--miss); }
.file { font-family: ui-monospace, Consolas, monospace; }
td.file { white-space: nowrap; }
section.notes td:last-child { min-width: 18rem; }
`;

/**
 * The class summary as one self-contained HTML page: per criterion how many notes met it, then
 * each note's score, the criteria it met and missed, and its review comments. Strict CSP as the
 * note report (only the nonce'd stylesheet; no scripts, images or requests), no style attributes,
 * every value from a note, rubric or review escaped.
 */
export function renderClassHtml(notes: readonly GradedNote[], summary: ClassSummary, options: { nonce: string }): string {
  if (!NONCE.test(options.nonce)) {
    throw new Error('renderClassHtml: the nonce must be at least 8 base64 characters.');
  }
  const e = escapeHtml;
  const policy = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", `style-src 'nonce-${options.nonce}'`].join('; ');
  const title = summary.title ? `Class grades · ${summary.title}` : 'Class grades';
  const mean = summary.mean === undefined ? '' : `; mean <strong>${e(summary.mean)}</strong> of ${e(summary.max)}`;
  const criteriaRows = summary.criteria.map((c) => `<tr><td>${e(c.id)}</td><td class="num">${e(c.points)}</td><td class="num">${e(c.met)} / ${e(c.graded)}</td><td><meter min="0" max="${e(Math.max(c.graded, 1))}" value="${e(c.met)}">${e(c.met)} of ${e(c.graded)}</meter></td><td>${e(c.message)}</td></tr>`);
  const head = summary.criteria.map((c) => `<th title="${e(c.message)}">${e(c.id)}</th>`).join('');
  const noteRows = notes.map((n) => {
    const g = n.grade;
    const review = reviewList(n);
    if (g.status !== 'graded') {
      return `<tr class="not-graded"><td class="file">${e(n.file)}</td><td class="num">not graded</td><td colspan="${summary.criteria.length}">${e(g.reason)}</td><td>${review}</td></tr>`;
    }
    const cells = summary.criteria.map((c) => {
      const r = g.criteria.find((x) => x.id === c.id);
      if (!r) {
        return '<td class="none">·</td>';
      }
      return r.met ? `<td class="met" title="met">✓</td>` : `<td class="missed" title="${e(r.detail ? `${r.message} (${r.detail})` : r.message)}">✗</td>`;
    });
    return `<tr><td class="file">${e(n.file)}</td><td class="num">${e(g.score)} / ${e(g.max)}</td>${cells.join('')}<td>${review}</td></tr>`;
  });
  const missed = notes.flatMap((n) => (n.grade.status === 'graded' ? n.grade.criteria.filter((c) => !c.met).map((c) => `<li><span class="file">${e(n.file)}</span>: <strong>${e(c.id)}</strong>: ${e(c.message)}${c.detail ? ` <span class="muted">(${e(c.detail)})</span>` : ''}</li>`) : []));
  return [
    ...documentHead({ policy, title, nonce: options.nonce, css: CSS }),
    '<main class="class-grades">',
    `<h1>${e(title)}</h1>`,
    `<p class="summary">${e(summary.notes)} notes: ${e(summary.graded)} graded, ${e(summary.notGraded)} not graded${mean}.</p>`,
    '<section class="criteria">',
    '<h2>Criteria: how many notes met each</h2>',
    `<table><thead><tr><th>Criterion</th><th class="num">Points</th><th class="num">Met</th><th></th><th>Message</th></tr></thead><tbody>${criteriaRows.join('')}</tbody></table>`,
    '</section>',
    '<section class="notes">',
    '<h2>Notes</h2>',
    `<table><thead><tr><th>Note</th><th class="num">Score</th>${head}<th>Review</th></tr></thead><tbody>${noteRows.join('\n')}</tbody></table>`,
    '</section>',
    missed.length ? `<section class="missed">\n<h2>Criteria missed</h2>\n<ul>${missed.join('')}</ul>\n</section>` : '',
    '<footer class="muted"><p>Graded by soapnote from the note files; the notes were read, never written.</p></footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A note's review comments as a list (a comment whose line is gone is marked, never dropped). */
function reviewList(note: GradedNote): string {
  const e = escapeHtml;
  const items = (note.review?.comments ?? []).map((a) => {
    const who = `${a.comment.author}, ${a.comment.date}`;
    return a.line === undefined
      ? `<li class="lost">${e(who)}, place gone (${e(lostReason(a))}): ${e(a.comment.text)}</li>`
      : `<li>${e(who)}, line ${e(a.line + 1)}${a.moved ? ` (was ${e(a.comment.line)})` : ''}: ${e(a.comment.text)}</li>`;
  });
  const problems = (note.review?.problems ?? []).map((p) => `<li class="lost">review file not used: ${e(p)}</li>`);
  return items.length + problems.length > 0 ? `<ul class="review">${[...items, ...problems].join('')}</ul>` : '';
}
