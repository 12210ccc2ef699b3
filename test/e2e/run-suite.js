// Runs the mocha suite at out/test/e2e/suite/index.js (written the @vscode/test-electron way) inside
// code-server's Node extension host, via the workbench `payload` URL parameter, and reads the result
// back through window.codeAutomationLog / window.codeAutomationExit. Prints "N passed, N failed".
// Needs code-server started with `--vscode-option enable-smoke-test-driver` (else `payload` is ignored).
// EXT_KIND=web runs the extension (its `browser` entry) and the suite in the browser's web worker
// extension host instead (the workbench's `extensionDevelopmentKind` payload entry).
// Started by run-e2e.sh.
// env: CS_URL, EXT_DEV_PATH, EXT_TESTS_PATH, EXT_KIND, WS_FOLDER, TEST_TIMEOUT_MS, VERBOSE, DEBUG_CONSOLE, SHOT, CHROMIUM
'use strict';
const { chromium } = require('playwright-core');
const util = require('util');
const base = process.env.CS_URL || 'http://127.0.0.1:8100';
const ext = process.env.EXT_DEV_PATH;
const tests = process.env.EXT_TESTS_PATH || ext + '/out/test/e2e/suite/index.js';
const folder = process.env.WS_FOLDER;
if (!ext || !folder) { console.error('run-suite.js: EXT_DEV_PATH and WS_FOLDER are required'); process.exit(2); }
const noise = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|marketplace|gallery|authentication provider/i;

(async () => {
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const remote = p => `vscode-remote://${new URL(base).host}${p}`;   // paths on the code-server machine
  const payload = [['extensionDevelopmentPath', remote(ext)], ['extensionTestsPath', remote(tests)]];
  if (process.env.EXT_KIND) payload.push(['extensionDevelopmentKind', process.env.EXT_KIND]);
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  let passing = 0, failing = 0, sawSummary = false, inFailures = false;
  const done = new Promise(resolve => {
    // the extension host's console output is forwarded to the page and from there to codeAutomationLog
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args || []));
      let m;
      if ((m = /^\s*(\d+) passing/.exec(line))) { passing = +m[1]; sawSummary = true; }
      if ((m = /^\s*(\d+) failing/.exec(line))) { failing = +m[1]; inFailures = true; }
      if (process.env.VERBOSE) { console.log(`[exthost:${type}] ${line}`); return; }
      if (noise.test(line)) return;
      // mocha's spec reporter (titles, ✔ / N) lines, summary, failure details); for other output
      // (workbench errors with long stacks, mostly offline noise) only the first line
      if (inFailures || /^\s*(✔|✓|✗|\d+\) |\d+ (passing|failing|pending))/.test(line) || /^ {2}\S/.test(line)) console.log(`[exthost] ${line}`);
      else if (type === 'error' && !/^Canceled/.test(line)) console.log(`[exthost:error] ${line.split('\n')[0].slice(0, 300)}`);
    });
    // called by the workbench when the test runner finishes: code 0 = all passed
    page.exposeFunction('codeAutomationExit', (code, logs) => resolve({ code, logs }));
  });
  if (process.env.DEBUG_CONSOLE) page.on('console', m => console.log('[browser]', m.type(), m.text()));
  page.on('pageerror', e => console.log('[pageerror]', process.env.VERBOSE ? e.stack : e.message));
  await page.goto(url);
  const limit = +(process.env.TEST_TIMEOUT_MS || 240000);
  const res = await Promise.race([done, new Promise(r => setTimeout(() => r({ code: 'timeout' }), limit))]);
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT }).catch(() => {});
  await browser.close();
  console.log(`extension host test run finished: code=${res.code} in ${Date.now() - t0} ms`);
  if (res.code === 'timeout') console.log(`no result within ${limit} ms (is --vscode-option enable-smoke-test-driver set? does the suite's index.js load?)`);
  if (res.code !== 0 && !failing) failing = 1;                 // timeout / crash / no summary
  if (res.code === 0 && !sawSummary) { console.log('no mocha summary seen'); failing = 1; }
  console.log(`${passing} passed, ${failing} failed`);
  process.exit(res.code === 0 && failing === 0 ? 0 : 1);
})().catch(e => { console.error(e); console.log('0 passed, 1 failed'); process.exit(2); });
