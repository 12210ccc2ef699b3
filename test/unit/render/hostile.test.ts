import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { renderBodyMap } from '../../../server/src/core/render/bodyMap';
import { cleanText } from '../../../server/src/core/render/escape';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { LOCALES } from '../../../server/src/core/l10n/localize';
import { HOSTILE, HOSTILE_PACK_NOTE, hostileNote, hostilePack } from './hostile';
import { attr, elements, parseHtml, testEngine, textOf } from './renderHelpers';

const NONCE = 'aG9zdGlsZS10ZXN0LW5vbmNl';
const SCRIPT = 'https://file+.vscode-resource.vscode-cdn.net/client/media/preview.js';
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** Every element the report may contain; anything else means a value became markup. */
const HTML_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'script', 'body', 'main', 'header', 'footer', 'section', 'h1', 'h2', 'h3', 'p', 'div', 'span',
  'strong', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a',
  'svg', 'defs', 'pattern', 'line', 'g', 'ellipse', 'rect', 'path', 'text',
]);
/** Attributes the report writes; none takes a URL but the script's src. */
const HTML_ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'nonce', 'src', 'class', 'data-line', 'data-label', 'data-region', 'data-side', 'data-view', 'id', 'role',
  'aria-label', 'title', 'colspan', 'href', 'xmlns', 'viewBox', 'patternUnits', 'width', 'height', 'patternTransform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'rx', 'ry', 'cx', 'cy',
  'd', 'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'transform', 'text-anchor',
]);
/** What markdown-it may make of the Markdown report (HTML and autolinks enabled, as the most permissive reader would). */
const MARKDOWN_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'html', 'head', 'body']);

/** The raw-text checks both formats must pass. */
function assertInertText(out: string): void {
  assert.doesNotMatch(out, /javascript:/i);
  assert.doesNotMatch(out, / on[a-z]+\s*=/i);
  assert.doesNotMatch(out, BIDI);
  // The one link the report writes is a row's link to its health alert: a fixed fragment, never a value.
  assert.doesNotMatch(out, /<!--|\]\]>|<!\[CDATA\[|<iframe|<img|<a (?!href="#alert-\d+">)/i);
}

describe('render: hostile values', () => {
  const engine = testEngine();

  for (const [i, payload] of HOSTILE.entries()) {
    const shown = cleanText(payload);
    describe(`payload ${i}: ${JSON.stringify(payload).slice(0, 50)}`, () => {
      const analysis = engine.analyze(hostileNote(payload));

      // Every language of the labels: a translated label sits beside the same escaped values.
      for (const locale of LOCALES) {
      it(`HTML (${locale}): only the nonce'd script, no handler, no javascript:, the text shown escaped`, () => {
        const out = renderHtml(analysis, engine.vocabulary, { nonce: NONCE, cspSource: 'https://*.vscode-cdn.net', scripts: [SCRIPT], locale });
        assertInertText(out);
        const scripts = out.match(/<script\b[^>]*>/gi) ?? [];
        assert.deepEqual(scripts, [`<script nonce="${NONCE}" src="${SCRIPT}">`]);
        const doc = parseHtml(out);
        const all = elements(doc);
        assert.deepEqual(all.filter((e) => !HTML_TAGS.has(e.tagName)).map((e) => e.tagName), []);
        assert.deepEqual(all.flatMap((e) => e.attrs.filter((a) => !HTML_ATTRIBUTES.has(a.name)).map((a) => `${e.tagName}[${a.name}]`)), []);
        assert.deepEqual(all.filter((e) => e.tagName === 'style').length, 1);
        assert.deepEqual(all.filter((e) => e.tagName === 'a' && !/^#alert-\d+$/.test(attr(e, 'href') ?? '')).map((e) => attr(e, 'href')), []);
        // The note's text comes back unchanged (bidi controls marked), so it was escaped, not dropped.
        const complaint = all.find((e) => e.tagName === 'dd' && attr(e, 'data-line') === String(hostileNote(payload).split('\n').findIndex((l) => l.startsWith('  complaint:'))));
        assert.equal(complaint && textOf(complaint), shown);
        const header = all.find((e) => e.tagName === 'dd' && attr(e, 'data-line') === '1');
        assert.equal(header && textOf(header), shown);
        const technique = all.find((e) => e.tagName === 'td' && textOf(e).startsWith(shown));
        assert.ok(technique, 'the technique cell shows the written text');
      });

      it(`Markdown (${locale}): no raw HTML, no link, the text shown escaped`, () => {
        const out = renderMarkdown(analysis, engine.vocabulary, { locale });
        assertInertText(out);
        assert.doesNotMatch(out, /</);
        const rendered = new MarkdownIt({ html: true, linkify: true }).render(out);
        const doc = parseHtml(rendered);
        assert.deepEqual(elements(doc).filter((e) => !MARKDOWN_TAGS.has(e.tagName)).map((e) => e.tagName), []);
        assert.deepEqual(elements(doc).flatMap((e) => e.attrs.filter((a) => a.name !== 'style' || !/^text-align:(left|right|center)$/.test(a.value)).map((a) => a.name)), []);
        assert.ok(textOf(doc).includes(shown.replace(/\s+/g, ' ').trim()), 'the payload reads back as text');
      });
      }
    });
  }

  for (const [i, payload] of HOSTILE.entries()) {
    it(`payload ${i} in a clinic pack's term names reaches the body map escaped`, () => {
      const packEngine = testEngine([hostilePack(payload)]);
      const analysis = packEngine.analyze(HOSTILE_PACK_NOTE);
      assert.ok(analysis.treatments[0]?.place, 'the hostile target resolves');
      const svg = renderBodyMap(analysis, packEngine.vocabulary);
      assertInertText(svg);
      const doc = parseHtml(`<!DOCTYPE html><html><body>${svg}</body></html>`);
      const titles = elements(doc).filter((e) => e.tagName === 'title').map(textOf);
      assert.ok(titles.some((t) => t.includes(`Treated: ${cleanText(payload)}`)), 'technique name in a shape title');
      const out = renderHtml(analysis, packEngine.vocabulary, { nonce: NONCE });
      assertInertText(out);
      assert.equal((out.match(/<script/gi) ?? []).length, 0);
      const md = renderMarkdown(analysis, packEngine.vocabulary);
      assertInertText(md);
      assert.doesNotMatch(md, /</);
    });
  }
});
