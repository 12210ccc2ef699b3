import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote, tempDir, type CliResult } from './run';

const BIN = join(repoRoot(), 'bin', 'soapnote.js');
const CLEAN = join(repoRoot(), 'examples', 'clean', 'C-0142-2026-09-15.soap.yaml');
const BY = 'J. Lee, RMT';
const AT = '2026-09-15T18:00:00Z';

/** A temp folder holding the clean example as `n.soap.yaml`. */
function folderWithNote(): { dir: string; note: string; original: string } {
  const dir = tempDir();
  const note = join(dir, 'n.soap.yaml');
  copyFileSync(CLEAN, note);
  return { dir, note, original: readFileSync(note, 'utf8') };
}

/**
 * `check --format json` findings of one note that are errors or warnings: rule id and 1-based line.
 * Information findings (a precaution the note's medication brings) say nothing about the signature.
 */
function findings(dir: string, file = 'n.soap.yaml'): { rule: string; line: number }[] {
  const r = soapnote(['check', file, '--format', 'json'], dir);
  const out = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; severity: string; range?: { start: { line: number } }; line?: number }[] }[] };
  return (out.files[0]?.findings ?? []).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => ({ rule: f.ruleId, line: f.line ?? (f.range?.start.line ?? -1) + 1 }));
}

