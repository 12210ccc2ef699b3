import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBodyMap } from '../../../server/src/core/render/bodyMap';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { repoRoot } from '../repoRoot';
import { attr, byClass, elements, exampleNotes, parseHtml, testEngine, textOf, type Element } from './renderHelpers';

const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';
const engine = testEngine();
const analyse = (file: string) => engine.analyze(readFileSync(join(repoRoot(), file), 'utf8'));
const html = (file: string, options = {}) => renderHtml(analyse(file), engine.vocabulary, { nonce: NONCE, ...options });

/** The body-map shape for a region on one side (`mid` for head and neck) in one view. */
function shape(root: ReturnType<typeof parseHtml>, view: 'front' | 'back', region: string, side: 'left' | 'right' | 'mid'): Element | undefined {
  return elements(root).find((e) => attr(e, 'data-region') === region && attr(e, 'data-view') === view && (side === 'mid' ? attr(e, 'data-side') === undefined : attr(e, 'data-side') === side) && e.tagName === 'g');
}

function classesOf(group: Element | undefined): string[] {
  const part = group?.childNodes.find((c): c is Element => 'tagName' in c && c.tagName !== 'title');
  return (part ? attr(part, 'class') ?? '' : '').split(/\s+/);
}

describe('render: every example', () => {
  const notes = exampleNotes();
  it('finds the examples', () => assert.ok(notes.length >= 10, `only ${notes.length} examples`));

  for (const file of notes) {
    it(file, () => {
      const out = html(file);
      const md = renderMarkdown(analyse(file), engine.vocabulary);
      assert.ok(md.startsWith('# Session note'));
      const doc = parseHtml(out);
      const all = elements(doc);
      // One stylesheet, nonce'd; no style attribute, no handler, no script without scripts asked for.
      assert.deepEqual(all.filter((e) => e.tagName === 'style').map((e) => attr(e, 'nonce')), [NONCE]);
      assert.equal(all.filter((e) => e.tagName === 'script').length, 0);
      assert.deepEqual(all.filter((e) => e.attrs.some((a) => a.name === 'style' || a.name.startsWith('on'))).map((e) => e.tagName), []);
      const csp = all.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
      assert.equal(attr(csp!, 'content'), `default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'nonce-${NONCE}'; img-src data:`);
      // data-line is a 0-based line of the note, always a number.
      const lines = all.map((e) => attr(e, 'data-line')).filter((l): l is string => l !== undefined);
      assert.ok(lines.length > 10);
      const count = readFileSync(join(repoRoot(), file), 'utf8').split('\n').length;
      assert.ok(lines.every((l) => /^\d+$/.test(l) && Number(l) < count), 'data-line out of the note');
      assert.equal(byClass(doc, 'alerts').length, 1);
      assert.equal(elements(doc).filter((e) => e.tagName === 'svg' && attr(e, 'class') === 'body-map').length, 1);
    });
  }
});

