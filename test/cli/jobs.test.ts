import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote, tempDir, type CliResult } from './run';
import { mixedCorpus, writeCorpus } from './scaleCorpus';

/** The bin with extra environment (the worker fault hook). */
function soapnoteWith(env: Record<string, string>, args: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'soapnote.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('soapnote check --jobs N: the same output as one thread', function () {
  this.timeout(600_000);
  let dir: string;
  let one: Map<string, CliResult>;
  const FORMATS = ['stylish', 'json', 'sarif', 'github'];

  before(() => {
    dir = tempDir();
    writeCorpus(dir, mixedCorpus(2000));
    one = new Map(FORMATS.map((f) => [f, soapnote(['check', '--jobs', '1', '--format', f], dir)]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the corpus holds what the test is about: 2,000 notes, errors, warnings, unknown terms, carried conditions, near ids, unreadable text', () => {
    const report = JSON.parse(one.get('json')?.stdout ?? '') as { files: { path: string; findings: { ruleId: string; severity: string; related?: { uri?: string }[] }[] }[]; summary: { files: number } };
    assert.equal(report.summary.files, 2000);
    const all = report.files.flatMap((f) => f.findings);
    const rules = new Set(all.map((f) => f.ruleId));
    for (const rule of ['contraindication.absolute', 'vocabulary.unknown-term', 'record.client-id-near-match', 'note.encoding', 'yaml.syntax']) {
      assert.ok(rules.has(rule), `no ${rule} in the corpus: ${[...rules].join(', ')}`);
    }
    assert.ok(all.some((f) => f.severity === 'warning'));
    assert.ok(all.some((f) => f.related?.some((r) => r.uri !== undefined)), 'no finding from a condition carried from an earlier note');
    assert.equal(one.get('json')?.code, 1);
  });

  for (const format of FORMATS) {
    for (const jobs of format === 'json' ? ['2', '3'] : ['2']) {
      it(`--format ${format} --jobs ${jobs}: stdout byte for byte, and the exit code`, () => {
        const many = soapnote(['check', '--jobs', jobs, '--format', format], dir);
        const single = one.get(format);
        assert.equal(many.code, single?.code);
        assert.ok(many.stdout === single?.stdout, `--jobs ${jobs} differs from --jobs 1 in --format ${format}`);
        assert.equal(many.stderr, single?.stderr);
      });
    }
  }

  it('the default (one thread per core on a run this size) gives the same output', () => {
    const result = soapnote(['check', '--format', 'json'], dir);
    assert.ok(result.stdout === one.get('json')?.stdout);
  });

  it('with --cache on threads: the run answered from the cache prints the same', () => {
    const location = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-cache.json`);
    const first = soapnote(['check', '--jobs', '2', '--format', 'json', '--cache', '--cache-location', location], dir);
    const second = soapnote(['check', '--jobs', '2', '--format', 'json', '--cache', '--cache-location', location], dir);
    rmSync(location, { force: true });
    assert.ok(first.stdout === one.get('json')?.stdout);
    assert.ok(second.stdout === one.get('json')?.stdout);
    assert.ok(Number(/--cache: (\d+) of/.exec(second.stderr)?.[1]) > 1500, second.stderr);
  });

  for (const fault of ['start', 'batch']) {
    it(`a worker that fails (${fault === 'start' ? 'to start' : 'on a batch'}) leaves its notes to the main thread: same output, same exit code, and says so`, () => {
      const result = soapnoteWith({ SOAPNOTE_TEST_WORKER_FAULT: fault }, ['check', '--jobs', '2', '--format', 'json'], dir);
      assert.equal(result.code, one.get('json')?.code);
      assert.ok(result.stdout === one.get('json')?.stdout, 'a failed worker changed the findings');
      assert.match(result.stderr, /check worker .*; its notes were checked in the main thread instead/);
    });
  }

  it('--jobs takes a whole number of 1 or more (exit 2)', () => {
    for (const bad of ['0', '-1', 'x', '1.5', '']) {
      const result = soapnote(['check', `--jobs=${bad}`], dir);
      assert.equal(result.code, 2, bad);
      assert.match(result.stderr, /--jobs takes a whole number of 1 or more/, bad);
    }
  });
});
