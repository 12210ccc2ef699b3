import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover, InitializeResult, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, REPO, withCursor } from './client';
import { CLINIC_PACK, practiceNote } from './authoringFixtures';

/** The clinic pack of the workspace: a technique of its own and a condition whose rule bars a built-in and its own technique. */

const labels = (list: CompletionList | null): string[] => (list?.items ?? []).map((i) => i.label);
const hoverText = (hover: Hover | null): string => (hover?.contents as MarkupContent | undefined)?.value ?? '';

/** The 0-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

describe('language server: authoring packs, config and templates', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  let doc = 0;
  const packPath = (): string => join(root, '.soapnote', 'packs', 'clinic.yaml');
  const packUri = (): string => pathToFileURL(packPath()).toString();
  const configUri = (): string => pathToFileURL(join(root, '.soapnote', 'config.yaml')).toString();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-authoring-'));
    mkdirSync(join(root, '.soapnote', 'packs'), { recursive: true });
    mkdirSync(join(root, '.soapnote', 'templates'), { recursive: true });
    mkdirSync(join(root, 'notes'), { recursive: true });
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'packs: [.soapnote/packs/clinic.yaml]\ntoday: 2026-06-01\n');
    writeFileSync(packPath(), CLINIC_PACK);
    writeFileSync(join(root, '.soapnote', 'packs', 'draft.yaml'), 'soapnote_pack: 1\nid: draft\nname: Draft\n');
    writeFileSync(join(root, 'notes', 'C-0001-2026-03-02.soap.yaml'), practiceNote('C-0001', 'bamboo fusion'));
    writeFileSync(join(root, 'notes', 'C-0002-2026-03-02.soap.yaml'), practiceNote('C-0002', 'Bamboo Fusion'));
    writeFileSync(join(root, 'notes', 'C-0003-2026-03-02.soap.yaml'), practiceNote('C-0003', 'effleurage'));
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
    rmSync(root, { recursive: true, force: true });
  });

  /** Retries `check` until it passes: closing a pack reloads the workspace from disk on the server's next turn. */
  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) {
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail(`${what}: not reached within 2 s`);
  }

  /** Waits until the workspace has reloaded the clinic pack from disk (after a test edited it in the editor and closed it). */
  const settled = (): Promise<void> =>
    eventually(async () => {
      const uri = pathToFileURL(join(root, 'notes', 'probe.soap.yaml')).toString();
      return labels(await ask<CompletionList>('textDocument/completion', uri, 'soapnote: 1\ntreatment:\n  - technique: bamboo|\n')).includes('bamboo fusion');
    }, 'the clinic pack reloaded');

  /** Opens `marked` (with a `|` cursor) as a fresh unsaved version of a file and asks `method` at the cursor. */
  async function ask<R>(method: string, uri: string, marked: string, extra: object = {}): Promise<R> {
    const { text, position } = withCursor(marked);
    await client.open(uri, text, ++doc, uri.endsWith('.soap.yaml') ? 'soapnote' : 'yaml');
    try {
      return await client.request<R>(method, { textDocument: { uri }, position, ...extra });
    } finally {
      await client.close(uri);
    }
  }

  it('announces definition and references', () => {
    const caps = (client.initializeResult as InitializeResult).capabilities;
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
  });

  const HEAD = 'soapnote_pack: 1\nid: clinic\nname: Clinic pack\n';
  const CONDITION = `conditions:\n  - id: fresh-tattoo\n    name: fresh tattoo\n    description: d\n    category: contraindication\n    rules:\n      - type: local\n`;
  // The pack is edited in the editor: its unsaved text is what the workspace uses, so it keeps its own technique.
  const RULE = `${HEAD}techniques:\n  - {id: bamboo-fusion, name: bamboo fusion, description: d, pressure: 3, tags: [instrument]}\n${CONDITION}`;

  // [what, marked pack text, labels that must be offered, labels that must not]
  const packCases: [string, string, string[], string[]][] = [
    ['top-level keys not yet written', `${HEAD}|`, ['techniques', 'conditions', 'regions', 'description'], ['id', 'name', 'soapnote_pack']],
    ['keys of a rule', `${RULE}        |`, ['techniques', 'where', 'distal', 'status', 'max', 'message'], ['type']],
    ['technique ids in a flow list, mid-word', `${RULE}        techniques: [effl|]`, ['effleurage'], ['iastm']],
    ['technique ids: the pack\'s own and tags', `${RULE}        techniques: [|]`, ['bamboo-fusion', 'iastm', 'tag:deep', 'tag:instrument'], []],
    ['tag names after tag:', `${RULE}        techniques: [tag:|]`, ['deep', 'friction'], ['iastm']],
    ['technique ids in a block list', `${RULE}        techniques:\n          - cross-fib|`, ['cross-fibre-friction'], []],
    ['type: empty value', `${HEAD}conditions:\n  - id: x\n    rules:\n      - type: |`, ['absolute', 'local', 'technique', 'pressure-cap', 'clearance', 'precaution'], []],
    ['where: values', `${RULE}        where: |`, ['everywhere', 'site', 'regions'], []],
    ['category: values', `${HEAD}conditions:\n  - id: x\n    category: |`, ['contraindication', 'indication', 'precaution'], []],
    ['status: values in a flow list', `${RULE}        status: [|]`, ['active', 'controlled'], ['resolved']],
    ['regions: region and target ids', `${RULE}        regions: [lower-l|]`, ['lower-leg', 'lower-limb'], []],
    ['implies: condition ids', `${HEAD}medications:\n  - id: x\n    implies: deep-v|`, ['deep-vein-thrombosis'], []],
    ['a target\'s region: region ids', `${HEAD}targets:\n  - id: x\n    region: thi|`, ['thigh'], []],
    ['a technique\'s tags', `${HEAD}techniques:\n  - id: x\n    tags: [frict|]`, ['friction'], []],
    ['period.after: resolved', `${HEAD}conditions:\n  - id: x\n    period:\n      length: 6w\n      after: |`, ['resolved'], []],
    ['broken YAML below and above', `${HEAD}conditions: [\n  - id: x\n    rules:\n      - type: local\n        techniques: [ias|\n  broken: : :`, ['iastm'], []],
  ];
  for (const [what, marked, want, notWanted] of packCases) {
    it(`completes in a pack: ${what}`, async () => {
      const got = labels(await ask<CompletionList>('textDocument/completion', packUri(), marked));
      for (const label of want) {
        assert.ok(got.includes(label), `${label} missing from ${got.slice(0, 30).join(', ')}`);
      }
      for (const label of notWanted) {
        assert.ok(!got.includes(label), `${label} offered`);
      }
    });
  }

  it('writes an id after an empty `techniques: ` as a list of one', async () => {
    const list = await ask<CompletionList>('textDocument/completion', packUri(), `${RULE}        techniques: |`);
    const iastm = list.items.find((i) => i.label === 'iastm');
    assert.equal(iastm?.textEdit && 'newText' in iastm.textEdit ? iastm.textEdit.newText : undefined, '[iastm]');
  });

  it('completes in a pack under .soapnote/packs/ that the config does not list', async () => {
    const uri = pathToFileURL(join(root, '.soapnote', 'packs', 'draft.yaml')).toString();
    const marked = `soapnote_pack: 1\nid: draft\nname: Draft\n${CONDITION}        techniques: [bamb|]`;
    await eventually(async () => labels(await ask<CompletionList>('textDocument/completion', uri, marked)).includes('bamboo-fusion'), 'the clinic pack\'s technique offered');
  });

  const configCases: [string, string, string[], string[]][] = [
    ['top-level keys not yet written', 'packs: [.soapnote/packs/clinic.yaml]\n|', ['rules', 'templates', 'carryForward', 'today'], ['packs']],
    ['rule ids under rules:', 'rules:\n  contraindication.p|', ['contraindication.pressure', 'contraindication.precaution'], ['contraindication.local']],
    ['rule ids in a flow mapping', 'rules: {contraindication.local: error, vocab|}', ['vocabulary.unknown-term'], []],
    ['severities', 'rules:\n  contraindication.precaution: |', ['error', 'warning', 'information', 'hint', 'off'], []],
    ['pack files in packs:', 'packs: [|]', ['.soapnote/packs/clinic.yaml', '.soapnote/packs/draft.yaml'], ['.soapnote/config.yaml']],
    ['the templates folder', 'templates: |', ['.soapnote/templates'], []],
    ['languages', 'languages: [|]', ['fr', 'es'], []],
    ['a boolean', 'carryForward: |', ['true', 'false'], []],
  ];
  for (const [what, marked, want, notWanted] of configCases) {
    it(`completes in the config: ${what}`, async () => {
      const got = labels(await ask<CompletionList>('textDocument/completion', configUri(), marked));
      for (const label of want) {
        assert.ok(got.includes(label), `${label} missing from ${got.slice(0, 30).join(', ')}`);
      }
      for (const label of notWanted) {
        assert.ok(!got.includes(label), `${label} offered`);
      }
    });
  }

  // [what, uri, marked text, words the hover must contain]
  const hoverCases: [string, () => string, string, string[]][] = [
    ['a pack key: its schema description', packUri, `${HEAD}techn|iques: []`, ['Treatment techniques with their typical Walton pressure level']],
    ['a rule key: the key and the rule in words', packUri, RULE.replace('      - type: local', '      - ty|pe: local') + '        techniques: [iastm]\n        distal: true\n        status: [active]\n        message: m\n',
      ['absolute: no massage at all', 'No instrument-assisted soft tissue mobilisation on the site, distal too, while active', 'contraindication.local']],
    ['a technique id in a rule: the technique', packUri, `${RULE}        techniques: [ias|tm]\n        message: m\n`, ['instrument-assisted soft tissue mobilisation', 'Typical pressure']],
    ['a fixed value: the field', packUri, `${HEAD}conditions:\n  - id: x\n    category: indic|ation\n`, ['category: indication', 'commonly treated']],
    ['a region id in a rule: the region', packUri, `${RULE}        regions: [lower-l|eg]\n        message: m\n`, ['lower leg', 'region']],
    ['a condition id after implies:', packUri, `${HEAD}medications:\n  - id: x\n    implies: deep-vein-thr|ombosis\n`, ['deep vein thrombosis']],
    ['an id no pack defines', packUri, `${RULE}        techniques: [no-such-thi|ng]\n        message: m\n`, ['no technique has this id']],
    ['a severity in the config: the rule it sets', configUri, 'rules:\n  contraindication.local: of|f\n', ['contraindication.local: off', 'local contraindication']],
    ['a config key', configUri, 'carryFor|ward: false\n', ['Carry each client\'s conditions']],
    ['a rule id in the config', configUri, 'rules:\n  contraindication.pre|caution: off\n', ['A precaution to keep in mind']],
  ];
  for (const [what, uri, marked, words] of hoverCases) {
    it(`hovers: ${what}`, async () => {
      const text = hoverText(await ask<Hover | null>('textDocument/hover', uri(), marked));
      for (const word of words) {
        assert.ok(text.includes(word), `'${word}' not in: ${text}`);
      }
    });
  }

  it('goes from a rule\'s built-in technique id to its entry in the shipped knowledge', async () => {
    const marked = CLINIC_PACK.replace('[iastm, bamboo-fusion]', '[ia|stm, bamboo-fusion]');
    const found = await ask<Location[]>('textDocument/definition', packUri(), marked);
    const file = join(REPO, 'server', 'knowledge', '20-techniques.yaml');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.uri, pathToFileURL(file).toString());
    const line = lineOf(readFileSync(file, 'utf8'), '- id: iastm');
    assert.deepEqual(found[0]?.range.start, { line, character: 8 });
  });

  it('goes from a rule\'s technique id to its entry in the same pack', async () => {
    const marked = CLINIC_PACK.replace('[iastm, bamboo-fusion]', '[iastm, bamboo-fu|sion]');
    const found = await ask<Location[]>('textDocument/definition', packUri(), marked);
    assert.deepEqual(found, [{ uri: packUri(), range: { start: { line: lineOf(CLINIC_PACK, 'id: bamboo-fusion'), character: 8 }, end: { line: lineOf(CLINIC_PACK, 'id: bamboo-fusion'), character: 21 } } }]);
  });

  it('goes from another pack\'s id, and from a note\'s term, to the clinic pack', async () => {
    await settled();
    const draft = pathToFileURL(join(root, '.soapnote', 'packs', 'draft.yaml')).toString();
    const fromDraft = await ask<Location[]>('textDocument/definition', draft, `soapnote_pack: 1\nid: draft\nname: Draft\n${CONDITION}        techniques: [bamboo-fus|ion]\n`);
    assert.deepEqual(fromDraft.map((l) => [l.uri, l.range.start.line]), [[packUri(), lineOf(CLINIC_PACK, 'id: bamboo-fusion')]]);
    const noteUri = pathToFileURL(join(root, 'notes', 'new.soap.yaml')).toString();
    const fromNote = await ask<Location[]>('textDocument/definition', noteUri, practiceNote('C-0009', 'Bamboo fus|ion'));
    assert.deepEqual(fromNote.map((l) => [l.uri, l.range.start.line]), [[packUri(), lineOf(CLINIC_PACK, 'id: bamboo-fusion')]]);
  });

  it('finds the notes that use a term, from the pack entry and from a note', async () => {
    await settled();
    const notes = ['C-0001-2026-03-02.soap.yaml', 'C-0002-2026-03-02.soap.yaml'].map((f) => pathToFileURL(join(root, 'notes', f)).toString());
    const techniqueLine = lineOf(practiceNote('x', 'y'), 'technique:');
    const marked = CLINIC_PACK.replace('  - id: bamboo-fusion', '  - id: bamboo-fu|sion');
    const fromPack = await ask<Location[]>('textDocument/references', packUri(), marked, { context: { includeDeclaration: false } });
    assert.deepEqual(fromPack.map((l) => [l.uri, l.range.start.line]), notes.map((u) => [u, techniqueLine]));
    const other = pathToFileURL(join(root, 'notes', 'C-0003-2026-03-02.soap.yaml')).toString();
    const fromNote = await ask<Location[]>('textDocument/references', other, practiceNote('C-0003', 'bamboo fus|ion'), { context: { includeDeclaration: true } });
    // The note's own (unsaved) text now uses it too; the declaration comes first.
    assert.deepEqual(fromNote.map((l) => l.uri), [packUri(), notes[0], notes[1], other]);
  });

  it('completes {{ placeholders in a template, and note keys elsewhere in it', async () => {
    const uri = pathToFileURL(join(root, '.soapnote', 'templates', 'visit.soap.yaml')).toString();
    const placeholders = await ask<CompletionList>('textDocument/completion', uri, 'soapnote: 1\nclient: {{|\n');
    assert.deepEqual(labels(placeholders), ['client', 'date', 'therapist', 'visit']);
    assert.equal(placeholders.items[0]?.textEdit && 'newText' in placeholders.items[0].textEdit ? placeholders.items[0].textEdit.newText : '', 'client}}');
    const keys = labels(await ask<CompletionList>('textDocument/completion', uri, 'soapnote: 1\nclient: {{client}}\n|'));
    assert.ok(keys.includes('date') && keys.includes('treatment'), keys.join(', '));
  });

  it('still publishes a broken pack\'s problems on the pack', async () => {
    const broken = CLINIC_PACK.replace('type: local', 'type: locale');
    await client.open(packUri(), broken, ++doc, 'yaml');
    const published = await client.waitForDiagnostics(packUri());
    assert.ok(published.diagnostics.some((d) => d.code === 'config.invalid'), JSON.stringify(published.diagnostics));
    await client.close(packUri());
  });
});
