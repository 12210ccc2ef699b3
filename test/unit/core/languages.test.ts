import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../server/src/core/engine';
import { BUILTIN_LANGUAGES, builtinLanguagePackSources, builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { loadWorkspace } from '../../../server/src/node/workspace';

const host = { ...nodeHost(), today: () => '2026-11-21' };
const engineWith = (languages: string[]): Engine => createEngine({ packs: [...builtinPackSources(), ...builtinLanguagePackSources(languages)], host });
const findings = (engine: Engine, text: string): string[] => engine.check(text).map((f) => `${f.range.start.line + 1} ${f.ruleId}`);

const FRENCH = `soapnote: 1
client: C-0201
date: 2026-11-20
therapist: M. Tremblay, MT
health:
  conditions:
    - condition: thrombose veineuse profonde
      side: left
treatment:
  - technique: effleurage
    target: mollet
    side: left
    pressure: légère
`;
const SPANISH = `soapnote: 1
client: C-0202
date: 2026-11-20
therapist: L. García, MT
health:
  conditions:
    - condition: trombosis venosa profunda
treatment:
  - technique: amasamiento
    target: pantorrilla
    side: left
    pressure: moderada
`;

/** Built-in language packs: French and Spanish words for the built-in terms, enabled per workspace. */
describe('language packs', () => {
  it('offers French and Spanish', () => {
    assert.deepEqual([...BUILTIN_LANGUAGES].sort(), ['es', 'fr']);
  });

  for (const languages of [['fr'], ['es'], ['fr', 'es']]) {
    it(`${languages.join(' + ')}: every word names a built-in term, none clashes with another term`, () => {
      const engine = engineWith(languages);
      for (const [uri, list] of engine.packFindings) {
        assert.deepEqual(list.map((f) => f.message), [], uri);
      }
    });
  }

  it('has at least 60 entries each, covering the common contraindications', () => {
    for (const source of builtinLanguagePackSources(['fr', 'es'])) {
      const synonyms = source.pack?.synonyms ?? {};
      const entries = Object.values(synonyms).reduce((n, section) => n + Object.keys(section ?? {}).length, 0);
      assert.ok(entries >= 60, `${source.uri}: ${entries} entries`);
      for (const id of ['deep-vein-thrombosis', 'fever', 'pregnancy', 'varicose-veins', 'open-wound', 'recent-fracture', 'recent-surgery', 'anticoagulant-therapy', 'severe-osteoporosis', 'intoxication']) {
        assert.ok(synonyms.conditions?.[id], `${source.uri} has no words for ${id}`);
      }
      assert.ok((source.pack?.pressures ?? []).length >= 4, `${source.uri} pressure words`);
    }
  });

  it('a French note with a DVT and calf work is an absolute contraindication', () => {
    assert.deepEqual(findings(engineWith(['fr']), FRENCH), ['10 contraindication.absolute']);
  });

  it('a Spanish note with a DVT and calf work is an absolute contraindication', () => {
    assert.deepEqual(findings(engineWith(['es']), SPANISH), ['9 contraindication.absolute']);
  });

  it('without the pack the same words are unknown terms (never silently clean)', () => {
    const french = findings(engineWith([]), FRENCH);
    assert.ok(french.includes('7 vocabulary.unknown-term') && french.includes('11 vocabulary.unknown-term') && french.includes('13 vocabulary.unknown-term'), french.join(', '));
    assert.ok(!french.some((f) => f.includes('contraindication')));
    const spanish = findings(engineWith([]), SPANISH);
    assert.ok(spanish.includes('7 vocabulary.unknown-term') && spanish.includes('9 vocabulary.unknown-term'), spanish.join(', '));
  });

  it('reads words with or without accents, and the pressure words', () => {
    const table: [string[], 'condition' | 'technique' | 'target' | 'region', string, string][] = [
      [['fr'], 'condition', 'fièvre', 'fever'],
      [['fr'], 'condition', 'fievre', 'fever'],
      [['fr'], 'condition', 'GROSSESSE', 'pregnancy'],
      [['fr'], 'condition', 'lymphœdème', 'lymphedema'],
      [['fr'], 'condition', 'lymphoedeme', 'lymphedema'],
      [['fr'], 'technique', 'pétrissage', 'petrissage'],
      [['fr'], 'technique', 'drainage lymphatique manuel', 'manual-lymphatic-drainage'],
      [['fr'], 'target', 'carré des lombes', 'quadratus-lumborum'],
      [['fr'], 'region', 'épaule', 'shoulder'],
      [['es'], 'condition', 'fiebre', 'fever'],
      [['es'], 'condition', 'embarazo', 'pregnancy'],
      [['es'], 'condition', 'varices', 'varicose-veins'],
      [['es'], 'condition', 'várices', 'varicose-veins'],
      [['es'], 'technique', 'liberación miofascial', 'myofascial-release'],
      [['es'], 'technique', 'liberacion miofascial', 'myofascial-release'],
      [['es'], 'target', 'cuádriceps', 'quadriceps'],
      [['es'], 'region', 'rodilla', 'knee'],
    ];
    for (const [languages, kind, word, id] of table) {
      assert.equal(engineWith(languages).vocabulary.resolve(kind, word)?.id, id, word);
    }
    const fr = engineWith(['fr']).vocabulary;
    const es = engineWith(['es']).vocabulary;
    assert.deepEqual(['léger', 'legere', 'modérée', 'ferme', 'profond'].map((w) => fr.pressureLevel(w)), [2, 2, 3, 4, 5]);
    assert.deepEqual(['ligera', 'moderada', 'firme', 'profunda', 'muy ligera'].map((w) => es.pressureLevel(w)), [2, 3, 4, 5, 1]);
  });

  it('keeps endangerment sites in the everyday words (aisselle, creux poplité, axila)', () => {
    assert.equal(engineWith(['fr']).vocabulary.resolvePlace('aisselle')?.site?.id, 'axilla');
    assert.equal(engineWith(['fr']).vocabulary.resolvePlace('creux poplité')?.site?.id, 'popliteal-fossa');
    assert.equal(engineWith(['es']).vocabulary.resolvePlace('axila')?.site?.id, 'axilla');
  });

  it('shows the added words in hover and completion data (the term carries them)', () => {
    const term = engineWith(['fr']).vocabulary.get('condition', 'deep-vein-thrombosis');
    assert.ok(term?.synonyms?.includes('thrombose veineuse profonde'));
    assert.ok(!engineWith([]).vocabulary.get('condition', 'deep-vein-thrombosis')?.synonyms?.includes('thrombose veineuse profonde'));
  });

  it('is enabled by `languages:` in the workspace config', () => {
    const root = mkdtempSync(join(tmpdir(), 'soapnote-lang-'));
    try {
      mkdirSync(join(root, '.soapnote'));
      writeFileSync(join(root, '.soapnote', 'config.yaml'), 'languages: [fr]\ntoday: 2026-11-21\n');
      const workspace = loadWorkspace(root);
      assert.deepEqual([...workspace.fileFindings.values()].flat(), []);
      assert.deepEqual(findings(workspace.engine, FRENCH), ['10 contraindication.absolute']);
      writeFileSync(join(root, '.soapnote', 'config.yaml'), 'languages: [de]\n');
      const bad = loadWorkspace(root);
      assert.deepEqual([...bad.fileFindings.values()].flat().map((f) => f.ruleId), ['config.invalid']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