/** Runs the bin without waiting, so two runs overlap. */
function start(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** The pid of a process that has exited (for a stale lock). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('soapnote sign: what is signed, and never losing a byte', function () {
  this.timeout(60_000);

  const tamper: [string, (t: string) => string][] = [
    ['signed.by', (t) => t.replace(`  by: "${BY}"`, '  by: "M. Okafor, RMT"')],
    ['signed.at', (t) => t.replace(`  at: "${AT}"`, '  at: "2026-09-15T18:00:01Z"')],
    ['a value of the note', (t) => t.replace('pain: 6', 'pain: 5')],
  ];
  for (const [what, change] of tamper) {
    it(`changing ${what} after signing is signature.mismatch`, () => {
      const { dir, note } = folderWithNote();
      assert.equal(soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', AT], dir).code, 0);
      assert.deepEqual(findings(dir), []);
      const signed = readFileSync(note, 'utf8');
      const edited = change(signed);
      assert.notEqual(edited, signed, 'the edit applies');
      writeFileSync(note, edited);
      assert.deepEqual(findings(dir).map((f) => f.rule), ['signature.mismatch']);
    });
  }

  it('refuses a read-only note (exit 2, "read-only file"), leaving it untouched', () => {
    const { dir, note, original } = folderWithNote();
    chmodSync(note, 0o444);
    const r = soapnote(['sign', 'n.soap.yaml', '--by', BY], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /read-only file/);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.equal(readFileSync(note, 'utf8'), original);
    assert.deepEqual(readdirSync(dir), ['n.soap.yaml']);
  });

  it('signs the real note through a symbolic link and keeps the link', () => {
    const { dir, note } = folderWithNote();
    mkdirSync(join(dir, 'linked'));
    symlinkSync(note, join(dir, 'linked', 'visit.soap.yaml'));
    const r = soapnote(['sign', 'visit.soap.yaml', '--by', BY, '--at', AT], join(dir, 'linked'));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'linked', 'visit.soap.yaml')).isSymbolicLink(), 'the link is still a link');
    assert.match(readFileSync(note, 'utf8'), /\nsigned:\n {2}by: "J\. Lee, RMT"/);
    assert.deepEqual(findings(dir), []);
    assert.deepEqual(readdirSync(dir).sort(), ['linked', 'n.soap.yaml']);
  });

  const badAt = ['yesterday', '2026-09-15', '2026-13-01T10:00:00Z', '2026-02-30T10:00:00Z', '2026-09-15T25:00:00Z', '2026-09-15 18:00'];
  for (const at of badAt) {
    it(`refuses --at '${at}' (exit 2) and writes nothing`, () => {
      const { dir, note, original } = folderWithNote();
      const r = soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', at], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--at must be an ISO 8601 date and time/);
      assert.equal(readFileSync(note, 'utf8'), original);
    });
  }

  it('never writes a note its own checker rejects: signing would cross the size limit (exit 2)', () => {
    const { dir, note, original } = folderWithNote();
    mkdirSync(join(dir, '.soapnote'));
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), `maxNoteBytes: ${original.length + 20}\n`);
    assert.equal(soapnote(['check', 'n.soap.yaml'], dir).code, 0, 'the unsigned note is within the limit');
    const r = soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', AT], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /not signed: the signed note would not pass its own check \(line 1: note\.too-large/);
    assert.equal(readFileSync(note, 'utf8'), original);
  });

  it('never writes a note its own checker rejects: a document end marker the signed block would follow (exit 2)', () => {
    const { dir, note, original } = folderWithNote();
    writeFileSync(note, `${original}...\n`);
    assert.equal(soapnote(['check', 'n.soap.yaml'], dir).code, 0, 'the unsigned note checks clean');
    const r = soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', AT], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /not signed: the signed note would not pass its own check/);
    assert.equal(readFileSync(note, 'utf8'), `${original}...\n`);
  });

  it('a note being signed by a live process is refused: exit 2, "being signed", untouched', () => {
    const { dir, note, original } = folderWithNote();
    // The test runner itself is the live holder.
    writeFileSync(join(dir, '.n.soap.yaml.lock'), JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'x' }));
    const r = soapnote(['sign', 'n.soap.yaml', '--by', BY], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /being signed by another soapnote process \(pid \d+/);
    assert.equal(readFileSync(note, 'utf8'), original);
    assert.ok(existsSync(join(dir, '.n.soap.yaml.lock')), 'a live lock is never removed');
  });

  const stale: [string, (dir: string) => void][] = [
    ['its pid is gone', (dir) => writeFileSync(join(dir, '.n.soap.yaml.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), at: Date.now(), token: 'x' }))],
    [
      'it is older than five minutes',
      (dir) => {
        const lock = join(dir, '.n.soap.yaml.lock');
        writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() - 3_600_000, token: 'x' }));
        const hourAgo = new Date(Date.now() - 3_600_000);
        utimesSync(lock, hourAgo, hourAgo);
      },
    ],
    [
      'it is empty and old (its writer died creating it)',
      (dir) => {
        const lock = join(dir, '.n.soap.yaml.lock');
        writeFileSync(lock, '');
        const minuteAgo = new Date(Date.now() - 60_000);
        utimesSync(lock, minuteAgo, minuteAgo);
      },
    ],
  ];
  for (const [why, leave] of stale) {
    it(`takes over a stale lock when ${why}, and releases it`, () => {
      const { dir } = folderWithNote();
      leave(dir);
      const r = soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', AT], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(findings(dir), []);
      assert.deepEqual(readdirSync(dir), ['n.soap.yaml']);
    });
  }

  it('two `sign` processes on one note at the same moment: one signs, the other is refused, no signature lost', async function () {
    this.timeout(180_000);
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { dir, note, original } = folderWithNote();
      const [a, b] = await Promise.all([
        start(['sign', 'n.soap.yaml', '--by', 'A. First, RMT', '--at', AT], dir),
        start(['sign', 'n.soap.yaml', '--by', 'B. Second, RMT', '--at', AT], dir),
      ]);
      const results = [a, b];
      const winners = results.filter((r) => r.code === 0);
      assert.equal(winners.length, 1, `round ${round}: exactly one signs\n${JSON.stringify(results)}`);
      const loser = results.find((r) => r.code !== 0);
      // At the same moment: "being signed" (exit 2); a moment later the note is signed already (exit 1).
      assert.ok(
        (loser?.code === 2 && /being signed/.test(loser.stderr)) || (loser?.code === 1 && /already signed/.test(loser.stderr)),
        `round ${round}: ${JSON.stringify(loser)}`,
      );
      outcomes.push(loser?.code === 2 ? 'being signed' : 'already signed');
      const text = readFileSync(note, 'utf8');
      assert.ok(text.startsWith(original));
      assert.equal(text.match(/^signed:/gm)?.length, 1, 'one signed block');
      const winner = a.code === 0 ? 'A. First, RMT' : 'B. Second, RMT';
      assert.match(text, new RegExp(`by: "${winner.replace('.', '\\.')}"`), 'the signature on disk is the one reported as written');
      assert.deepEqual(findings(dir), []);
      assert.deepEqual(readdirSync(dir), ['n.soap.yaml']);
    }
    console.log(`      concurrent sign, losers: ${outcomes.join(', ')}`);
  });

  it('`sign --help` prints its usage with exactly its options (exit 0)', () => {
    const r = soapnote(['sign', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: soapnote sign FILE \[options\]\n/);
    assert.deepEqual([...r.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]), ['--by', '--at', '--help']);
  });
});

