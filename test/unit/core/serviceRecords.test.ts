import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinPacksAt } from '../../../server/src/core/builtinKnowledge';
import { createEngine } from '../../../server/src/core/engine';
import type { HostFile, LanguageServiceHost } from '../../../server/src/core/languageServiceHost';
import { ServiceRecords } from '../../../server/src/core/serviceRecords';
import { sha256Hex } from '../../../server/src/core/sha256';
import { repoRoot } from '../repoRoot';

const ROOT = 'vscode-vfs://github/clinic/notes';
const DVT = readFileSync(join(repoRoot(), 'examples', 'conflicts', 'dvt-calf-effleurage.soap.yaml'), 'utf8');
/** The DVT client's earlier visit, on "disk". */
const EARLIER = DVT.replace('date: 2026-10-14', 'date: 2026-10-01');
/** The later visit being checked: its own health section no longer lists the DVT. */
const LATER = DVT.replace(/health:\n {2}conditions:\n[\s\S]*?\n {2}medications/, 'health:\n  medications');
const other = (i: number): string => `soapnote: 1\nclient: C-9${String(i).padStart(3, '0')}\ndate: 2026-10-01\ntherapist: T\n`;

function host(files: Map<string, string>): LanguageServiceHost {
  return {
    workspaceFolders: () => [ROOT],
    readFile: (uri): Promise<HostFile> => Promise.resolve(files.has(uri) ? { text: files.get(uri) ?? '' } : { missing: true }),
    listNotes: (folder) => Promise.resolve([...files.keys()].filter((u) => u.startsWith(`${folder}/`))),
    today: () => '2026-11-21',
    sha256: sha256Hex,
    randomBytes: (n) => new Uint8Array(n),
    builtinPacks: (languages) => builtinPacksAt('soapnote-builtin:/knowledge', languages),
  };
}

describe('service records: the client\'s record, built in the background', () => {
  const engine = createEngine({ packs: builtinPacksAt('soapnote-builtin:/knowledge', []), host: { sha256: sha256Hex, today: () => '2026-11-21' } });

  it('a note checked before the index is complete waits for its client\'s notes (and every note whose client line a scan cannot read), and is checked again when it is complete', async () => {
    const files = new Map<string, string>();
    // Many other clients' notes first, so the index is still being built when the note is checked.
    for (let i = 0; i < 300; i++) {
      files.set(`${ROOT}/a/${String(i).padStart(3, '0')}.soap.yaml`, other(i));
    }
    files.set(`${ROOT}/b/earlier.soap.yaml`, EARLIER);
    // A client line the scan cannot read (a flow mapping): it may be anyone's, so it is read first too (fail closed).
    files.set(`${ROOT}/b/flow.soap.yaml`, `{soapnote: 1, client: C-0217, date: 2026-09-01, therapist: T}\n`);
    const changed: string[][] = [];
    const records = new ServiceRecords(host(files), (uris) => changed.push(uris));
    const later = `${ROOT}/c/later.soap.yaml`;
    const first = await records.recordFor(ROOT, engine, later, LATER);
    assert.ok(first.index.get(`${ROOT}/b/earlier.soap.yaml`), 'the client\'s earlier visit is in the record at once');
    assert.ok(first.index.get(`${ROOT}/b/flow.soap.yaml`), 'a note whose client line cannot be scanned is read first');
    assert.ok(first.index.all().length < files.size, 'the other clients\' notes are still being read');
    assert.ok(engine.analyze(LATER, first.record).findings.some((f) => f.ruleId === 'contraindication.absolute'), 'the carried DVT bars the calf massage');
    // The note was analysed (the service says so), then the rest of the index is read.
    records.noteAnalysed(ROOT, engine.summarise(later, LATER));
    const full = await records.recordFor(ROOT, engine, later);
    assert.equal(full.index.all().length, files.size + 1);
    assert.notEqual(full.stamp, first.stamp, 'analyses made with the partial index are stale');
    assert.deepEqual(changed.at(-1), [later], 'the early note is checked again');
  });

  it('a record rebuilt for a new engine starts with the open notes\' editor texts', async () => {
    const files = new Map([[`${ROOT}/earlier.soap.yaml`, EARLIER]]);
    const records = new ServiceRecords(host(files), () => undefined);
    const open = `${ROOT}/open.soap.yaml`;
    await records.recordFor(ROOT, engine, open, LATER);
    records.noteAnalysed(ROOT, engine.summarise(open, LATER.replace('date: 2026-10-14', 'date: 2026-10-20')));
    const reloaded = createEngine({ packs: builtinPacksAt('soapnote-builtin:/knowledge', []), host: { sha256: sha256Hex, today: () => '2026-11-21' } });
    const { index } = await records.recordFor(ROOT, reloaded, `${ROOT}/third.soap.yaml`);
    assert.equal(index.get(open)?.date, '2026-10-20', 'the unsaved note, not a missing file');
    assert.ok(index.get(`${ROOT}/earlier.soap.yaml`));
  });
});
