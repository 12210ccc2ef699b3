import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote, tempDir } from './run';

describe('soapnote new (templates)', () => {
  it('fills a built-in template with the client id and the date, and the note parses', () => {
    const dir = tempDir();
    const r = soapnote(['new', '--template', 'follow-up', '--client', 'C-0142', '--date', '2026-11-21', '--therapist', 'J. Lee, RMT', '--visit', '3'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, 'C-0142-2026-11-21.soap.yaml'), 'utf8');
    assert.match(text, /^client: C-0142$/m);
    assert.match(text, /^date: 2026-11-21$/m);
    assert.match(text, /^therapist: "J\. Lee, RMT"$/m);
    assert.match(text, /^visit: 3$/m);
    assert.doesNotMatch(text, /\{\{/);
  });
  it("uses today's date by default (the config's `today` in CI)", () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.soapnote'));
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'today: 2026-12-01\n');
    assert.equal(soapnote(['new', '--client', 'C-1'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'C-1-2026-12-01.soap.yaml'), 'utf8'), /^date: 2026-12-01$/m);
  });
  it("prefers the workspace's own template and never overwrites", () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.soapnote', 'templates'), { recursive: true });
    writeFileSync(join(dir, '.soapnote', 'templates', 'sports.soap.yaml'), 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\n# sports clinic\n');
    assert.match(soapnote(['new', '--list'], dir).stdout, /^sports\t/m);
    assert.equal(soapnote(['new', '--template', 'sports', '--client', 'C-2', '--date', '2026-11-21'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'C-2-2026-11-21.soap.yaml'), 'utf8'), /# sports clinic/);
    const again = soapnote(['new', '--template', 'sports', '--client', 'C-2', '--date', '2026-11-21'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
  });
  const bad: [string, string[]][] = [
    ['a name instead of an id', ['new', '--client', 'Jane Doe']],
    ['no client', ['new']],
    ['an unknown template', ['new', '--template', 'nope', '--client', 'C-1']],
    ['a bad date', ['new', '--client', 'C-1', '--date', '21/11/2026']],
  ];
  for (const [name, args] of bad) {
    it(`exit 2 for ${name}`, () => assert.equal(soapnote(args, tempDir()).code, 2));
  }
});

describe('soapnote history', () => {
  /** Five visits in a temp workspace whose "today" is pinned: a missed follow-up depends on it, never on the wall clock. */
  function fiveVisits(): string {
    const dir = tempDir();
    cpSync(join(repoRoot(), 'examples', 'clean'), join(dir, 'notes'), { recursive: true });
    mkdirSync(join(dir, '.soapnote'));
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'today: 2026-11-20\n');
    return dir;
  }
  it('lists the visits in date order with the pain trend and MCID marks', () => {
    const r = soapnote(['history', 'C-0142', 'notes', '--format', 'json'], fiveVisits());
    assert.equal(r.code, 0, r.stderr);
    const h = JSON.parse(r.stdout);
    assert.deepEqual(h.visits.map((v: { date: string }) => v.date), ['2026-09-08', '2026-09-15', '2026-09-22', '2026-09-29', '2026-10-06']);
    assert.deepEqual(h.visits.map((v: { painBefore: number }) => v.painBefore), [7, 6, 5, 3, 2]);
    assert.deepEqual(h.visits.map((v: { reachesMcid: boolean }) => v.reachesMcid), [false, false, true, true, true]);
    assert.equal(h.overallReachesMcid, true);
  });
  it('marks a missed follow-up', () => {
    const dir = fiveVisits();
    const last = join(dir, 'notes', 'C-0142-2026-10-06.soap.yaml');
    writeFileSync(join(dir, 'notes', 'late.soap.yaml'), readFileSync(last, 'utf8').replace('date: 2026-10-06', 'date: 2026-11-10').replace(/visit: \d+/, 'visit: 6').replace(/next_visit: .*/, 'next_visit: 2026-11-24'));
    const h = JSON.parse(soapnote(['history', 'C-0142', 'notes', '--format', 'json'], dir).stdout);
    const missed = h.visits.filter((v: { missedFollowUp?: unknown }) => v.missedFollowUp);
    assert.equal(missed.length, 1);
    assert.equal(missed[0].date, '2026-10-06');
  });
  it('html: an inline SVG trend chart, strict CSP, escaped', () => {
    const r = soapnote(['history', 'C-0142', 'notes', '--format', 'html'], fiveVisits());
    assert.match(r.stdout, /<svg class="trend"/);
    assert.match(r.stdout, /default-src 'none'/);
    assert.doesNotMatch(r.stdout, /<script/);
  });
  it('exit 1 when the client has no notes', () => {
    assert.equal(soapnote(['history', 'C-9999', 'notes'], fiveVisits()).code, 1);
  });
});

describe('soapnote check on templates', () => {
  it('checks the workspace templates with placeholders allowed, and flags unknown placeholders', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.soapnote', 'templates'), { recursive: true });
    writeFileSync(join(dir, '.soapnote', 'templates', 'ok.soap.yaml'), 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\nsubjective:\n  complaint:\n  pain:\n');
    writeFileSync(join(dir, '.soapnote', 'templates', 'bad.soap.yaml'), 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{name}}\n');
    const r = soapnote(['check', '--format', 'json'], dir);
    const files = JSON.parse(r.stdout).files as { path: string; findings: { ruleId: string; line: number }[] }[];
    assert.deepEqual(files.find((f) => f.path.endsWith('ok.soap.yaml'))?.findings, []);
    assert.deepEqual(files.find((f) => f.path.endsWith('bad.soap.yaml'))?.findings.map((f) => [f.ruleId, f.line]), [['template.unknown-placeholder', 4]]);
    assert.equal(r.code, 1);
  });
});

describe('built-in templates', () => {
  it('check clean as templates wherever a run finds them (here: soapnote\'s own checkout)', () => {
    const r = soapnote(['check', 'server/templates', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout);
    const files = JSON.parse(r.stdout).files as { findings: unknown[] }[];
    assert.equal(files.length, 2);
    assert.deepEqual(files.flatMap((f) => f.findings), []);
  });
  for (const template of ['follow-up', 'initial-assessment']) {
    it(`${template}: a note made from it and left unfilled is never "no problems" (clinical values start empty)`, () => {
      const dir = tempDir();
      assert.equal(soapnote(['new', '--template', template, '--client', 'C-7', '--date', '2026-11-21', '--therapist', 'J. Lee', '--visit', '2'], dir).code, 0);
      const text = readFileSync(join(dir, 'C-7-2026-11-21.soap.yaml'), 'utf8');
      assert.doesNotMatch(text, /pain(_after)?: \d/);
      const r = soapnote(['check', '--format', 'json', 'C-7-2026-11-21.soap.yaml'], dir);
      assert.equal(r.code, 1, r.stdout);
      const lines = text.split('\n');
      const flagged = new Set((JSON.parse(r.stdout).files[0].findings as { ruleId: string; line: number }[]).filter((f) => f.ruleId === 'schema.invalid').map((f) => lines[f.line - 1]?.trim().split(':')[0]));
      for (const field of ['pain', 'pain_after']) {
        assert.ok(flagged.has(field), `${field} is reported until filled: ${[...flagged].join(', ')}`);
      }
    });
  }
});

describe('soapnote new: the visit number', () => {
  it('is one more than the client\'s earlier notes in the workspace, unless --visit says otherwise', () => {
    const dir = tempDir();
    cpSync(join(repoRoot(), 'examples', 'clean'), join(dir, 'notes'), { recursive: true });
    assert.equal(soapnote(['new', '--template', 'follow-up', '--client', 'C-0142', '--date', '2026-10-13', '--therapist', 'J. Lee'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'C-0142-2026-10-13.soap.yaml'), 'utf8'), /^visit: 6$/m);
    assert.equal(soapnote(['new', '--template', 'follow-up', '--client', 'C-0999', '--date', '2026-10-13', '--therapist', 'J. Lee'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'C-0999-2026-10-13.soap.yaml'), 'utf8'), /^visit: 1$/m);
  });
});