describe('soapnote addend', function () {
  this.timeout(60_000);

  /** A signed note with `count` addenda written by the CLI. */
  function signedWithAddenda(count: number): { dir: string; note: string } {
    const { dir, note } = folderWithNote();
    assert.equal(soapnote(['sign', 'n.soap.yaml', '--by', BY, '--at', AT], dir).code, 0);
    for (let i = 1; i <= count; i++) {
      const r = soapnote(['addend', 'n.soap.yaml', '--by', BY, '--at', `2026-09-1${5 + i}T09:00:00Z`, '--text', `Addendum number ${i}: client phoned.`], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^added an addendum to n\.soap\.yaml \(sha256 [0-9a-f]{64}\)\n$/);
    }
    return { dir, note };
  }

  it('appends {at, by, text, sha256} after the signature; the note keeps verifying and its bytes before stay the same', () => {
    const { dir, note } = signedWithAddenda(0);
    const signed = readFileSync(note, 'utf8');
    const r = soapnote(['addend', 'n.soap.yaml', '--by', BY, '--at', '2026-09-16T09:00:00Z', '--text', 'Client phoned: "mild" soreness, settled.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(note, 'utf8');
    assert.ok(text.startsWith(signed));
    assert.match(
      text.slice(signed.length),
      /^addenda:\n {2}- at: "2026-09-16T09:00:00Z"\n {4}by: "J\. Lee, RMT"\n {4}text: "Client phoned: \\"mild\\" soreness, settled\."\n {4}sha256: "[0-9a-f]{64}"\n$/,
    );
    assert.deepEqual(findings(dir), []);
    assert.deepEqual(readdirSync(dir), ['n.soap.yaml']);
  });

  it('a second addendum extends the same list; both verify', () => {
    const { dir, note } = signedWithAddenda(2);
    const text = readFileSync(note, 'utf8');
    assert.equal(text.match(/^addenda:/gm)?.length, 1);
    assert.equal(text.match(/^ {2}- at:/gm)?.length, 2);
    assert.deepEqual(findings(dir), []);
  });

  /** Line (1-based) of the n-th addendum's dash; each addendum `addend` writes is 4 lines (at, by, text, sha256). */
  const addendumLine = (text: string, n: number): number => {
    const lines = text.split('\n');
    return lines.findIndex((l, i) => l.startsWith('  - at:') && lines.slice(0, i + 1).filter((x) => x.startsWith('  - at:')).length === n) + 1;
  };

  const edits: [string, (t: string) => string, (t: string) => { rule: string; line: number }[]][] = [
    ['editing the text of the middle addendum', (t) => t.replace('Addendum number 2', 'Addendum number two'), (t) => [{ rule: 'signature.mismatch', line: addendumLine(t, 2) }]],
    ['editing who wrote the first addendum', (t) => t.replace(/( {4}by: )"J\. Lee, RMT"/, '$1"Someone Else"'), (t) => [{ rule: 'signature.mismatch', line: addendumLine(t, 1) }]],
    [
      'removing the middle addendum',
      (t) => {
        const lines = t.split('\n');
        const at = addendumLine(t, 2) - 1;
        lines.splice(at, 4);
        return lines.join('\n');
      },
      // The addendum that followed the removed one no longer chains to the one now before it.
      (t) => [{ rule: 'signature.mismatch', line: addendumLine(t, 2) }],
    ],
    [
      'swapping two addenda',
      (t) => {
        const lines = t.split('\n');
        const first = addendumLine(t, 1) - 1;
        const moved = lines.splice(first, 4);
        lines.splice(first + 4, 0, ...moved);
        return lines.join('\n');
      },
      (t) => [
        { rule: 'signature.mismatch', line: addendumLine(t, 1) },
        { rule: 'signature.mismatch', line: addendumLine(t, 2) },
        { rule: 'signature.mismatch', line: addendumLine(t, 3) },
      ],
    ],
    [
      'an addendum written by hand, without sha256',
      (t) => `${t}  - {at: "2026-09-30T09:00:00Z", by: "${BY}", text: Typed by hand.}\n`,
      (t) => [{ rule: 'signature.mismatch', line: t.split('\n').findIndex((l) => l.includes('Typed by hand')) + 1 }],
    ],
    ['removing the signed block (the addenda are left unverifiable)', (t) => t.replace(/^signed:\n(?: {2}.*\n){3}/m, ''), (t) => [{ rule: 'signature.mismatch', line: addendumLine(t, 1) }]],
  ];
  for (const [what, edit, expected] of edits) {
    it(`${what} is signature.mismatch on that addendum`, () => {
      const { dir, note } = signedWithAddenda(3);
      const before = readFileSync(note, 'utf8');
      const after = edit(before);
      assert.notEqual(after, before, 'the edit applies');
      writeFileSync(note, after);
      assert.deepEqual(findings(dir), expected(after));
    });
  }

  it('removing the last addendum leaves a note that verifies (a chain cannot know about a link never written)', () => {
    const { dir, note } = signedWithAddenda(2);
    const text = readFileSync(note, 'utf8');
    writeFileSync(note, text.split('\n').slice(0, addendumLine(text, 2) - 1).join('\n') + '\n');
    assert.deepEqual(findings(dir), []);
  });

  const refusals: [string, (dir: string, note: string) => void, RegExp][] = [
    ['an unsigned note', () => undefined, /not signed/],
    ['a note edited after signing', (dir, note) => (soapnote(['sign', 'n.soap.yaml', '--by', BY], dir), writeFileSync(note, readFileSync(note, 'utf8').replace('pain: 6', 'pain: 2'))), /does not verify/],
    [
      'a note whose addenda chain is broken',
      (dir, note) => {
        soapnote(['sign', 'n.soap.yaml', '--by', BY], dir);
        soapnote(['addend', 'n.soap.yaml', '--by', BY, '--text', 'first'], dir);
        writeFileSync(note, readFileSync(note, 'utf8').replace('text: "first"', 'text: "edited"'));
      },
      /does not verify/,
    ],
    [
      'a tampered note, even with signature.mismatch turned off in the config',
      (dir, note) => {
        soapnote(['sign', 'n.soap.yaml', '--by', BY], dir);
        writeFileSync(note, readFileSync(note, 'utf8').replace('pain: 6', 'pain: 2'));
        mkdirSync(join(dir, '.soapnote'));
        writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'rules:\n  signature.mismatch: "off"\n');
      },
      /does not verify/,
    ],
  ];
  for (const [what, prepare, message] of refusals) {
    it(`refuses ${what} (exit 1) and writes nothing`, () => {
      const { dir, note } = folderWithNote();
      prepare(dir, note);
      const before = readFileSync(note, 'utf8');
      const r = soapnote(['addend', 'n.soap.yaml', '--by', BY, '--text', 'A correction.'], dir);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.equal(readFileSync(note, 'utf8'), before);
    });
  }

  const usage: [string, string[], RegExp][] = [
    ['no --text', ['addend', 'n.soap.yaml', '--by', BY], /needs --text TEXT/],
    ['no --by', ['addend', 'n.soap.yaml', '--text', 'x'], /needs --by NAME/],
    ['no FILE', ['addend', '--by', BY, '--text', 'x'], /exactly one FILE/],
    ['a bad --at', ['addend', 'n.soap.yaml', '--by', BY, '--text', 'x', '--at', 'tomorrow'], /--at must be an ISO 8601 date and time/],
  ];
  for (const [what, args, message] of usage) {
    it(`exit 2 for ${what}`, () => {
      const { dir, note } = signedWithAddenda(0);
      const before = readFileSync(note, 'utf8');
      const r = soapnote(args, dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^soapnote addend: /);
      assert.match(r.stderr, message);
      assert.equal(readFileSync(note, 'utf8'), before);
    });
  }

  it('refuses a read-only signed note (exit 2) and one being signed (exit 2)', () => {
    const { dir, note } = signedWithAddenda(0);
    const before = readFileSync(note, 'utf8');
    writeFileSync(join(dir, '.n.soap.yaml.lock'), JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'x' }));
    const locked = soapnote(['addend', 'n.soap.yaml', '--by', BY, '--text', 'x'], dir);
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /being signed/);
    writeFileSync(join(dir, '.n.soap.yaml.lock'), '');
    utimesSync(join(dir, '.n.soap.yaml.lock'), new Date(0), new Date(0));
    chmodSync(note, 0o400);
    const readOnly = soapnote(['addend', 'n.soap.yaml', '--by', BY, '--text', 'x'], dir);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only file/);
    assert.equal(readFileSync(note, 'utf8'), before);
  });

  it('`addend --help` prints its usage with exactly its options (exit 0); `soapnote --help` lists addend', () => {
    const r = soapnote(['addend', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: soapnote addend FILE \[options\]\n/);
    assert.deepEqual([...r.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]), ['--by', '--text', '--at', '--help']);
    assert.match(soapnote(['--help']).stdout, /soapnote addend FILE --by NAME --text TEXT \[--at ISO-TIME\]/);
  });
});

describe('the other writers (render --out, history --out, new) use the same safe writer', function () {
  this.timeout(60_000);
  it('render --out onto a read-only file: exit 2, "read-only file", untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    writeFileSync(out, 'old report');
    chmodSync(out, 0o444);
    const r = soapnote(['render', CLEAN, '--format', 'html', '--out', out], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^soapnote render: cannot write .*read-only file/);
    assert.equal(readFileSync(out, 'utf8'), 'old report');
  });
  it('history --out onto a read-only file: exit 2, "read-only file", untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'history.html');
    writeFileSync(out, 'old history');
    chmodSync(out, 0o444);
    const r = soapnote(['history', 'C-0142', join(repoRoot(), 'examples', 'clean'), '--format', 'html', '--out', out], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^soapnote history: cannot write .*read-only file/);
    assert.equal(readFileSync(out, 'utf8'), 'old history');
  });
  it('new into a folder that does not exist: exit 2 with a plain reason', () => {
    const dir = tempDir();
    const r = soapnote(['new', '--client', 'C-0001', '--date', '2026-09-15', '--out', join(dir, 'missing', 'n.soap.yaml')], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^soapnote new: cannot write .*no such folder/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});
