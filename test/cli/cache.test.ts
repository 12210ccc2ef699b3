import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRELOAD_THRESHOLD, runCheck } from '../../server/src/cli/check';
import { generateClientNotes } from '../../scripts/generateNotes';
import { soapnote, tempDir } from './run';
import { mixedCorpus, writeCorpus } from './scaleCorpus';

/** One in-process `soapnote check` run (so a test can change the tool version): exit code, stdout, stderr, and how many notes the cache answered. */
async function check(dir: string, args: string[], version = '9.9.9', fileClock?: () => number): Promise<{ code: number; stdout: string; stderr: string; reused: number; unread: number }> {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(args, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, ...(fileClock ? { fileClock } : {}) }, version);
  const reused = Number(/--cache: (\d+) of/.exec(stderr)?.[1] ?? -1);
  const unread = Number(/; (\d+) not read at all/.exec(stderr)?.[1] ?? 0);
  return { code, stdout, stderr, reused, unread };
}

/** The file system's clock: the time a file written now gets (not the process clock, which CI moves a year either way with faketime). */
function fileSystemClock(): number {
  const probe = join(tmpdir(), `soapnote-cache-test-clock-${process.pid}`);
  writeFileSync(probe, '');
  const now = statSync(probe).mtimeMs;
  rmSync(probe);
  return now;
}

/** That clock a minute ahead: every file the test just wrote has settled (is past the racy window). */
const later = (): number => fileSystemClock() + 60_000;

const PACK = `soapnote_pack: 1
id: clinic
name: Clinic terms
techniques:
  - {id: hot-stone, name: hot stone massage, pressure: 3, description: Heated basalt stones glided over oiled skin.}
`;

/** A clinic: config with a pack, 4 clients x 3 visits (client 0 carries varicose veins), a note that is not UTF-8. */
function clinic(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.soapnote'));
  writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'packs: [.soapnote/clinic.yaml]\n');
  writeFileSync(join(dir, '.soapnote', 'clinic.yaml'), PACK);
  for (const note of generateClientNotes(4, 3)) {
    mkdirSync(join(dir, note.name, '..'), { recursive: true });
    writeFileSync(join(dir, note.name), note.text);
  }
  writeFileSync(join(dir, 'notes', 'latin1.soap.yaml'), Buffer.from('soapnote: 1\nclient: C-0009\nsubjective: {complaint: caf\xe9}\n', 'latin1'));
  return dir;
}

const NOTES = 12; // the clinic's UTF-8 notes

