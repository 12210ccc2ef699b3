import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Debian's chromium, where .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, offline, no sandbox (CI runs as root). */
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The little of playwright-core's API this test uses (the package may live outside node_modules, so its types may be absent). */
export interface Page {
  setContent(html: string, options?: { waitUntil?: 'load' }): Promise<void>;
  evaluate<T>(fn: string): Promise<T>;
  route(url: string, handler: (route: { request(): { url(): string }; abort(): Promise<void> }) => Promise<void>): Promise<void>;
  on(event: 'console' | 'pageerror' | 'dialog', handler: (arg: { dismiss?: () => Promise<void> }) => void): void;
  screenshot(options: { path: string; fullPage: boolean }): Promise<Buffer>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  close(): Promise<void>;
}
export interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[]; headless: boolean; env?: Record<string, string> }): Promise<Browser> };
}

/** playwright-core from node_modules, else the copy test/e2e/install-tools.sh caches outside the repo. */
export function loadPlaywright(): Playwright | undefined {
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

/**
 * Launches headless chromium, or returns undefined where it or playwright-core is missing. The browser
 * keeps the real clock: CI's shifted-clock run (libfaketime via LD_PRELOAD) is about soapnote's dates,
 * and a browser a year off stalls on its own timers.
 */
export async function launchChromium(): Promise<Browser | undefined> {
  const playwright = existsSync(CHROMIUM) ? loadPlaywright() : undefined;
  if (!playwright) {
    return undefined;
  }
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(LD_PRELOAD|FAKETIME)/.test(e[0])));
  return playwright.chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true, env });
}

/**
 * Inside a mocha `describe`: launches chromium before the suite (skipping it where there is none)
 * and closes it after. Returns a getter for the browser, valid inside the suite's tests.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  before(async function () {
    browser = await launchChromium();
    if (!browser) {
      this.skip();
    }
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) {
      throw new Error('chromium is not running');
    }
    return browser;
  };
}
