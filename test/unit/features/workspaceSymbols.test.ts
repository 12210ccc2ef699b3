import * as assert from 'node:assert/strict';
import { workspaceSymbols, type IndexedNote } from '../../../server/src/core/features/workspaceSymbols';

const note = (file: string, client: string | undefined, date: string | undefined, visit?: number, therapist?: string): IndexedNote => ({
  uri: `file:///clinic/notes/${file}`,
  ...(client !== undefined ? { client } : {}),
  ...(date !== undefined ? { date } : {}),
  ...(visit !== undefined ? { visit } : {}),
  ...(therapist !== undefined ? { therapist } : {}),
});

// In no order: the index is a map.
const NOTES: IndexedNote[] = [
  note('C-0142-2026-11-20.soap.yaml', 'C-0142', '2026-11-20', 3, 'J. Lee, RMT'),
  note('C-0007-2026-10-01.soap.yaml', 'C-0007', '2026-10-01', 1, 'A. Moreau, RMT'),
  note('C-0142-2026-09-08.soap.yaml', 'C-0142', '2026-09-08', 1, 'J. Lee, RMT'),
  note('C-01420-2026-11-02.soap.yaml', 'C-01420', '2026-11-02', 1, 'A. Moreau, RMT'),
  note('C-0142-2026-09-15.soap.yaml', 'C-0142', '2026-09-15', 2, 'A. Moreau, RMT'),
  note('untitled-draft.soap.yaml', undefined, undefined),
];

const files = (query: string, limit?: number): string[] => workspaceSymbols(NOTES, query, limit).map((s) => s.containerName ?? '');

const cases: { name: string; query: string; limit?: number; expect: string[] }[] = [
  { name: 'a client id: that client only, oldest first', query: 'C-0142', expect: ['C-0142-2026-09-08.soap.yaml', 'C-0142-2026-09-15.soap.yaml', 'C-0142-2026-11-20.soap.yaml'] },
  { name: 'the id typed loosely (case, punctuation, zeros)', query: 'c142', expect: ['C-0142-2026-09-08.soap.yaml', 'C-0142-2026-09-15.soap.yaml', 'C-0142-2026-11-20.soap.yaml'] },
  { name: 'part of an id: every client it is part of', query: 'C-014', expect: ['C-0142-2026-09-08.soap.yaml', 'C-0142-2026-09-15.soap.yaml', 'C-0142-2026-11-20.soap.yaml', 'C-01420-2026-11-02.soap.yaml'] },
  { name: 'a month', query: '2026-11', expect: ['C-0142-2026-11-20.soap.yaml', 'C-01420-2026-11-02.soap.yaml'] },
  { name: 'a therapist', query: 'moreau', expect: ['C-0007-2026-10-01.soap.yaml', 'C-0142-2026-09-15.soap.yaml', 'C-01420-2026-11-02.soap.yaml'] },
  { name: 'every word must match: client and therapist', query: 'C-0142 Lee', expect: ['C-0142-2026-09-08.soap.yaml', 'C-0142-2026-11-20.soap.yaml'] },
  { name: 'client and month', query: 'C-0142 2026-09', expect: ['C-0142-2026-09-08.soap.yaml', 'C-0142-2026-09-15.soap.yaml'] },
  { name: 'nothing matches', query: 'C-9999', expect: [] },
  { name: 'an empty query lists every note, a note without client last', query: '  ', expect: ['C-0007-2026-10-01.soap.yaml', 'C-0142-2026-09-08.soap.yaml', 'C-0142-2026-09-15.soap.yaml', 'C-0142-2026-11-20.soap.yaml', 'C-01420-2026-11-02.soap.yaml', 'untitled-draft.soap.yaml'] },
  { name: 'bounded', query: '', limit: 2, expect: ['C-0007-2026-10-01.soap.yaml', 'C-0142-2026-09-08.soap.yaml'] },
];

describe('features/workspaceSymbols', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(files(c.query, c.limit), c.expect));
  }

  it('a symbol names client, date, visit and therapist, and points at the first line of the note file', () => {
    const [first] = workspaceSymbols(NOTES, 'C-0142');
    assert.deepEqual(first, {
      name: 'C-0142 · 2026-09-08 · visit 1 · J. Lee, RMT',
      kind: 1,
      location: { uri: 'file:///clinic/notes/C-0142-2026-09-08.soap.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      containerName: 'C-0142-2026-09-08.soap.yaml',
    });
    assert.equal(workspaceSymbols(NOTES, 'untitled')[0], undefined, 'the file name is not searched');
    assert.equal(workspaceSymbols(NOTES, '').at(-1)?.name, '(no client) · (no date)');
  });

  it('at most 500 by default', () => {
    const many = Array.from({ length: 600 }, (_, i) => note(`n${i}.soap.yaml`, `C-${i}`, '2026-11-20'));
    assert.equal(workspaceSymbols(many, '').length, 500);
  });
});
