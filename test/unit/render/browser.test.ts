import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { renderHtml } from '../../../server/src/core/render/html';
import { repoRoot } from '../repoRoot';
import { HOSTILE, hostileNote } from './hostile';
import { testEngine } from './renderHelpers';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The little of playwright-core's API this test uses (the package may live outside node_modules, so its types may be absent). */
interface Page {
  setContent(html: string, options?: { waitUntil?: 'load' }): Promise<void>;
  evaluate<T>(fn: string): Promise<T>;
  route(url: string, handler: (route: { request(): { url(): string }; abort(): Promise<void> }) => Promise<void>): Promise<void>;
  on(event: 'console' | 'pageerror' | 'dialog', handler: (arg: { dismiss?: () => Promise<void> }) => void): void;
  screenshot(options: { path: string; fullPage: boolean }): Promise<Buffer>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  close(): Promise<void>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[]; headless: boolean; env?: Record<string, string> }): Promise<Browser> };
}

/** playwright-core from node_modules, else the copy test/e2e/install-tools.sh caches outside the repo. */
function loadPlaywright(): Playwright | undefined {
  const candidates = ['playwright-core'];
  const cache = process.env.SOAPNOTE_E2E_CACHE ?? join(homedir(), '.cache', 'soapnote-e2e');
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('driver-pw-')).sort().reverse()) {
      candidates.push(join(cache, dir, 'node_modules', 'playwright-core'));
    }
  }
  for (const candidate of candidates) {
    try {
      return require(candidate) as Playwright;
    } catch {
      // Not there: try the next place.
    }
  }
  return undefined;
}

describe('render: in headless chromium', function () {
  this.timeout(120_000);
  const engine = testEngine();
  const nonce = 'YnJvd3Nlci10ZXN0LW5vbmNl';
  let browser: Browser | undefined;

  before(async function () {
    const playwright = existsSync(CHROMIUM) ? loadPlaywright() : undefined;
    if (!playwright) {
      this.skip();
      return;
    }
    // The browser keeps the real clock: CI's shifted-clock run (libfaketime via LD_PRELOAD) is about
    // soapnote's dates, and a browser a year off stalls on its own timers.
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(LD_PRELOAD|FAKETIME)/.test(e[0])));
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true, env });
  });

  after(async () => {
    await browser?.close();
  });

  /** Loads a document with every request refused and recorded; returns the requests and whether any payload ran. */
  async function load(html: string): Promise<{ requests: string[]; pwned: unknown; dialogs: number }> {
    const page = await browser!.newPage();
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
    const page = await browser!.newPage();
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
