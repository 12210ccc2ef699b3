import * as assert from 'node:assert/strict';
import { readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckCache } from '../../server/src/cli/checkCache';
import { NoteText, NoteTexts, textHash, type NoteFacts } from '../../server/src/cli/noteTexts';
import type { Finding } from '../../server/src/core/types';
import { fileSignature, fileSystemNow, RACY_WINDOW_MS, sameSignature, statSignature } from '../../server/src/node/fileSignature';
import { tempDir } from './run';

const NOTE = 'soapnote: 1\nclient: C-0001\ndate: 2026-01-05\n';
/** The file's change time: the file system's clock when the test wrote it (the process clock may be moved: CI runs the suite under faketime). */
const changed = (path: string): number => statSync(path).ctimeMs;
/** A hash no text has: facts carrying it prove that the note was not read. */
const FORGED = 'f'.repeat(64);

describe('NoteTexts: a note unchanged since the last run is not read', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir, 'a.soap.yaml');
    writeFileSync(file, NOTE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A minute after the note was written: it has settled. */
  const later = (): number => changed(file) + 60_000;
  const factsNow = (over: Partial<NoteFacts> = {}): NoteFacts => ({ signature: statSignature(file, later())?.signature ?? [0, 0, 0, 0, 0], hash: FORGED, client: 'C-0001', ...over });

  /** Each case: the facts known, the clock, and whether the note is answered from the facts (unread) and keeps facts for the next run. */
  const CASES: { name: string; facts: () => NoteFacts | undefined; now: () => number | undefined; unread: boolean; keeps: boolean }[] = [
    { name: 'settled, facts whose signature matches: not read', facts: () => factsNow(), now: () => later(), unread: true, keeps: true },
    { name: 'settled, facts of another signature: read', facts: () => factsNow({ signature: [1, 2, 3, 4, 5] }), now: () => later(), unread: false, keeps: true },
    { name: 'settled, no facts: read', facts: () => undefined, now: () => later(), unread: false, keeps: true },
    { name: 'changed within the racy window, facts matching: read, and no facts kept', facts: () => factsNow(), now: () => changed(file) + 1000, unread: false, keeps: false },
    { name: 'changed "in the future" (clock set back), facts matching: read, no facts kept', facts: () => factsNow(), now: () => changed(file) - 60_000, unread: false, keeps: false },
    { name: 'no clock could be read: read, no facts kept', facts: () => factsNow(), now: () => undefined, unread: false, keeps: false },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const facts = c.facts();
      const notes = new NoteTexts(undefined, new Map(facts ? [[file, facts]] : []), c.now());
      const note = notes.open(file);
      assert.ok(note instanceof NoteText);
      assert.equal(note.textRead, !c.unread);
      assert.equal(note.textHash, c.unread ? FORGED : textHash(NOTE));
      assert.equal(note.scannedClientId, 'C-0001');
      assert.equal(notes.factsOf(file) !== undefined, c.keeps);
      if (c.keeps && !c.unread) {
        assert.deepEqual(notes.factsOf(file), { signature: statSignature(file, later())?.signature, hash: textHash(NOTE), client: 'C-0001' });
      }
      // Asked for, the text is read (the real one, whatever the facts said).
      assert.equal(note.text, NOTE);
      assert.equal(note.readFailed, false);
    });
  }

  it('a note answered from its facts that is gone when its text is needed: empty text, readFailed, and read() says why', () => {
    const notes = new NoteTexts(undefined, new Map([[file, factsNow()]]), later());
    const note = notes.open(file);
    assert.ok(note instanceof NoteText && !note.textRead);
    rmSync(file);
    assert.equal(note.text, '');
    assert.equal(note.readFailed, true);
    assert.ok('unreadable' in notes.read(file));
  });

  it('a note that is not text is the finding or reason that stands for it, never a NoteText', () => {
    writeFileSync(file, Buffer.from('soapnote: 1\nclient: caf\xe9\n', 'latin1'));
    const notes = new NoteTexts(undefined, new Map(), later());
    assert.ok('finding' in notes.open(file));
    assert.ok('unreadable' in notes.open(join(dir, 'missing.soap.yaml')));
    assert.ok('finding' in new NoteTexts(10, new Map(), later()).open(join(dir, 'a.soap.yaml')));
  });

  it('the signature changes when content is rewritten with its mtime put back (ctime), or the file is replaced (inode)', () => {
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const first = fileSignature(statSync(file));
    writeFileSync(file, NOTE.replace('C-0001', 'C-0002'));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const rewritten = fileSignature(statSync(file));
    assert.ok(!sameSignature(rewritten, first));
    assert.equal(rewritten[3], first[3], 'the mtime was put back');
    assert.notEqual(rewritten[4], first[4], 'the ctime moved on');
    writeFileSync(`${file}.new`, NOTE);
    renameSync(`${file}.new`, file);
    const replaced = fileSignature(statSync(file));
    assert.ok(!sameSignature(replaced, rewritten));
    assert.notEqual(replaced[1], rewritten[1], 'another inode');
    assert.ok(sameSignature(replaced, fileSignature(statSync(file))));
    assert.ok(RACY_WINDOW_MS >= 2000, 'the window must cover FAT’s 2-second mtime');
  });

  it('the file system clock is read from a new file in the folder (created, then removed), or the reason it could not be', () => {
    const clock = fileSystemNow(dir);
    assert.ok('nowMs' in clock, JSON.stringify(clock));
    assert.ok(clock.nowMs >= changed(file) - 1, 'the clock reads the time files get');
    assert.deepEqual(readdirSync(dir), ['a.soap.yaml'], 'the probe file is gone');
    const none = fileSystemNow(join(file, 'inside-a-file'));
    assert.ok('reason' in none && /ENOTDIR|not a directory/i.test(none.reason), JSON.stringify(none));
  });

  it('the cache keeps nothing of a unit one of whose notes could not be read after all (its neighbours were checked without it)', () => {
    const location = join(dir, 'cache.json');
    const cache = new CheckCache(location, '1', 'settings', () => undefined);
    const job = { file, uri: 'file:///a', text: NOTE };
    const [unit, other] = ['a'.repeat(64), 'b'.repeat(64)];
    cache.store(unit, [job, { file: join(dir, 'b.soap.yaml'), uri: 'file:///b', text: '', readFailed: true }], new Map([[file, []]]));
    cache.store(other, [{ ...job, file: join(dir, 'c.soap.yaml') }], new Map([[join(dir, 'c.soap.yaml'), []]]));
    assert.equal(cache.save(), undefined);
    const again = new CheckCache(location, '1', 'settings', () => undefined);
    const found = new Map<string, Finding[]>();
    assert.equal(again.lookup(unit, [job], found), false);
    assert.equal(found.size, 0, 'a miss puts nothing');
    assert.ok(again.lookup(other, [{ ...job, file: join(dir, 'c.soap.yaml') }], found), 'the other unit was kept');
    assert.deepEqual([...found], [[join(dir, 'c.soap.yaml'), []]]);
  });
});

