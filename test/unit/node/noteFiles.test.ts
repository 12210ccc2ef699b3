import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNotes } from '../../../server/src/node/noteFiles';

// The folder search on its own: which folders it skips, which names it takes, and that a folder too big
// for a spread of its paths is still searched whole (a clinic network's repository holds hundreds of thousands).

/** A temporary folder holding empty files at the given relative paths. */
function folder(paths: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'soapnote-find-'));
  for (const path of paths) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), '');
  }
  return dir;
}

const found = (dir: string, args = ['.']): string[] => findNotes(args, dir).notes.map((n) => n.path.slice(dir.length + 1));

describe('findNotes: what a folder search takes and skips', () => {
  const cases: { name: string; path: string; taken: boolean }[] = [
    { name: 'a note at the top', path: 'a.soap.yaml', taken: true },
    { name: 'the .yml spelling, in capitals', path: 'B.SOAP.YML', taken: true },
    { name: 'a note deep down', path: 'x/y/z/c.soap.yaml', taken: true },
    { name: 'a dot folder that is not skipped', path: '.notes/d.soap.yaml', taken: true },
    { name: 'a folder named like a skipped one in other case (Dist is not dist)', path: 'Dist/e.soap.yaml', taken: true },
    { name: 'a folder whose name only starts like a skipped one', path: 'outpatient/f.soap.yaml', taken: true },
    { name: 'node_modules', path: 'node_modules/p/g.soap.yaml', taken: false },
    { name: 'node_modules deeper down', path: 'clinic/node_modules/h.soap.yaml', taken: false },
    { name: '.git', path: '.git/i.soap.yaml', taken: false },
    { name: '.hg and .svn', path: 'a/.hg/j.soap.yaml', taken: false },
    { name: 'out', path: 'out/k.soap.yaml', taken: false },
    { name: 'dist, deeper down', path: 'site/dist/l.soap.yaml', taken: false },
    { name: '.soapnote (templates are checked on their own)', path: '.soapnote/templates/m.soap.yaml', taken: false },
    { name: 'not a note: plain yaml', path: 'n.yaml', taken: false },
    { name: 'not a note: a review file', path: 'o.review.yaml', taken: false },
  ];
  const dir = folder(cases.map((c) => c.path));
  const all = found(dir);
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const c of cases) {
    it(`${c.name}: ${c.taken ? 'taken' : 'skipped'}`, () => {
      assert.equal(all.includes(c.path), c.taken, all.join('\n'));
    });
  }
});

describe('findNotes: a note named by several arguments is listed once', () => {
  const dir = folder(['a.soap.yaml', 'x/b.soap.yaml']);
  after(() => rmSync(dir, { recursive: true, force: true }));
  it('a folder, a file in it, a subfolder and a glob over the same notes', () => {
    assert.deepEqual(found(dir, ['.', 'a.soap.yaml', 'x', 'x/*.soap.yaml', './a.soap.yaml']), ['a.soap.yaml', 'x/b.soap.yaml']);
  });
});

describe('findNotes: a folder of 160,000 notes', function () {
  this.timeout(120_000);
  const count = 160_000;
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'soapnote-find-many-'));
    mkdirSync(join(dir, 'notes'));
    for (let i = 0; i < count; i++) {
      writeFileSync(join(dir, 'notes', `n${i}.soap.yaml`), '');
    }
    // Reached a second way: listed once, under its shorter path.
    symlinkSync(join(dir, 'notes'), join(dir, 'notes', 'again'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is searched whole, each note once and in order (a spread of that many paths overflowed the call stack)', () => {
    const notes = found(dir, ['notes']);
    assert.equal(notes.length, count);
    assert.equal(new Set(notes).size, count);
    assert.ok(notes.every((p) => p.startsWith('notes/n')), notes.find((p) => !p.startsWith('notes/n')));
    assert.deepEqual(notes, [...notes].sort());
  });

  it('and by a glob', () => {
    assert.equal(found(dir, ['notes/*.soap.yaml']).length, count);
  });
});