describe('soapnote check --cache', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = clinic();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`--format ${format}: a run answered from the cache prints byte for byte what an uncached run prints`, async () => {
      const plain = await check(dir, ['--format', format]);
      const first = await check(dir, ['--cache', '--format', format]);
      const second = await check(dir, ['--cache', '--format', format]);
      assert.equal(first.reused, 0);
      assert.equal(second.reused, NOTES);
      for (const run of [first, second]) {
        assert.ok(run.stdout === plain.stdout, `--cache changed the output of --format ${format}`);
        assert.equal(run.code, plain.code);
      }
    });
  }

  it('lives in .soapnote/.cache/check.json by default, or at --cache-location (relative to the working directory)', async () => {
    await check(dir, ['--cache']);
    assert.ok(existsSync(join(dir, '.soapnote', '.cache', 'check.json')));
    await check(dir, ['--cache', '--cache-location', 'elsewhere/c.json']);
    assert.ok(existsSync(join(dir, 'elsewhere', 'c.json')));
    assert.equal((await check(dir, ['--cache', '--cache-location', 'elsewhere/c.json'])).reused, NOTES);
    // No temporary file is left beside it (written through the atomic writer).
    assert.deepEqual(readdirSync(join(dir, 'elsewhere')), ['c.json']);
  });

  it('without a .soapnote folder it does not create one (that would move the client record root): .soapnote-cache/check.json', async () => {
    rmSync(join(dir, '.soapnote'), { recursive: true });
    await check(dir, ['--cache']);
    assert.ok(!existsSync(join(dir, '.soapnote')));
    assert.ok(existsSync(join(dir, '.soapnote-cache', 'check.json')));
  });

  /** Each way the cache must miss: what is changed, and how many of the notes may still be reused. */
  const INVALIDATIONS: { name: string; change: (dir: string) => void; version?: string; reused: number; message?: RegExp }[] = [
    { name: 'the tool version', change: () => undefined, version: '9.9.10', reused: 0, message: /written by soapnote 9\.9\.9, this is 9\.9\.10/ },
    { name: 'a pack edited', change: (d) => writeFileSync(join(d, '.soapnote', 'clinic.yaml'), PACK.replace('pressure: 3', 'pressure: 4')), reused: 0, message: /the knowledge base, the config, the packs or the date changed/ },
    { name: 'the config edited', change: (d) => writeFileSync(join(d, '.soapnote', 'config.yaml'), 'packs: [.soapnote/clinic.yaml]\nrules: {vocabulary.unknown-term: error}\n'), reused: 0, message: /changed since it was written/ },
    {
      name: "a client's earlier note edited (its later notes carry from it)",
      change: (d) => {
        const file = join(d, 'notes', 'C-0000', '2026-01-05.soap.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace('varicose veins', 'deep vein thrombosis'));
      },
      reused: NOTES - 3,
    },
    {
      name: 'the note itself edited',
      change: (d) => {
        const file = join(d, 'notes', 'C-0002', '2026-01-21.soap.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace('Tolerated well', 'Tolerated well, sleepy after'));
      },
      reused: NOTES - 3,
    },
    {
      name: 'a new note of a client',
      change: (d) => writeFileSync(join(d, 'notes', 'C-0001', '2026-03-01.soap.yaml'), readFileSync(join(d, 'notes', 'C-0001', '2026-01-06.soap.yaml'), 'utf8').replace('date: 2026-01-06', 'date: 2026-03-01')),
      reused: NOTES - 3,
    },
  ];
  for (const c of INVALIDATIONS) {
    it(`misses on ${c.name}, and then prints what an uncached run prints`, async () => {
      await check(dir, ['--cache', '--format', 'json']);
      c.change(dir);
      const plain = await check(dir, ['--format', 'json'], c.version);
      const run = await check(dir, ['--cache', '--format', 'json'], c.version);
      assert.equal(run.reused, c.reused, run.stderr);
      if (c.message) {
        assert.match(run.stderr, c.message);
      }
      assert.ok(run.stdout === plain.stdout);
      assert.equal(run.code, plain.code);
    });
  }

  /** Cache files that must be ignored with a message, never trusted. */
  const BAD: { name: string; text: (good: string) => string; message: RegExp }[] = [
    { name: 'cut short', text: (good) => good.slice(0, Math.floor(good.length / 2)), message: /not valid JSON \(corrupt or cut short\)/ },
    { name: 'garbage', text: () => '\u0000\u0001binary', message: /not valid JSON/ },
    { name: 'foreign (another tool’s JSON)', text: () => JSON.stringify({ version: 3, files: {} }), message: /not a soapnote check cache/ },
    { name: 'another cache format', text: (good) => good.replace('"format":3', '"format":4'), message: /cache format 4/ },
    { name: 'a finding in its table that is not one', text: (good) => good.replace('"bodies":[', '"bodies":[{"ruleId":1,"range":0},'), message: /table of findings is corrupt/ },
    { name: 'a finding whose message is past the table of texts', text: (good) => good.replace('"bodies":[', '"bodies":[{"ruleId":"x","severity":"error","message":999999,"range":0},'), message: /table of findings is corrupt/ },
    { name: 'a finding whose related place names a uri past the table of texts', text: (good) => good.replace('"bodies":[', '"bodies":[{"ruleId":"x","severity":"error","message":0,"range":0,"related":[{"message":0,"range":[0,0,0,1],"uri":999999}]},'), message: /table of findings is corrupt/ },
    { name: 'a finding whose related place has a range that is not one', text: (good) => good.replace('"bodies":[', '"bodies":[{"ruleId":"x","severity":"error","message":0,"range":0,"related":[{"message":0,"range":{"start":0}}]},'), message: /table of findings is corrupt/ },
    { name: 'a table of texts that holds a number', text: (good) => good.replace('"texts":[', '"texts":[1,'), message: /entries are missing or corrupt/ },
    { name: 'an entry pointing past the table of findings', text: (good) => good.replace(/"refs":\[\d+,/, '"refs":[999999,'), message: /entry for .* is corrupt/ },
    { name: 'an entry whose unit is missing', text: (good) => good.replace(/"units":\[\d+/, '"units":[999999'), message: /entries are missing or corrupt/ },
    { name: 'an entry with a hash that is not one', text: (good) => good.replace('"hashes":"', '"hashes":"zz').replace(/("hashes":"zz[0-9a-f]{62})[0-9a-f]{2}/, '$1'), message: /entries are missing or corrupt/ },
    { name: 'a signature that is not one', text: (good) => good.replace(/"signatures":\[(null|\[[^\]]*\])/, '"signatures":[["dev"]'), message: /entries are missing or corrupt/ },
    { name: 'columns of different lengths', text: (good) => good.replace('"signatures":[', '"signatures":[null,'), message: /entries are missing or corrupt/ },
  ];
  for (const bad of BAD) {
    it(`a cache file that is ${bad.name} is ignored with a message, every note is checked, and it is replaced`, async () => {
      const location = join(dir, '.soapnote', '.cache', 'check.json');
      const plain = await check(dir, ['--format', 'json']);
      await check(dir, ['--cache', '--format', 'json']);
      writeFileSync(location, bad.text(readFileSync(location, 'utf8')));
      const run = await check(dir, ['--cache', '--format', 'json']);
      assert.match(run.stderr, bad.message);
      assert.match(run.stderr, /ignoring the check cache .*; every note is checked again/);
      assert.equal(run.reused, 0);
      assert.ok(run.stdout === plain.stdout);
      assert.equal((await check(dir, ['--cache', '--format', 'json'])).reused, NOTES);
    });
  }

  it('a cached entry for a note is used only for that exact text: a forged clean entry for an edited note is not trusted', async () => {
    await check(dir, ['--cache', '--format', 'json']);
    const file = join(dir, 'notes', 'C-0003', '2026-01-08.soap.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('treatment:\n', 'treatment:\n  - {technique: efleurage, target: rhomboids, side: left, pressure: light, minutes: 2}\n'));
    const run = await check(dir, ['--cache', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.ok(report.files.find((f) => f.path.endsWith('C-0003/2026-01-08.soap.yaml'))?.findings.some((f) => f.ruleId === 'vocabulary.unknown-term'));
  });

  it('a run that changes nothing does not write the file again; a note deleted since drops its entry', async () => {
    const location = join(dir, '.soapnote', '.cache', 'check.json');
    await check(dir, ['--cache']);
    const written = statSync(location);
    // Back-dated, so a rewrite within the same clock tick would still show.
    utimesSync(location, new Date(written.atimeMs - 60_000), new Date(written.mtimeMs - 60_000));
    const before = statSync(location).mtimeMs;
    assert.equal((await check(dir, ['--cache'])).reused, NOTES);
    assert.equal(statSync(location).mtimeMs, before, 'an all-hit run rewrote the cache');
    const gone = join(dir, 'notes', 'C-0003', '2026-01-08.soap.yaml');
    rmSync(gone);
    await check(dir, ['--cache']);
    assert.notEqual(statSync(location).mtimeMs, before);
    assert.ok(!readFileSync(location, 'utf8').includes('C-0003/2026-01-08'), 'the deleted note kept its entry');
  });

  it('a note that is not UTF-8 is never cached: it is reported every run', async () => {
    await check(dir, ['--cache']);
    const cache = readFileSync(join(dir, '.soapnote', '.cache', 'check.json'), 'utf8');
    assert.ok(!cache.includes('latin1.soap.yaml'));
    const second = await check(dir, ['--cache', '--format', 'json']);
    assert.match(second.stdout, /note\.encoding/);
  });

  it('--cache-location or --cache-strategy without --cache, or an unknown strategy, is refused (exit 2); the flags are in check --help', () => {
    for (const [args, message] of [
      [['check', '--cache-strategy', 'content'], /--cache-strategy needs --cache/],
      [['check', '--cache', '--cache-strategy', 'mtime'], /unknown --cache-strategy 'mtime': use metadata or content/],
    ] as const) {
      const result = soapnote([...args], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
    }
    assert.ok(soapnote(['check', '--help'], dir).stdout.includes('--cache-strategy metadata|content'));
  });

  it('--cache-location without --cache is refused (exit 2); the flags are in check --help', () => {
    const result = soapnote(['check', '--cache-location', 'x.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--cache-location needs --cache/);
    const help = soapnote(['check', '--help'], dir).stdout;
    for (const flag of ['--jobs N', '--cache ', '--cache-location PATH', '--shard I/N']) {
      assert.ok(help.includes(flag), flag);
    }
  });

  describe('--cache-strategy metadata (the default): an unchanged note is not read', () => {
    const edited = join('notes', 'C-0002', '2026-01-21.soap.yaml');

    it('a run after a settled one reads no note and prints byte for byte what an uncached run prints', async () => {
      const plain = await check(dir, ['--format', 'json']);
      assert.equal((await check(dir, ['--cache', '--format', 'json'], '9.9.9', later)).unread, 0);
      const second = await check(dir, ['--cache', '--format', 'json'], '9.9.9', later);
      assert.equal(second.reused, NOTES);
      assert.equal(second.unread, NOTES, second.stderr);
      assert.ok(second.stdout === plain.stdout);
      assert.equal(second.code, plain.code);
    });

    /** Edits that keep the note's size and put its times back: only the change time (and the inode) can tell. */
    const SAME_SIZE_EDITS: { name: string; edit: (file: string, text: string) => void }[] = [
      { name: 'rewritten in place', edit: (file, text) => writeFileSync(file, text) },
      {
        name: 'replaced by another file (an editor saving through a rename)',
        edit: (file, text) => {
          writeFileSync(`${file}.tmp`, text);
          renameSync(`${file}.tmp`, file);
        },
      },
    ];
    for (const c of SAME_SIZE_EDITS) {
      it(`a note ${c.name} to the same size with its mtime put back is read and checked again`, async () => {
        const file = join(dir, edited);
        // A whole second, so that it can be put back exactly (utimes takes seconds as a double).
        const stamp = Math.floor(Date.now() / 1000) - 3600;
        utimesSync(file, stamp, stamp);
        const before = statSync(file);
        const text = readFileSync(file, 'utf8');
        assert.ok(text.includes('effleurage'));
        await check(dir, ['--cache', '--format', 'json'], '9.9.9', later);
        c.edit(file, text.replace('effleurage', 'efflxurage'));
        utimesSync(file, stamp, stamp);
        assert.equal(statSync(file).size, before.size);
        assert.equal(statSync(file).mtimeMs, before.mtimeMs);
        const plain = await check(dir, ['--format', 'json']);
        const run = await check(dir, ['--cache', '--format', 'json'], '9.9.9', later);
        assert.equal(run.reused, NOTES - 3, run.stderr);
        // The client's three notes are checked together again, so their texts are read; the others are not.
        assert.equal(run.unread, NOTES - 3, run.stderr);
        assert.match(run.stdout, /efflxurage/);
        assert.ok(run.stdout === plain.stdout);
      });
    }

    it('a note read within seconds of its last change is read again next run (a second write in the same clock tick would not show)', async () => {
      await check(dir, ['--cache']);
      // Written just now: nothing was settled, so nothing may go unread, whatever the clock says now.
      const next = await check(dir, ['--cache'], '9.9.9', later);
      assert.equal(next.reused, NOTES);
      assert.equal(next.unread, 0, next.stderr);
      assert.equal((await check(dir, ['--cache'], '9.9.9', later)).unread, NOTES);
    });

    it('a note whose change time is in the future (a clock set back) is always read', async () => {
      await check(dir, ['--cache'], '9.9.9', () => fileSystemClock() - 60_000);
      assert.equal((await check(dir, ['--cache'], '9.9.9', () => fileSystemClock() - 60_000)).unread, 0);
    });

    it('without the client record (carryForward: false) each note is a unit of its own: reused and unread alike', async () => {
      writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'packs: [.soapnote/clinic.yaml]\ncarryForward: false\n');
      const plain = await check(dir, ['--format', 'json']);
      await check(dir, ['--cache', '--format', 'json'], '9.9.9', later);
      const run = await check(dir, ['--cache', '--format', 'json'], '9.9.9', later);
      assert.equal(run.reused, NOTES, run.stderr);
      assert.equal(run.unread, NOTES, run.stderr);
      assert.ok(run.stdout === plain.stdout);
    });

    it('a cache folder where no file can be made: the clock cannot be read, so every note is read and checked (said on stderr), same output', async () => {
      writeFileSync(join(dir, 'blocker'), '');
      const plain = await check(dir, ['--format', 'json']);
      const run = await check(dir, ['--cache', '--format', 'json', '--cache-location', 'blocker/cache.json']);
      assert.match(run.stderr, /could not read the file system's clock in .*blocker .*every note is read and hashed/);
      assert.match(run.stderr, /could not write the check cache/);
      assert.equal(run.unread, 0);
      assert.ok(run.stdout === plain.stdout);
    });

    it('--cache-strategy content reads and hashes every note, and still reuses their findings', async () => {
      await check(dir, ['--cache'], '9.9.9', later);
      const run = await check(dir, ['--cache', '--cache-strategy', 'content'], '9.9.9', later);
      assert.equal(run.reused, NOTES);
      assert.equal(run.unread, 0, run.stderr);
    });

    it('with --shard and the client record, unread notes still land in their clients\' shards and carry their history', async () => {
      const whole = await check(dir, ['--format', 'json']);
      await check(dir, ['--cache', '--shard', '1/2'], '9.9.9', later);
      await check(dir, ['--cache', '--shard', '2/2'], '9.9.9', later);
      const files = (run: { stdout: string }): Record<string, unknown> => Object.fromEntries((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => [f.path, f]));
      const shards = [await check(dir, ['--cache', '--format', 'json', '--shard', '1/2'], '9.9.9', later), await check(dir, ['--cache', '--format', 'json', '--shard', '2/2'], '9.9.9', later)];
      assert.ok(shards.every((s) => s.unread > 0));
      assert.deepEqual({ ...files(shards[0] as { stdout: string }), ...files(shards[1] as { stdout: string }) }, files(whole));
    });
  });
});

describe('soapnote check --cache over 5,000 notes on two cores: their signatures are taken on another thread', function () {
  this.timeout(600_000);
  let dir: string;
  const corpus = mixedCorpus(5200);
  before(() => {
    dir = tempDir();
    writeCorpus(dir, corpus);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the run answered from the cache reads no unchanged note and prints what an uncached run prints; an edited note is read and checked again', async () => {
    const plain = await check(dir, ['--format', 'json', '--jobs', '1']);
    await check(dir, ['--cache', '--format', 'json', '--jobs', '2'], '9.9.9', later);
    const second = await check(dir, ['--cache', '--format', 'json', '--jobs', '2'], '9.9.9', later);
    assert.ok(second.stdout === plain.stdout, 'the cached run printed something else');
    // Enough notes for the thread to be used (the record's cross-root and unscannable notes are checked again each run).
    assert.ok((JSON.parse(plain.stdout) as { summary: { files: number } }).summary.files >= PRELOAD_THRESHOLD);
    assert.ok(second.reused > 4000 && second.unread === second.reused, second.stderr);
    const note = join(dir, corpus.find((n) => n.name.startsWith('clinic-a/') && String(n.text).includes('treatment:\n'))?.name ?? '');
    writeFileSync(note, readFileSync(note, 'utf8').replace('treatment:\n', 'treatment:\n  - {technique: efleurage, target: rhomboids, side: left, pressure: light, minutes: 2}\n'));
    const edited = await check(dir, ['--format', 'json', '--jobs', '1']);
    const third = await check(dir, ['--cache', '--format', 'json', '--jobs', '2'], '9.9.9', later);
    assert.ok(third.stdout === edited.stdout, 'the edit was not seen');
    assert.notEqual(edited.stdout, plain.stdout);
    // The third run wrote the unchanged notes back from the file it read (their refs copied, not packed again): read back, all the same.
    const fourth = await check(dir, ['--cache', '--format', 'json', '--jobs', '2'], '9.9.9', later);
    assert.ok(fourth.stdout === edited.stdout, 'the cache written back prints something else');
    assert.ok(fourth.reused >= second.reused, fourth.stderr);
  });
});
