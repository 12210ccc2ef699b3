import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { soapnote, tempDir } from './run';

/** A clinic pack whose one condition carries `rule` (a local contraindication when it works). */
const pack = (rule: string, fixtures = 'fixtures'): string => `soapnote_pack: 1
id: clinic
name: Clinic pack
fixtures: ${fixtures}
conditions:
  - id: fresh-tattoo
    name: fresh tattoo
    description: A tattoo less than two weeks old is an open wound.
    source: Clinic policy
    category: contraindication
    rules:
      - {type: ${rule}, where: site, message: No work on a fresh tattoo until it has healed.}
`;

/** Effleurage on the left calf of a client with a fresh tattoo there (line 9: the treatment entry). */
const TATTOO_NOTE = `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
health:
  conditions:
    - {condition: fresh tattoo, region: calf, side: left}
treatment:
  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light, minutes: 10}
`;

/** A workspace listing the clinic pack, with a fixture that expects the rule to fire and a clean one on the other side. */
function workspace(rule: string): string {
  const dir = tempDir();
  const fixtures = join(dir, '.soapnote', 'packs', 'fixtures');
  mkdirSync(fixtures, { recursive: true });
  writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'packs: [.soapnote/packs/clinic.yaml]\n');
  writeFileSync(join(dir, '.soapnote', 'packs', 'clinic.yaml'), pack(rule));
  writeFileSync(join(fixtures, 'tattoo-calf.soap.yaml'), TATTOO_NOTE);
  writeFileSync(join(fixtures, 'tattoo-calf.expected.yaml'), '- {rule: contraindication.local, severity: error, line: 9}\n');
  writeFileSync(join(fixtures, 'other-side.soap.yaml'), TATTOO_NOTE.replace('side: left, pressure', 'side: right, pressure'));
  writeFileSync(join(fixtures, 'other-side.expected.yaml'), '[]\n');
  return dir;
}

describe('soapnote test: packs prove their rules', () => {
  it('a rule that does not produce its expected finding exits 1, naming the fixture and the expectation missed', () => {
    const dir = workspace('precaution');
    const result = soapnote(['test'], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /MISS {2}\.soapnote\/packs\/fixtures\/tattoo-calf\.soap\.yaml: expected contraindication\.local \(error\) at line 9, not found/);
    assert.match(result.stdout, /ok {4}\.soapnote\/packs\/fixtures\/other-side\.soap\.yaml: clean, as expected/);
    assert.match(result.stdout, /2 fixtures: 0 expectations met, 1 missed/);
  });

  it('fixing the rule exits 0; the clean fixture stays clean', () => {
    const dir = workspace('local');
    const result = soapnote(['test'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, [
      '.soapnote/packs/clinic.yaml',
      '  ok    .soapnote/packs/fixtures/other-side.soap.yaml: clean, as expected',
      '  ok    .soapnote/packs/fixtures/tattoo-calf.soap.yaml: contraindication.local (error) at line 9',
      '',
      '2 fixtures: 1 expectation met, 0 missed',
      '',
    ].join('\n'));
    assert.equal(soapnote(['test', '.soapnote/packs/clinic.yaml'], dir).code, 0);
  });

  it('a clean fixture that gives an error or warning is a miss', () => {
    const dir = workspace('local');
    // The rule now reaches both sides: the "other side" example is no longer clean.
    writeFileSync(join(dir, '.soapnote', 'packs', 'fixtures', 'other-side.soap.yaml'), TATTOO_NOTE.replace('side: left}', 'side: bilateral}'));
    const result = soapnote(['test', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { missed: number; packs: { fixtures: { note: string; unexpected: { rule: string; line: number }[] }[] }[] };
    assert.equal(report.missed, 1);
    const other = report.packs[0]?.fixtures.find((f) => f.note.endsWith('other-side.soap.yaml'));
    assert.deepEqual(other?.unexpected.map((u) => [u.rule, u.line]), [['contraindication.local', 9]]);
  });

  const unusable: [string, (dir: string) => void, RegExp][] = [
    ['a missing expected file', (dir) => rmSync(join(dir, '.soapnote', 'packs', 'fixtures', 'other-side.expected.yaml')), /other-side\.soap\.yaml' has no expected findings beside it/],
    ['a bad expected file', (dir) => writeFileSync(join(dir, '.soapnote', 'packs', 'fixtures', 'other-side.expected.yaml'), '- {rule: contraindication.local, line: 9}\n'), /other-side\.expected\.yaml: entry 1 needs a severity/],
    ['an empty expected file', (dir) => writeFileSync(join(dir, '.soapnote', 'packs', 'fixtures', 'other-side.expected.yaml'), ''), /it is empty; write \[\] for a note that must give no error or warning/],
    ['a missing fixtures folder', (dir) => writeFileSync(join(dir, '.soapnote', 'packs', 'clinic.yaml'), pack('local', 'nowhere')), /fixtures 'nowhere' does not exist/],
    ['fixtures outside the workspace', (dir) => writeFileSync(join(dir, '.soapnote', 'packs', 'clinic.yaml'), pack('local', '../../../elsewhere')), /is outside the workspace/],
    ['a fixture linked to a file outside', (dir) => symlinkSync('/etc/hostname', join(dir, '.soapnote', 'packs', 'fixtures', 'linked.soap.yaml')), /linked\.soap\.yaml' is a symbolic link to a file outside the workspace/],
    ['a pack the config does not list', (dir) => writeFileSync(join(dir, 'other.yaml'), pack('local')), /not one of the packs listed/],
  ];
  for (const [what, spoil, message] of unusable) {
    it(`${what} exits 2 with a plain message`, () => {
      const dir = workspace('local');
      spoil(dir);
      const result = soapnote(what.includes('does not list') ? ['test', 'other.yaml'] : ['test'], dir);
      assert.equal(result.code, 2, result.stdout);
      assert.match(result.stderr, message);
    });
  }

  it('without packs or --builtin there is nothing to prove: exit 2', () => {
    const result = soapnote(['test'], tempDir());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no packs to test/);
  });

  it("--builtin runs the knowledge base's own fixtures, all met", () => {
    const result = soapnote(['test', '--builtin'], tempDir());
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^built-in 50-conditions\.yaml\n/);
    assert.match(result.stdout, /clean\.soap\.yaml: clean, as expected/);
    assert.match(result.stdout, /contraindication\.technique\.soap\.yaml: contraindication\.technique \(error\) at line \d+/);
    assert.match(result.stdout, /\d+ fixtures: \d+ expectations met, 0 missed/);
  });

  it('reads the fixtures only: no fixture or expected file changes', () => {
    const dir = workspace('precaution');
    const file = join(dir, '.soapnote', 'packs', 'fixtures', 'tattoo-calf.soap.yaml');
    const before = readFileSync(file);
    soapnote(['test'], dir);
    assert.deepEqual(readFileSync(file), before);
  });
});
