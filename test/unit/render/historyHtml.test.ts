import * as assert from 'node:assert/strict';
import { historyHtml, historyText } from '../../../server/src/core/history/historyReport';
import { clientHistory } from '../../../server/src/core/history/progress';
import { elements, parseHtml, testEngine } from './renderHelpers';

const note = (date: string, pain: number, technique: string): string =>
  `soapnote: 1\nclient: C-0001\ndate: ${date}\ntherapist: T\nsubjective: {pain: ${pain}}\ntreatment:\n  - {technique: "${technique}", target: calf}\nassessment: {pain_after: ${pain - 2}}\n`;

const engine = testEngine();
const history = clientHistory(
  'C-0001',
  [
    { path: 'a.soap.yaml', analysis: engine.analyze(note('2026-10-01', 7, 'effleurage')) },
    { path: 'b.soap.yaml', analysis: engine.analyze(note('2026-10-08', 5, 'petrissage\\u001b]0;owned\\u0007\\n::add-mask::x')) },
  ],
  '2026-11-21',
);

describe('history report', () => {
  it('HTML: the content is in a <main> landmark, and the CSP forbids base and form targets', () => {
    const html = historyHtml(history, 'bm9uY2Utbm9uY2U=');
    const all = elements(parseHtml(html));
    const main = all.filter((e) => e.tagName === 'main');
    assert.equal(main.length, 1);
    const inMain = elements(main[0] as Parameters<typeof elements>[0]).map((e) => e.tagName);
    for (const tag of ['h1', 'svg', 'table']) {
      assert.ok(inMain.includes(tag), `${tag} inside <main>`);
    }
    const csp = all.find((e) => e.tagName === 'meta' && e.attrs.some((a) => a.name === 'http-equiv' && a.value === 'Content-Security-Policy'));
    const policy = (csp?.attrs.find((a) => a.name === 'content')?.value ?? '').split(';').map((d) => d.trim());
    for (const directive of ["default-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      assert.ok(policy.includes(directive), `${directive} in ${policy.join('; ')}`);
    }
  });

  it('text: control characters from notes are shown escaped, never sent to the terminal', () => {
    const text = historyText(history);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    assert.match(text, /petrissage\\x1B\]0;owned\\x07\\n::add-mask::x/);
    assert.ok(text.split('\n').every((line) => !line.startsWith('::')));
  });
});
