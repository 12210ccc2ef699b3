import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyHtml } from '../../../server/src/core/history/historyReport';
import { clientHistory } from '../../../server/src/core/history/progress';
import { renderHtml } from '../../../server/src/core/render/html';
import { repoRoot } from '../repoRoot';
import { useChromium, type Page } from './chromium';
import { testEngine } from './renderHelpers';

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const nonce = 'YTExeS1ub25jZS10ZXN0';

/** Runs axe-core (WCAG 2.x A and AA rules, and best practices) over the loaded page; returns its violations. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the report's CSP (no inline script) does not block it.
  await page.evaluate<void>(axeSource);
  const result = await page.evaluate<string>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then((r) => JSON.stringify(r.violations))`,
  );
  return JSON.parse(result) as AxeViolation[];
}

const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 3).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary.split('\n').join(' ')}`).join('\n')}`).join('\n');

describe('render: accessibility in chromium (axe-core)', function () {
  this.timeout(120_000);
  const engine = testEngine();
  const chromium = useChromium();

  const examples = ['clean', 'conflicts', 'signed'].flatMap((dir) =>
    readdirSync(join(repoRoot(), 'examples', dir)).filter((f) => f.endsWith('.soap.yaml')).map((f) => join('examples', dir, f)),
  );
  for (const file of examples) {
    it(`the report of ${file} has no axe violations`, async () => {
      const page = await chromium().newPage();
      try {
        await page.setContent(renderHtml(engine.analyze(readFileSync(join(repoRoot(), file), 'utf8')), engine.vocabulary, { nonce }), { waitUntil: 'load' });
        const violations = await axeViolations(page);
        assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
      } finally {
        await page.close();
      }
    });
  }

  // WCAG 1.4.10 (reflow): at 320 CSS px nothing scrolls sideways; table rows become labelled cards.
  for (const file of ['examples/conflicts/varicose-veins-foot.soap.yaml', 'examples/clean/C-0388-2026-10-08.soap.yaml', 'examples/signed/C-0215-2026-10-20.soap.yaml']) {
    it(`the report of ${file} reflows at 320 px`, async () => {
      const page = await chromium().newPage();
      try {
        await page.setViewportSize({ width: 320, height: 900 });
        await page.setContent(renderHtml(engine.analyze(readFileSync(join(repoRoot(), file), 'utf8')), engine.vocabulary, { nonce }), { waitUntil: 'load' });
        const wide = await page.evaluate<string[]>(
          `[...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > 321).map((el) => el.tagName + '.' + el.getAttribute('class'))`,
        );
        assert.deepEqual(wide, []);
        assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), 320);
        const label = await page.evaluate<string>(`getComputedStyle(document.querySelector('table.treatment td[data-label]'), '::before').content`);
        assert.equal(label, '"Technique: "', 'each cell is labelled by its column');
      } finally {
        await page.close();
      }
    });
  }

  it('the history page of C-0142 has no axe violations', async () => {
    const dir = join(repoRoot(), 'examples', 'clean');
    const notes = readdirSync(dir).filter((f) => f.startsWith('C-0142')).map((f) => ({ path: f, analysis: engine.analyze(readFileSync(join(dir, f), 'utf8')) }));
    const page = await chromium().newPage();
    try {
      await page.setContent(historyHtml(clientHistory('C-0142', notes, '2026-11-01', engine.vocabulary), nonce), { waitUntil: 'load' });
      const violations = await axeViolations(page);
      assert.deepEqual(violations.map((v) => v.id), [], describeViolations(violations));
    } finally {
      await page.close();
    }
  });
});
