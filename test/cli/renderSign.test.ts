import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote, tempDir } from './run';

const EXAMPLE = join(repoRoot(), 'examples', 'conflicts', 'dvt-calf-effleurage.soap.yaml');
const CLEAN_EXAMPLE = join(repoRoot(), 'examples', 'clean', 'C-0142-2026-09-08.soap.yaml');

describe('soapnote render', () => {
  it('html: a whole document with the alerts and the treatment table on stdout', () => {
    const r = soapnote(['render', EXAMPLE, '--format', 'html']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>/i);
    assert.match(r.stdout, /class="alerts"/);
    assert.match(r.stdout, /<table class="treatment"/);
    assert.match(r.stdout, /Content-Security-Policy/);
  });
  it('md: Markdown with the treatment table', () => {
    const r = soapnote(['render', EXAMPLE, '--format', 'md']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\|.*[Tt]echnique.*\|/);
  });
  it('fhir: a Bundle', () => {
    const r = soapnote(['render', EXAMPLE, '--format', 'fhir']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).resourceType, 'Bundle');
  });
  it('--out writes a file and leaves the note alone', () => {
    const dir = tempDir();
    const before = readFileSync(EXAMPLE, 'utf8');
    const r = soapnote(['render', EXAMPLE, '--format', 'html', '--out', join(dir, 'report.html')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<table class="treatment"/);
    assert.equal(readFileSync(EXAMPLE, 'utf8'), before);
  });
  const failures: [string, string[]][] = [
    ['a missing file', ['render', 'nowhere.soap.yaml']],
    ['a folder', ['render', 'examples']],
    ['a bad format', ['render', EXAMPLE, '--format', 'pdf']],
    ['no file', ['render']],
    ['--out onto the note itself', ['render', EXAMPLE, '--out', EXAMPLE]],
  ];
  for (const [name, args] of failures) {
    it(`exit 2 for ${name}`, () => {
      const r = soapnote(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^soapnote render: /);
    });
  }
});

describe('soapnote sign', () => {
  it('signs a clean note, which then checks clean; an edit is then reported', () => {
    const dir = tempDir();
    const note = join(dir, 'n.soap.yaml');
    copyFileSync(CLEAN_EXAMPLE, note);
    const original = readFileSync(note, 'utf8');
    const r = soapnote(['sign', 'n.soap.yaml', '--by', 'J. Lee, RMT', '--at', '2026-11-20T18:05:00Z'], dir);
    assert.equal(r.code, 0, r.stderr);
    const signed = readFileSync(note, 'utf8');
    assert.ok(signed.startsWith(original), 'the original bytes are kept');
    assert.match(signed, /signed:\n {2}by: "J\. Lee, RMT"\n {2}at: "2026-11-20T18:05:00Z"\n {2}sha256: "[0-9a-f]{64}"\n$/);
    assert.equal(soapnote(['check', 'n.soap.yaml'], dir).code, 0);
    assert.deepEqual(readdirSync(dir), ['n.soap.yaml'], 'no temporary file is left behind');

    writeFileSync(note, signed.replace(/pain: \d+/, 'pain: 1'));
    const tampered = soapnote(['check', 'n.soap.yaml'], dir);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, /signature\.mismatch/);
  });
  it('refuses an already signed note (exit 1) and leaves it untouched', () => {
    const dir = tempDir();
    const note = join(dir, 'n.soap.yaml');
    copyFileSync(CLEAN_EXAMPLE, note);
    assert.equal(soapnote(['sign', 'n.soap.yaml', '--by', 'A'], dir).code, 0);
    const once = readFileSync(note, 'utf8');
    const r = soapnote(['sign', 'n.soap.yaml', '--by', 'A'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already signed/);
    assert.equal(readFileSync(note, 'utf8'), once);
  });
  it('refuses a note with errors (exit 1)', () => {
    const dir = tempDir();
    copyFileSync(EXAMPLE, join(dir, 'n.soap.yaml'));
    const r = soapnote(['sign', 'n.soap.yaml', '--by', 'A'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error/);
  });
  it('needs --by (exit 2)', () => {
    assert.equal(soapnote(['sign', CLEAN_EXAMPLE]).code, 2);
  });
});

describe('soapnote (no command, help, version)', () => {
  it('prints usage and exits 2 with no command', () => {
    const r = soapnote([]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /Usage:/);
  });
  it('--version prints the package version', () => {
    assert.match(soapnote(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
  it('an unknown command exits 2', () => {
    assert.equal(soapnote(['frobnicate']).code, 2);
  });
});
