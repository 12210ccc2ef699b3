import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from '../../../server/src/core/render/html';
import { repoRoot } from '../repoRoot';
import { HOSTILE, hostileNote } from './hostile';
import { testEngine } from './renderHelpers';
import { useChromium } from './chromium';

describe('render: in headless chromium', function () {
  this.timeout(120_000);
  const engine = testEngine();
  const nonce = 'YnJvd3Nlci10ZXN0LW5vbmNl';
  const chromium = useChromium();

  /** Loads a document with every request refused and recorded; returns the requests and whether any payload ran. */
  async function load(html: string): Promise<{ requests: string[]; pwned: unknown; dialogs: number }> {
    const page = await chromium().newPage();
    const requests: string[] = [];
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss?.();
    });
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    // Hover and click everything, in case a payload became a handler.
    await page.evaluate(`for (const e of document.querySelectorAll('*')) { for (const t of ['mouseover', 'click', 'focus']) e.dispatchEvent(new Event(t)); }`);
    const pwned = await page.evaluate<unknown>('window.__pwned');
    await page.close();
    return { requests, pwned, dialogs };
  }

  it('runs no payload, with the CSP and without it (escaping alone must hold)', async () => {
    for (const payload of HOSTILE) {
      const html = renderHtml(engine.analyze(hostileNote(payload)), engine.vocabulary, { nonce });
      const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      assert.notEqual(withoutCsp, html);
      for (const doc of [html, withoutCsp]) {
        const result = await load(doc);
        assert.equal(result.pwned, undefined, `payload ran: ${payload}`);
        assert.equal(result.dialogs, 0, `dialog opened: ${payload}`);
        assert.deepEqual(result.requests, [], `requests made: ${payload}`);
      }
    }
  });

  it('screenshots a conflict example to test/e2e/screenshots/latest/report.png (ignored by git)', async () => {
    const file = join(repoRoot(), 'examples', 'conflicts', 'varicose-veins-foot.soap.yaml');
    const html = renderHtml(engine.analyze(readFileSync(file, 'utf8')), engine.vocabulary, { nonce });
    const page = await chromium().newPage();
    await page.setViewportSize({ width: 1000, height: 1200 });
    await page.setContent(html, { waitUntil: 'load' });
    const dir = join(repoRoot(), 'test', 'e2e', 'screenshots', 'latest');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    // The stylesheet applied (the nonce matched the CSP): the alerts banner has its border.
    const border = await page.evaluate<string>(`getComputedStyle(document.querySelector('section.alerts')).borderLeftWidth`);
    assert.equal(border, '8px');
    await page.close();
  });
});
