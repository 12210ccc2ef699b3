import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDirArg, codeCacheName } from '../../../server/src/node/codeCache';

const MODULE = join(__dirname, '..', '..', '..', 'server', 'src', 'node', 'codeCache.js');

/** What one server start reported: the cache state, the bundle's exports, the log, whether `flush()` wrote. */
interface Start {
  state: string;
  exports: { answer: number; dir: string; file: string; joined: string };
  wrote: boolean;
  log: string[];
  status: number | null;
}

/**
 * Runs `bundle` through runWithCodeCache in a fresh Node process (a code cache is for a new
 * process: within one, V8's in-memory compilation cache would answer first), as dist/server.js does.
 */
function start(bundle: string, dir: string | undefined, flush = true, beforeFlush = ''): Start {
  const driver = `
    const { runWithCodeCache } = require(${JSON.stringify(MODULE)});
    const log = [];
    const run = runWithCodeCache(${JSON.stringify(bundle)}, { dir: ${dir === undefined ? 'undefined' : JSON.stringify(dir)}, log: (m) => log.push(m) });
    ${beforeFlush}
    const wrote = ${flush} ? run.flush() : false;
    process.stdout.write(JSON.stringify({ state: run.state, exports: run.exports, wrote, log }));`;
  const result = spawnSync(process.execPath, ['-e', driver], { encoding: 'utf8' });
  assert.equal(result.stderr, '', 'the driver ran');
  return { ...(JSON.parse(result.stdout) as Omit<Start, 'status'>), status: result.status };
}

/** A small CommonJS "bundle" that reads the module scope a real bundle reads. */
const bundleText = (answer: number): string =>
  `'use strict';\nconst path = require('node:path');\nmodule.exports = { answer: ${answer}, dir: __dirname, file: __filename, joined: path.join('a', 'b') };\n`;