describe('render: conflict examples', () => {
  const cases: {
    file: string;
    alerts: string[];
    conflictRows: number[];
    shaded: [view: 'front' | 'back', region: string, side: 'left' | 'right' | 'mid', shading: string][];
    conflict: [view: 'front' | 'back', region: string, side: 'left' | 'right' | 'mid'][];
    plain: [view: 'front' | 'back', region: string, side: 'left' | 'right' | 'mid'][];
  }[] = [
    {
      file: 'examples/conflicts/dvt-calf-effleurage.soap.yaml',
      alerts: ['contraindication.absolute', 'contraindication.absolute'],
      conflictRows: [0, 1],
      shaded: [['front', 'lower-leg', 'left', 'bm-left'], ['back', 'thigh', 'left', 'bm-left']],
      conflict: [['front', 'lower-leg', 'left'], ['back', 'lower-leg', 'left'], ['front', 'thigh', 'left']],
      plain: [['front', 'lower-leg', 'right'], ['back', 'head', 'mid']],
    },
    {
      file: 'examples/conflicts/open-wound-forearm.soap.yaml',
      alerts: ['contraindication.local'],
      conflictRows: [1],
      shaded: [['front', 'forearm', 'right', 'bm-right'], ['front', 'forearm', 'left', 'bm-left'], ['back', 'posterior-neck', 'mid', 'bm-both']],
      conflict: [['front', 'forearm', 'right']],
      plain: [['front', 'hand', 'right']],
    },
    {
      file: 'examples/conflicts/varicose-veins-foot.soap.yaml',
      alerts: ['contraindication.local'],
      conflictRows: [1],
      shaded: [['front', 'thigh', 'left', 'bm-both'], ['front', 'thigh', 'right', 'bm-both'], ['back', 'foot', 'right', 'bm-right']],
      conflict: [['front', 'foot', 'left']],
      plain: [['front', 'lower-leg', 'left']],
    },
    {
      file: 'examples/conflicts/signed-then-edited.soap.yaml',
      alerts: ['signature.mismatch'],
      conflictRows: [],
      shaded: [['back', 'lower-back', 'left', 'bm-both']],
      conflict: [],
      plain: [['front', 'chest', 'left']],
    },
    {
      file: 'examples/conflicts/diabetes-precaution.soap.yaml',
      alerts: ['contraindication.precaution'],
      conflictRows: [],
      shaded: [['back', 'upper-back', 'right', 'bm-both']],
      conflict: [],
      plain: [],
    },
  ];

  for (const c of cases) {
    it(c.file, () => {
      const doc = parseHtml(html(c.file));
      const alerts = byClass(doc, 'alerts')[0]!;
      assert.deepEqual(byClass(alerts, 'alert').map((li) => textOf(li).match(/\b(contraindication|endangerment-site|signature)\.[a-z-]+/)?.[0]), c.alerts);
      const table = elements(doc).find((e) => e.tagName === 'table' && attr(e, 'class') === 'treatment');
      assert.ok(table, 'treatment table');
      const head = elements(table).filter((e) => e.tagName === 'th').map(textOf);
      assert.deepEqual(head, ['Technique', 'Target', 'Side', 'Pressure', 'Minutes']);
      const rows = elements(table).filter((e) => e.tagName === 'tr' && attr(e, 'data-line') !== undefined && !(attr(e, 'class') ?? '').includes('row-detail'));
      const conflicted = rows.flatMap((r, i) => ((attr(r, 'class') ?? '').split(' ').includes('conflict') ? [i] : []));
      assert.deepEqual(conflicted, c.conflictRows);
      for (const [view, region, side, shading] of c.shaded) {
        assert.ok(classesOf(shape(doc, view, region, side)).includes(shading), `${view} ${side} ${region} should be ${shading}: ${classesOf(shape(doc, view, region, side)).join(' ')}`);
      }
      for (const [view, region, side] of c.conflict) {
        assert.ok(classesOf(shape(doc, view, region, side)).includes('bm-conflict'), `${view} ${side} ${region} should be in conflict`);
      }
      for (const [view, region, side] of c.plain) {
        const classes = classesOf(shape(doc, view, region, side));
        assert.ok(classes.includes('bm-untreated') && !classes.includes('bm-conflict'), `${view} ${side} ${region} should be untreated: ${classes.join(' ')}`);
      }
    });
  }

  it('shows a clean note with a clear alerts banner, the signature state and the pain change', () => {
    const doc = parseHtml(html('examples/clean/C-0142-2026-09-22.soap.yaml'));
    const alerts = byClass(doc, 'alerts')[0]!;
    assert.ok((attr(alerts, 'class') ?? '').includes('clear'));
    assert.equal(byClass(doc, 'badge').map(textOf)[0], 'Unsigned');
    assert.match(textOf(byClass(doc, 'pain')[0]!), /5 before → 3 after: 2 points better, reaches the minimal clinically important difference/);
    assert.equal(byClass(doc, 'home-care')[0]!.childNodes.length, 4);
  });

  it('marks a signed note whose content changed', () => {
    const doc = parseHtml(html('examples/conflicts/signed-then-edited.soap.yaml'));
    assert.match(textOf(byClass(doc, 'badge')[0]!), /^Signed by J\. Lee, RMT at 2026-10-27T17:40:00Z, but changed since signing$/);
    assert.equal(byClass(doc, 'addenda').length, 1);
  });
});

