import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../server/src/core/engine';
import { canonicalContent } from '../../server/src/core/integrity';
import { RuleId } from '../../server/src/core/ruleIds';
import { writeFileAtomic } from '../../server/src/node/atomicWrite';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { prng } from '../../scripts/generateNotes';
import { repoRoot } from '../unit/repoRoot';

const BIN = join(repoRoot(), 'bin', 'soapnote.js');
const EXAMPLE = join(repoRoot(), 'examples', 'clean', 'C-0142-2026-09-15.soap.yaml');
const SIGNER = 'J. Lee, RMT';

/** The same note written in block style, the reference every variant must hash like. */
const BASE = `soapnote: 1
client: C-0142
date: 2026-10-01
therapist: J. Lee, RMT
duration: 60
subjective:
  complaint: Sore neck
  pain: 6
treatment:
  - technique: effleurage
    target: upper trapezius
    side: left
    pressure: light
    minutes: 10
assessment:
  pain_after: 3
`;

/** Same content, different text: none of these may change the hash. */
const SAME_CONTENT: [string, string][] = [
  ['keys in another order', `therapist: J. Lee, RMT
date: 2026-10-01
client: C-0142
soapnote: 1
assessment:
  pain_after: 3
treatment:
  - minutes: 10
    pressure: light
    side: left
    target: upper trapezius
    technique: effleurage
subjective:
  pain: 6
  complaint: Sore neck
duration: 60
`],
  ['flow style', `{soapnote: 1, client: C-0142, date: 2026-10-01, therapist: "J. Lee, RMT", duration: 60,
 subjective: {complaint: Sore neck, pain: 6},
 treatment: [{technique: effleurage, target: upper trapezius, side: left, pressure: light, minutes: 10}],
 assessment: {pain_after: 3}}
`],
  ['quoting styles', `soapnote: 1
client: "C-0142"
date: '2026-10-01'
therapist: "J. Lee, RMT"
duration: 60
subjective:
  complaint: 'Sore neck'
  pain: 6
treatment:
  - technique: "effleurage"
    target: >-
      upper trapezius
    side: 'left'
    pressure: |-
      light
    minutes: 10
assessment:
  pain_after: 3
`],
  ['comments and blank lines', `# visit note
soapnote: 1   # format version

client: C-0142
date: 2026-10-01
therapist: J. Lee, RMT
duration: 60


subjective:
  # what the client said
  complaint: Sore neck
  pain: 6
treatment:
  - technique: effleurage  # warm-up
    target: upper trapezius
    side: left

    pressure: light
    minutes: 10
assessment:
  pain_after: 3
# end
`],
  ['CRLF line endings', BASE.replace(/\n/g, '\r\n')],
  ['addenda (they carry their own chained hashes)', `${BASE}addenda:\n  - {at: 2026-10-02T09:00:00Z, by: "${SIGNER}", text: Client phoned.}\n`],
];

/** A signed block on BASE, with a given signer, time and recorded hash. */
const signedBlock = (by: string, at: string, sha: string): string => `${BASE}signed:\n  by: "${by}"\n  at: "${at}"\n  sha256: "${sha}"\n`;

/** Changes to one value: each must change the hash. */
const VALUE_CHANGES: [string, (text: string) => string][] = [
  ['pain 6 -> 5', (t) => t.replace('pain: 6', 'pain: 5')],
  ['a technique name', (t) => t.replace('technique: effleurage', 'technique: petrissage')],
  ['a side', (t) => t.replace('side: left', 'side: right')],
  ['adding a treatment entry', (t) => t.replace('assessment:', '  - {technique: petrissage, target: upper trapezius}\nassessment:')],
  ['pain after', (t) => t.replace('pain_after: 3', 'pain_after: 4')],
  ['a number written as a string', (t) => t.replace('duration: 60', 'duration: "60"')],
  ['trailing space inside a quoted value', (t) => t.replace('complaint: Sore neck', 'complaint: "Sore neck "')],
];