describe('V8 code cache for the bundled server (dist/server.js)', () => {
  let root: string;
  let bundle: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-codecache-'));
    bundle = join(root, 'server-main.js');
    writeFileSync(bundle, bundleText(42));
    dir = join(root, 'cache', 'code-cache');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the bundle as require would, with no cache folder named', () => {
    const run = start(bundle, undefined);
    assert.equal(run.state, 'off');
    assert.deepEqual(run.exports, { answer: 42, dir: root, file: bundle, joined: join('a', 'b') });
    assert.equal(run.wrote, false);
    assert.equal(existsSync(join(root, 'cache')), false);
  });

  it('writes a private cache on the first start and uses it, unchanged, on the next', () => {
    const first = start(bundle, dir);
    assert.equal(first.state, 'absent');
    assert.equal(first.wrote, true);
    const file = join(dir, codeCacheName(readFileSync(bundle, 'utf8')));
    assert.ok(existsSync(file));
    if (process.platform !== 'win32') {
      assert.equal(statSync(dir).mode & 0o777, 0o700, 'the folder is created private');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'the file is private');
    }
    const written = statSync(file).mtimeMs;
    const second = start(bundle, dir);
    assert.equal(second.state, 'used');
    assert.equal(second.wrote, false, 'an accepted cache is not rewritten');
    assert.equal(second.exports.answer, 42);
    assert.equal(statSync(file).mtimeMs, written);
    assert.deepEqual(readdirSync(dir), [codeCacheName(readFileSync(bundle, 'utf8'))], 'no temp file left');
  });

  it('writes the cache at exit when the server stops before the timer', () => {
    start(bundle, dir, false);
    assert.deepEqual(readdirSync(dir), [codeCacheName(readFileSync(bundle, 'utf8'))]);
    assert.equal(start(bundle, dir).state, 'used');
  });

  it('compiles afresh and rewrites a corrupt cache file', () => {
    start(bundle, dir);
    const file = join(dir, codeCacheName(readFileSync(bundle, 'utf8')));
    writeFileSync(file, Buffer.alloc(4096, 0x5a));
    const run = start(bundle, dir);
    assert.equal(run.state, 'rejected');
    assert.equal(run.exports.answer, 42);
    assert.equal(run.wrote, true);
    assert.equal(start(bundle, dir).state, 'used');
  });

  it('keys the cache by the whole bundle text, not its length, and removes only old caches', () => {
    start(bundle, dir);
    const oldName = codeCacheName(bundleText(42));
    writeFileSync(bundle, bundleText(43)); // same length: V8 alone would take the old cache
    assert.notEqual(codeCacheName(bundleText(43)), oldName);
    const run = start(bundle, dir);
    assert.equal(run.state, 'absent');
    assert.equal(run.exports.answer, 43);
    assert.ok(readdirSync(dir).includes(oldName), 'a recent cache of another version stays (another window may run it)');
    // By the file system's clock, as the pruning is (CI runs the suite with the process clock a year off).
    const twoDaysAgo = new Date(statSync(join(dir, oldName)).mtimeMs - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(dir, oldName), twoDaysAgo, twoDaysAgo);
    writeFileSync(bundle, bundleText(44));
    start(bundle, dir);
    assert.deepEqual(readdirSync(dir).sort(), [codeCacheName(bundleText(43)), codeCacheName(bundleText(44))].sort());
  });

  const refusals: [string, (dir: string) => void, RegExp][] = [
    ['a folder other users may write', (d) => { mkdirSync(d, { recursive: true }); chmodSync(d, 0o777); }, /writable by other users/],
    ['a folder that is a symbolic link', (d) => { mkdirSync(`${d}-real`, { recursive: true, mode: 0o700 }); symlinkSync(`${d}-real`, d); }, /not a plain folder/],
    ['a path below a regular file', (d) => { mkdirSync(join(d, '..'), { recursive: true }); writeFileSync(join(d, '..', 'file'), ''); }, /ENOTDIR|EEXIST/],
  ];
  for (const [what, make, message] of refusals) {
    it(`runs without a cache, and says so, given ${what}`, function () {
      if (process.platform === 'win32') {
        this.skip();
      }
      make(dir);
      const target = what.startsWith('a path below') ? join(dir, '..', 'file', 'code-cache') : dir;
      const run = start(bundle, target);
      assert.equal(run.state, 'refused');
      assert.equal(run.exports.answer, 42);
      assert.equal(run.wrote, false);
      assert.match(run.log.join('\n'), message);
    });
  }

  it('does not follow a cache file that is a symbolic link', function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const elsewhere = join(root, 'elsewhere');
    writeFileSync(elsewhere, 'not a cache');
    symlinkSync(elsewhere, join(dir, codeCacheName(readFileSync(bundle, 'utf8'))));
    const run = start(bundle, dir);
    assert.equal(run.state, 'refused');
    assert.equal(run.exports.answer, 42);
    assert.match(run.log.join('\n'), /cannot open the cache file/);
    assert.equal(readFileSync(elsewhere, 'utf8'), 'not a cache', 'the link target is untouched');
  });

  it('starts anyway when the cache cannot be written', () => {
    // The folder is gone by the time the cache is written.
    const run = start(bundle, dir, true, `require('node:fs').rmSync(${JSON.stringify(dir)}, { recursive: true });`);
    assert.equal(run.status, 0);
    assert.equal(run.wrote, false);
    assert.equal(run.exports.answer, 42);
    assert.match(run.log.join('\n'), /code cache not written .*ENOENT/);
  });

  it('reads the folder from --code-cache-dir', () => {
    const cases: [string[], string | undefined][] = [
      [['node', 'server.js', '--node-ipc'], undefined],
      [['node', 'server.js', '--code-cache-dir=/x/y', '--stdio'], '/x/y'],
      [['node', 'server.js', '--code-cache-dir', '/x/z'], '/x/z'],
      [['node', 'server.js', '--code-cache-dir='], undefined],
    ];
    for (const [argv, expected] of cases) {
      assert.equal(codeCacheDirArg(argv), expected, argv.join(' '));
    }
  });
});