describe('render: options', () => {
  const file = 'examples/clean/C-0142-2026-09-08.soap.yaml';
  it('adds the webview source and nonce\'d scripts, and the history link', () => {
    const doc = parseHtml(html(file, { cspSource: 'https://*.vscode-cdn.net', scripts: ['https://file+.vscode-resource.vscode-cdn.net/media/preview.js'], historyHref: 'history.html' }));
    const all = elements(doc);
    const csp = attr(all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content');
    assert.equal(
      csp,
      `default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'nonce-${NONCE}' https://*.vscode-cdn.net; img-src data: https://*.vscode-cdn.net; script-src 'nonce-${NONCE}' https://*.vscode-cdn.net`,
    );
    assert.deepEqual(all.filter((e) => e.tagName === 'script').map((e) => [attr(e, 'nonce'), attr(e, 'src')]), [[NONCE, 'https://file+.vscode-resource.vscode-cdn.net/media/preview.js']]);
    assert.equal(attr(byClass(doc, 'history')[0]!, 'href'), 'history.html');
  });

  const refused: [string, object][] = [
    ['a nonce that breaks the policy', { nonce: "abc' 'unsafe-inline" }],
    ['a short nonce', { nonce: 'abc' }],
    ['a cspSource that ends the policy', { nonce: NONCE, cspSource: "https://x; script-src 'unsafe-inline'" }],
    ['a javascript: script', { nonce: NONCE, scripts: ['javascript:alert(1)'] }],
  ];
  for (const [name, options] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => renderHtml(analyse(file), engine.vocabulary, options as never));
    });
  }

  it('leaves out an unsafe history link', () => {
    const doc = parseHtml(html(file, { historyHref: 'javascript:alert(1)' }));
    assert.equal(byClass(doc, 'history').length, 0);
  });

  it('renders the body map on its own as an accessible SVG', () => {
    const svg = renderBodyMap(analyse('examples/conflicts/dvt-calf-effleurage.soap.yaml'), engine.vocabulary);
    assert.match(svg, /^<svg class="body-map" [^>]*role="img" aria-label="Body map, front and back views; treated: left thigh, left lower leg; conflict: left thigh, left lower leg"/);
    assert.match(svg, /<defs><pattern id="bm-hatch"/);
  });

  it('renders a note that is not a note without throwing', () => {
    for (const text of ['', '- a list', 'just text', 'soapnote: 1\ntreatment: {a: 1}\n', '{{{', 'a: &x [*x]']) {
      const analysis = engine.analyze(text);
      assert.match(renderHtml(analysis, engine.vocabulary, { nonce: NONCE }), /<section class="alerts/);
      assert.match(renderMarkdown(analysis, engine.vocabulary), /## Health alerts/);
    }
  });
});

describe('render: each finding said once, rows link to their alerts', () => {
  const conflicts = ['dvt-calf-effleurage', 'varicose-veins-foot', 'anticoagulant-deep-tissue', 'endangerment-neck', 'pregnancy-no-clearance', 'open-wound-forearm'];
  for (const name of conflicts) {
    it(`${name}: every alert's text appears once, and its treatment row links to it`, () => {
      const doc = parseHtml(html(`examples/conflicts/${name}.soap.yaml`));
      const alerts = byClass(doc, 'alert');
      assert.ok(alerts.length > 0);
      const all = elements(doc);
      const ids = new Set(alerts.map((a) => attr(a, 'id')));
      for (const alert of alerts) {
        const message = textOf(alert).replace(/^\S+\s+/, '').replace(/\s+\S+, line \d+$/, '');
        const sayingIt = all.filter((e) => e.tagName === 'li' && textOf(e).includes(message));
        assert.equal(sayingIt.length, 1, `said more than once: ${message}`);
      }
      const links = all.filter((e) => e.tagName === 'a' && (attr(e, 'href') ?? '').startsWith('#alert-'));
      assert.ok(links.length > 0, 'a row links to its alert');
      for (const link of links) {
        assert.ok(ids.has((attr(link, 'href') ?? '').slice(1)), `${attr(link, 'href')} names an alert`);
      }
    });
  }

  const clearance: [string, string, string][] = [
    ['pregnancy-no-clearance', 'pregnancy', 'not on file'],
    ['varicose-veins-foot', 'varicose veins', 'not needed'],
    ['dvt-calf-effleurage', 'deep vein thrombosis', 'not needed'],
  ];
  for (const [name, condition, expected] of clearance) {
    it(`${name}: the Clearance column of ${condition} says "${expected}"`, () => {
      const doc = parseHtml(html(`examples/conflicts/${name}.soap.yaml`));
      const row = elements(doc).find((e) => e.tagName === 'tr' && textOf(e).toLowerCase().includes(condition));
      const cell = row && elements(row).find((e) => e.tagName === 'td' && attr(e, 'data-label') === 'Clearance');
      assert.equal(cell && textOf(cell), expected);
    });
  }
});

describe('render: no word is cut to fit a column', () => {
  it('wraps long words only where they cannot fit (break-word, never anywhere)', () => {
    const css = /<style[^>]*>([\s\S]*?)<\/style>/.exec(html('examples/conflicts/varicose-veins-foot.soap.yaml'))?.[1] ?? '';
    assert.doesNotMatch(css, /overflow-wrap:\s*anywhere|word-break:\s*break-all/);
    assert.match(css, /\.date \{ white-space: nowrap; \}/);
  });

  it('keeps a condition\'s since date whole', () => {
    const doc = parseHtml(html('examples/conflicts/dvt-calf-effleurage.soap.yaml'));
    const since = elements(doc).find((e) => e.tagName === 'td' && attr(e, 'data-label') === 'Since');
    assert.ok(since && byClass(since, 'date').length === 1, 'the since date is a .date span');
  });
});
