import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { soapnote, tempDir } from './run';

/** Characters that must never reach a terminal or a CI log raw: C0 (but the line break we print), DEL, C1, separators, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Hostile strings: as written inside a double-quoted YAML scalar, as they read raw, and as soapnote must show them. */
const HOSTILE: { name: string; yaml: string; raw: string; shown: string }[] = [
  { name: 'an OSC title sequence', yaml: '\\e]0;pwned\\a', raw: '\u001b]0;pwned\u0007', shown: '\\x1B]0;pwned\\x07' },
  { name: 'clear screen and recolour', yaml: '\\e[2J\\e[31mall clear', raw: '\u001b[2J\u001b[31mall clear', shown: '\\x1B[2J\\x1B[31mall clear' },
  { name: 'a C1 CSI', yaml: '\\x9b2J', raw: '\u009b2J', shown: '\\x9B2J' },
  { name: 'DEL and backspaces', yaml: 'abc\\x7f\\b\\b', raw: 'abc\u007f\b\b', shown: 'abc\\x7F\\x08\\x08' },
  { name: 'a carriage return over the line', yaml: 'x\\r✔ 0 problems', raw: 'x\r✔ 0 problems', shown: 'x\\r✔ 0 problems' },
  { name: 'a workflow command on a line of its own', yaml: 'x\\n::add-mask::secret', raw: 'x\n::add-mask::secret', shown: 'x\\n::add-mask::secret' },
  { name: 'an error annotation after CRLF', yaml: 'x\\r\\n::error file=a::fake', raw: 'x\r\n::error file=a::fake', shown: 'x\\r\\n::error file=a::fake' },
  { name: 'a right-to-left override', yaml: 'abc\\u202Efdp.exe', raw: 'abc\u202efdp.exe', shown: 'abc\\u202Efdp.exe' },
  { name: 'an isolate', yaml: '\\u2066hidden\\u2069', raw: '\u2066hidden\u2069', shown: '\\u2066hidden\\u2069' },
  { name: 'a line separator', yaml: 'a\\u2028::error::x', raw: 'a\u2028::error::x', shown: 'a\\u2028::error::x' },
];

const note = (techniques: string[]): string =>
  `soapnote: 1\nclient: C-0001\ndate: 2026-11-02\ntherapist: T\nsubjective: {pain: 5}\ntreatment:\n${techniques.map((t) => `  - {technique: "${t}", target: calf}\n`).join('')}assessment: {pain_after: 3}\n`;

/** No raw control characters, and no line that a CI runner would take as a command unless it is one of ours. */
function assertInert(output: string, what: string): void {
  assert.doesNotMatch(output, RAW_CONTROL, `${what}: ${JSON.stringify(output)}`);
  for (const line of output.split('\n')) {
    assert.ok(!line.startsWith('::') || /^::(error|warning|notice) file=/.test(line), `${what}: a line starts a workflow command: ${JSON.stringify(line)}`);
  }
}

describe('soapnote: no terminal or CI-log injection from notes and file names', function () {
  this.timeout(60_000);
  let values: string;
  let files: string;
  before(() => {
    values = tempDir();
    writeFileSync(join(values, 'a.soap.yaml'), note(HOSTILE.map((h) => h.yaml)));
    files = tempDir();
    // File names may hold anything but '/' and NUL on Linux: one hostile-named note per row.
    HOSTILE.forEach((h, i) => {
      mkdirSync(join(files, String(i)));
      writeFileSync(join(files, String(i), `${h.raw}.soap.yaml`), note(['efleurage']));
    });
  });

  it('stylish shows every hostile note value escaped', () => {
    const r = soapnote(['check'], values);
    assert.equal(r.code, 0, r.stderr);
    assertInert(r.stdout + r.stderr, 'stylish');
    for (const h of HOSTILE) {
      assert.ok(r.stdout.includes(`Unknown technique '${h.shown}'`), `${h.name}: ${h.shown}`);
    }
  });

  it('github annotations show every hostile note value escaped, with % kept for GitHub', () => {
    const r = soapnote(['check', '--format', 'github'], values);
    assertInert(r.stdout + r.stderr, 'github');
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::warning file=a.soap.yaml,'));
    assert.equal(annotations.length, HOSTILE.length);
    HOSTILE.forEach((h, i) => assert.ok(annotations[i]?.includes(`Unknown technique '${h.shown}'`), `${h.name}: ${annotations[i]}`));
  });

  it('history text shows every hostile technique escaped', () => {
    const r = soapnote(['history', 'C-0001'], values);
    assert.equal(r.code, 0, r.stderr);
    assertInert(r.stdout + r.stderr, 'history');
    for (const h of HOSTILE) {
      assert.ok(r.stdout.includes(h.shown), `${h.name}`);
    }
  });

  it('JSON keeps every value exactly (it is data; JSON escapes it)', () => {
    const out = JSON.parse(soapnote(['check', '--format', 'json'], values).stdout) as { files: { findings: { message: string }[] }[] };
    for (const h of HOSTILE) {
      assert.ok(out.files[0]?.findings.some((f) => f.message === `Unknown technique '${h.raw}'. It is not in the vocabulary; check the spelling, or add it to a clinic vocabulary pack.`), h.name);
    }
  });

  it('stylish and github show every hostile file name escaped', () => {
    const stylish = soapnote(['check'], files);
    assertInert(stylish.stdout + stylish.stderr, 'stylish');
    const github = soapnote(['check', '--format', 'github'], files);
    assertInert(github.stdout + github.stderr, 'github');
    HOSTILE.forEach((h, i) => {
      assert.ok(stylish.stdout.includes(`${i}/${h.shown}.soap.yaml:7:17`), `stylish: ${h.name}`);
      // In a property, GitHub also needs ':' and ',' encoded.
      const property = `${i}/${h.shown}.soap.yaml`.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
      assert.ok(github.stdout.includes(`::warning file=${property},line=7,`), `github: ${h.name}`);
    });
  });

  for (const [what, args] of [
    ['a missing file in an error message', (name: string) => ['render', `${name}.soap.yaml`]],
    ['an unknown command', (name: string) => [name]],
    ['a bad --format value', (name: string) => ['check', '--format', name]],
  ] as [string, (name: string) => string[]][]) {
    it(`escapes hostile text in ${what}`, () => {
      const combined = HOSTILE.map((h) => h.raw).join('|');
      const r = soapnote(args(combined), values);
      assert.equal(r.code, 2);
      assertInert(r.stderr, what);
      assert.ok(r.stderr.includes(HOSTILE.map((h) => h.shown).join('|')), r.stderr);
    });
  }
});
