import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/core/languageService';
import { nodeServiceHost } from '../../../server/src/node/serviceHost';
import { repoRoot } from '../repoRoot';

const DVT = readFileSync(join(repoRoot(), 'examples', 'conflicts', 'dvt-calf-effleurage.soap.yaml'), 'utf8');

describe('nodeServiceHost: the language service on real files', () => {
  let dir: string;
  let outside: string;
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soapnote-host-'));
    outside = mkdtempSync(join(tmpdir(), 'soapnote-outside-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const cases: { name: string; setup: () => void; expect: (ids: string[], config: string[]) => void }[] = [
    {
      name: "the config's today and an earlier visit's condition, read from disk",
      setup: () => {
        write('.soapnote/config.yaml', 'today: 2026-11-21\n');
        write('notes/C-0217-2026-10-01.soap.yaml', DVT.replace('date: 2026-10-14', 'date: 2026-10-01'));
      },
      expect: (ids) => {
        assert.ok(ids.includes('contraindication.absolute'));
        assert.ok(!ids.includes('record.future-date'));
      },
    },
    {
      name: 'a pack that is a symbolic link out of the workspace is refused unread',
      setup: () => {
        writeFileSync(join(outside, 'pack.yaml'), 'soapnote_pack: 1\nid: x\nname: X\n');
        write('.soapnote/config.yaml', 'today: 2026-11-21\npacks: [.soapnote/packs/linked.yaml]\n');
        mkdirSync(join(dir, '.soapnote', 'packs'), { recursive: true });
        symlinkSync(join(outside, 'pack.yaml'), join(dir, '.soapnote', 'packs', 'linked.yaml'));
      },
      expect: (_ids, config) => assert.deepEqual(config, ['config.invalid']),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      c.setup();
      const folder = pathToFileURL(dir).toString();
      const service = createLanguageService({ host: nodeServiceHost({ workspaceFolders: [folder] }) });
      const note = TextDocument.create(pathToFileURL(join(dir, 'notes', 'C-0217-2026-10-14.soap.yaml')).toString(), 'soapnote', 1, DVT.replace(/health:\n {2}conditions:\n[\s\S]*?\n {2}medications/, 'health:\n  medications'));
      const analysis = await service.analyze(note);
      const config = service.workspaceFindings(analysis.workspace).get(`${folder}/.soapnote/config.yaml`) ?? [];
      c.expect(service.diagnostics(analysis).map((f) => f.ruleId), config.map((f) => f.ruleId));
    });
  }

  it('a config that is not UTF-8 is a problem on the config, not a silent default', async () => {
    mkdirSync(join(dir, '.soapnote'), { recursive: true });
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), Buffer.from([0x74, 0x6f, 0x64, 0x61, 0x79, 0x3a, 0x20, 0xe9, 0x0a]));
    const folder = pathToFileURL(dir).toString();
    const service = createLanguageService({ host: nodeServiceHost({ workspaceFolders: [folder] }) });
    const analysis = await service.analyze(TextDocument.create(`${folder}/n.soap.yaml`, 'soapnote', 1, DVT));
    assert.deepEqual((service.workspaceFindings(analysis.workspace).get(`${folder}/.soapnote/config.yaml`) ?? []).map((f) => f.ruleId), ['config.invalid']);
  });
});