describe('CheckCache.unitHash: one hash per set of notes checked together', () => {
  const cache = new CheckCache(join(tempDir(), 'none.json'), '1', 'settings', () => undefined);
  const job = (file: string, hash: string): { file: string; uri: string; text: string; textHash: string } => ({ file, uri: `file://${file}`, text: '', textHash: hash });
  const jobs = [job('/w/a.soap.yaml', 'a'.repeat(64)), job('/w/ab.soap.yaml', 'b'.repeat(64)), job('/w/b.soap.yaml', 'c'.repeat(64))];
  const record = [...jobs, job('/w/z.soap.yaml', 'd'.repeat(64))];
  const base = cache.unitHash('share\0c1', jobs, record);

  it('is the same whatever order the notes come in', () => {
    assert.equal(cache.unitHash('share\0c1', [...jobs].reverse(), [...record].reverse()), base);
    assert.equal(cache.unitHash('share\0c1', [jobs[1], jobs[2], jobs[0]] as typeof jobs, [record[3], ...jobs] as typeof record), base);
  });

  const changes: [string, () => string][] = [
    ['another kind (client-id key)', () => cache.unitHash('share\0c2', jobs, record)],
    ['a note edited', () => cache.unitHash('share\0c1', [job('/w/a.soap.yaml', 'e'.repeat(64)), ...jobs.slice(1)], record)],
    ['a record note edited', () => cache.unitHash('share\0c1', jobs, [...jobs, job('/w/z.soap.yaml', 'e'.repeat(64))])],
    ['a note moved', () => cache.unitHash('share\0c1', [job('/w/x.soap.yaml', 'a'.repeat(64)), ...jobs.slice(1)], record)],
    ['a record note fewer', () => cache.unitHash('share\0c1', jobs, jobs)],
    ['a note checked that was only in the record', () => cache.unitHash('share\0c1', record, record)],
  ];
  for (const [name, hash] of changes) {
    it(`differs for ${name}`, () => {
      assert.notEqual(hash(), base);
    });
  }
});
