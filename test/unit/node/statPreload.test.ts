import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSystemNow, statSignature } from '../../../server/src/node/fileSignature';
import { preloadSignatures } from '../../../server/src/node/statPreload';

// Signatures taken ahead on another thread must be exactly what statSignature gives here, for every
// kind of path a search can offer; a thread that fails gives nothing (every note is stat'ed here then).

describe('preloadSignatures: what statSignature gives, taken on another thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soapnote-preload-'));
  const paths = {
    file: join(dir, 'a.soap.yaml'),
    empty: join(dir, 'empty.soap.yaml'),
    link: join(dir, 'link.soap.yaml'),
    dangling: join(dir, 'dangling.soap.yaml'),
    folder: join(dir, 'folder.soap.yaml'),
    fifo: join(dir, 'fifo.soap.yaml'),
    gone: join(dir, 'never-there.soap.yaml'),
  };
  before(() => {
    writeFileSync(paths.file, 'client: C-1\n');
    writeFileSync(paths.empty, '');
    symlinkSync(paths.file, paths.link);
    symlinkSync(join(dir, 'nowhere'), paths.dangling);
    mkdirSync(paths.folder);
    execFileSync('mkfifo', [paths.fifo]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const clock = (): number => {
    const now = fileSystemNow(dir);
    assert.ok('nowMs' in now);
    return now.nowMs;
  };

  for (const [name, shift, settled] of [
    ['just written (not settled)', 0, false],
    ['long after (settled)', 60_000, true],
  ] as const) {
    it(`${name}: each kind of path as statSignature gives it, a path not asked for is 'missing'`, async () => {
      const now = clock() + shift;
      const lookup = await preloadSignatures(Object.values(paths), now);
      assert.ok(lookup, 'the thread gave nothing');
      for (const [kind, path] of Object.entries(paths)) {
        assert.deepEqual(lookup(path), statSignature(path, now), kind);
      }
      const file = lookup(paths.file);
      assert.ok(file !== undefined && file !== 'missing');
      assert.equal(file.settled, settled);
      assert.equal(lookup(paths.folder), undefined);
      assert.equal(lookup(paths.fifo), undefined);
      assert.equal(lookup(paths.dangling), undefined);
      assert.equal(lookup(join(dir, 'other.soap.yaml')), 'missing');
    });
  }

  const failing: [string, string][] = [
    ['throws as it starts', 'throw new Error("no")'],
    ['exits without a reply', 'process.exit(0)'],
    ['replies with the wrong number of values', 'require("node:worker_threads").parentPort.once("message", () => require("node:worker_threads").parentPort.postMessage(new Float64Array(3)))'],
    ['replies with something else', 'require("node:worker_threads").parentPort.once("message", () => require("node:worker_threads").parentPort.postMessage("x"))'],
  ];
  for (const [name, code] of failing) {
    it(`a thread that ${name} gives nothing (the run stats every note itself)`, async () => {
      assert.equal(await preloadSignatures([paths.file], clock(), code), undefined);
    });
  }
});