/** Runs the real CLI. */
function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reliability: note integrity (canonical hash, signing)', function () {
  this.timeout(120_000);
  let engine: Engine;
  const sha256 = nodeHost().sha256;
  const hashOf = (text: string): string => {
    const analysis = engine.analyze(text);
    assert.ok(analysis.note.data !== undefined, `not readable: ${JSON.stringify(analysis.parsed.findings)}`);
    return sha256(canonicalContent(analysis.note.data));
  };

  before(() => {
    engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
  });

  for (const [name, text] of SAME_CONTENT) {
    it(`keeps the hash with ${name}`, () => {
      assert.equal(hashOf(text), hashOf(BASE));
    });
  }

  for (const [name, change] of VALUE_CHANGES) {
    it(`changes the hash when ${name} changes`, () => {
      const changed = change(BASE);
      assert.notEqual(changed, BASE, 'the edit applies');
      assert.notEqual(hashOf(changed), hashOf(BASE));
    });
  }

  it('the hash leaves out signed.sha256 only: the signer and the time are covered', () => {
    const reference = hashOf(signedBlock(SIGNER, '2026-10-01T18:00:00Z', '0'.repeat(64)));
    assert.equal(hashOf(signedBlock(SIGNER, '2026-10-01T18:00:00Z', 'f'.repeat(64))), reference, 'signed.sha256 is not covered');
    assert.notEqual(hashOf(signedBlock('M. Okafor, RMT', '2026-10-01T18:00:00Z', '0'.repeat(64))), reference, 'signed.by is covered');
    assert.notEqual(hashOf(signedBlock(SIGNER, '2026-10-01T18:00:01Z', '0'.repeat(64))), reference, 'signed.at is covered');
    assert.notEqual(reference, hashOf(BASE), 'an unsigned note hashes differently from the signed one');
  });

  it('a signed note still verifies with `soapnote check` after an addendum, and fails after an edit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'soapnote-integrity-'));
    try {
      const note = join(dir, 'visit.soap.yaml');
      writeFileSync(note, readFileSync(EXAMPLE));
      const signed = cli(['sign', 'visit.soap.yaml', '--by', SIGNER, '--at', '2026-09-15T18:00:00Z'], dir);
      assert.equal(signed.code, 0, signed.stderr);
      const addended = cli(['addend', 'visit.soap.yaml', '--by', SIGNER, '--at', '2026-09-16T09:00:00Z', '--text', 'Client phoned: mild soreness, settled.'], dir);
      assert.equal(addended.code, 0, addended.stderr);
      const checked = cli(['check', '--format', 'json'], dir);
      assert.equal(checked.code, 0, checked.stdout + checked.stderr);
      assert.doesNotMatch(checked.stdout, /signature\.mismatch/);
      writeFileSync(note, readFileSync(note, 'utf8').replace('pain: 6', 'pain: 4'));
      assert.match(cli(['check', '--format', 'json'], dir).stdout, /signature\.mismatch/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`sign` killed at random moments leaves the original or a fully signed note, never a partial one', async function () {
    this.timeout(240_000);
    const original = readFileSync(EXAMPLE, 'utf8');
    assert.ok(original.includes('pain: 6') && !original.includes('signed:'), 'the example is the unsigned one this test expects');
    const dir = mkdtempSync(join(tmpdir(), 'soapnote-killsign-'));
    const random = prng(20261015);
    const outcomes = { original: 0, signed: 0, tempLeft: 0 };
    try {
      // Time one uninterrupted run, so kill delays spread over node's start-up AND the write.
      writeFileSync(join(dir, 'visit.soap.yaml'), original);
      const started = Date.now();
      assert.equal(cli(['sign', 'visit.soap.yaml', '--by', SIGNER], dir).code, 0);
      const fullRun = Date.now() - started;
      for (let i = 0; i < 30; i++) {
        writeFileSync(join(dir, 'visit.soap.yaml'), original);
        const delay = Math.floor(random() * (i < 10 ? 150 : fullRun + 50));
        await new Promise<void>((done) => {
          const child = spawn(process.execPath, [BIN, 'sign', 'visit.soap.yaml', '--by', SIGNER], { cwd: dir, stdio: 'ignore' });
          const timer = setTimeout(() => child.kill('SIGKILL'), delay);
          child.on('exit', () => {
            clearTimeout(timer);
            done();
          });
        });
        const text = readFileSync(join(dir, 'visit.soap.yaml'), 'utf8');
        if (text === original) {
          outcomes.original++;
        } else {
          assert.ok(text.startsWith(original), `run ${i}: the original bytes were changed`);
          const findings = engine.check(text);
          assert.ok(engine.analyze(text).note.signed?.sha256, `run ${i}: partial signed block:\n${text.slice(original.length)}`);
          assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.ruleId === RuleId.signatureMismatch), [], `run ${i}`);
          outcomes.signed++;
        }
        // A killed run may leave its lock (the next run sees its pid is gone and takes it over) and a temp file.
        const others = readdirSync(dir).filter((name) => name !== 'visit.soap.yaml' && name !== '.visit.soap.yaml.lock');
        for (const name of others) {
          assert.match(name, /^\.visit\.soap\.yaml\.\d+\.\d+\.tmp$/, `run ${i}: unexpected file ${name}`);
        }
        if (others.length > 0) {
          outcomes.tempLeft++;
          // A stray temp file is not a note: `check` ignores it.
          const checked = cli(['check'], dir);
          assert.equal(checked.code, 0, checked.stdout + checked.stderr);
          assert.doesNotMatch(checked.stdout + checked.stderr, /\.tmp/);
          for (const name of others) {
            rmSync(join(dir, name));
          }
        }
      }
      console.log(`      sign killed 30 times (full run ${fullRun} ms): ${outcomes.original} original, ${outcomes.signed} signed, ${outcomes.tempLeft} with a temp file left`);
      assert.equal(outcomes.original + outcomes.signed, 30);
      // Whatever lock a killed run left behind is stale (its pid is gone): the next sign goes ahead and tidies it.
      writeFileSync(join(dir, 'visit.soap.yaml'), original);
      const after = cli(['sign', 'visit.soap.yaml', '--by', SIGNER], dir);
      assert.equal(after.code, 0, after.stderr);
      assert.ok(!existsSync(join(dir, '.visit.soap.yaml.lock')), 'the lock is released');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writeFileAtomic removes its own stale temp files (from a killed writer) and keeps fresh and foreign ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'soapnote-atomic-'));
    try {
      const note = join(dir, 'visit.soap.yaml');
      writeFileSync(note, 'old');
      // A temp file is aged by the time in its name (its writer's clock), whatever its file time says.
      const twoMinutesAgo = Date.now() - 120_000;
      const stale = join(dir, `.visit.soap.yaml.4242.${twoMinutesAgo}.tmp`);
      const fresh = join(dir, `.visit.soap.yaml.4243.${Date.now()}.tmp`);
      const other = join(dir, `.other.soap.yaml.4242.${twoMinutesAgo}.tmp`);
      const notOurs = join(dir, '.visit.soap.yaml.backup.tmp');
      for (const path of [stale, fresh, other, notOurs]) {
        writeFileSync(path, 'partial');
      }
      const yearAgo = new Date(Date.now() - 365 * 86_400_000);
      utimesSync(fresh, yearAgo, yearAgo);
      writeFileAtomic(note, 'new');
      assert.equal(readFileSync(note, 'utf8'), 'new');
      assert.deepEqual([stale, fresh, other, notOurs].map(existsSync), [false, true, true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
