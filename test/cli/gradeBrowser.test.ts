import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium } from '../unit/render/chromium';
import { repoRoot } from '../unit/repoRoot';
import { soapnote } from './run';

describe('soapnote grade --format html: the class summary in headless chromium', function () {
  this.timeout(120_000);
  const chromium = useChromium();

  it('renders under its CSP with no request, and is screenshot to test/e2e/screenshots/latest/grades.png (ignored by git)', async () => {
    const html = soapnote(['grade', '--format', 'html'], join(repoRoot(), 'test', 'fixtures', 'grading')).stdout;
    const page = await chromium().newPage();
    const requests: string[] = [];
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.setContent(html, { waitUntil: 'load' });
    // The stylesheet applied (the nonce matched the CSP): a missed criterion is red and bold.
    assert.equal(await page.evaluate<string>(`getComputedStyle(document.querySelector('td.missed')).fontWeight`), '600');
    assert.equal(await page.evaluate<number>(`document.querySelectorAll('section.notes tbody tr').length`), 12);
    assert.equal(await page.evaluate<number>(`document.querySelectorAll('tr.not-graded').length`), 1);
    assert.equal(await page.evaluate<string>(`document.querySelector('section.criteria tbody tr td:nth-child(3)').textContent`), '9 / 11');
    assert.equal(await page.evaluate<number>(`document.querySelectorAll('ul.review li.lost').length`), 2);
    const dir = join(repoRoot(), 'test', 'e2e', 'screenshots', 'latest');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'grades.png'), fullPage: true });
    assert.deepEqual(requests, []);
    await page.close();
  });
});
