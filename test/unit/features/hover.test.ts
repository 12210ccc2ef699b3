import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { HEADER, testEngine, withCursor } from './helpers';

interface Case {
  name: string;
  doc: string;
  /** Fragments the hover Markdown must contain; `null` when there must be no hover. */
  expect: string[] | null;
  excludes?: string[];
}

const WARFARIN = `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - technique: effleurage\n    target: erector spinae\n  - techn|ique: deep tissue massage\n    target: erector spinae\n`;

const cases: Case[] = [
  { name: 'technique value: description, kind, typical pressure, synonyms', doc: `${HEADER}treatment:\n  - technique: effl|eurage\n`, expect: ['**effleurage** · technique', 'gliding strokes', 'Typical pressure: light (Walton level 2)', 'Also written:'] },
  { name: 'target written as a synonym: the canonical term and its region', doc: `${HEADER}treatment:\n  - {technique: petrissage, target: gast|roc}\n`, expect: ['**gastrocnemius** · target', 'Region: lower leg', 'Tissue: muscle'] },
  { name: 'region of a condition', doc: `${HEADER}health:\n  conditions:\n    - {condition: varicose veins, region: lower l|eg}\n`, expect: ['**lower leg** · region'] },
  { name: 'endangerment site', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: popliteal fos|sa}\n`, expect: ['endangerment site', 'light pressure'] },
  { name: 'condition: its rules in plain words', doc: `${HEADER}health:\n  conditions:\n    - condition: preg|nancy\n`, expect: ['**pregnancy** · condition', '**Rules**', 'Written medical clearance needed before treatment', 'No deep tissue massage, trigger point therapy, cross-fibre friction on the foot, lower leg, medial thigh', 'No work on the abdomen'] },
  { name: 'absolute condition', doc: `${HEADER}health:\n  conditions:\n    - {condition: DV|T, region: calf}\n`, expect: ['**deep vein thrombosis**', 'No massage at all'] },
  { name: 'finding: the techniques it suits', doc: `${HEADER}objective:\n  findings:\n    - {target: upper trapezius, finding: trigger po|int}\n`, expect: ['**trigger point** · finding', 'Suits: trigger point therapy'] },
  { name: 'medication: the condition it brings', doc: `${HEADER}health:\n  medications: [warf|arin]\n`, expect: ['**warfarin** · medication', 'anticoagulant therapy'] },
  // New knowledge shows up without code changes: a v2 condition, a brand-name drug, a v2 technique, an everyday site word.
  { name: 'knowledge v2 condition: whiplash and its rules', doc: `${HEADER}health:\n  conditions:\n    - condition: whipl|ash\n`, expect: ['**whiplash** · condition', '**Rules**'] },
  { name: 'knowledge v2 medication: a brand name brings its class', doc: `${HEADER}health:\n  medications: [Humi|ra]\n`, expect: ['**adalimumab** · medication', 'immunosuppressant therapy'] },
  { name: 'knowledge v2 technique: massage gun', doc: `${HEADER}treatment:\n  - technique: massage g|un\n`, expect: ['**percussive therapy** · technique', 'Typical pressure: moderate (Walton level 3)'] },
  { name: 'pressure word', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: calf, pressure: fi|rm}\n`, expect: ['**firm** · pressure, firm (Walton level 4)'] },
  { name: 'key: the schema description', doc: `${HEADER}treatment:\n  - technique: effleurage\n    press|ure: light\n`, expect: ['**pressure**', 'Walton level'] },
  { name: 'top-level key', doc: `${HEADER}pl|an:\n  frequency: weekly\n`, expect: ['**plan**', 'next visit'] },
  { name: 'treatment entry with findings: every finding and its source', doc: WARFARIN, expect: ['**technique**', '**Findings on this treatment entry**', '`contraindication.technique`', '`contraindication.pressure`', '_Source: '] },
  { name: 'a clean entry shows no findings', doc: `${HEADER}treatment:\n  - techni|que: effleurage\n    target: erector spinae\n`, expect: ['**technique**'], excludes: ['Findings on this'] },
  { name: 'a condition needing clearance shows the finding', doc: `${HEADER}health:\n  conditions:\n    - condition: pregnancy\n      status: act|ive\ntreatment:\n  - {technique: effleurage, target: lower back}\n`, expect: ['**Findings on this condition**', '`contraindication.clearance`'] },
  { name: 'unknown word: no term, but the finding about it', doc: `${HEADER}treatment:\n  - technique: zzz|zz\n`, expect: ['`vocabulary.unknown-term`'], excludes: ['· technique'] },
  { name: 'unknown word outside an entry: nothing', doc: `${HEADER}objective:\n  findings:\n    - {target: calf, finding: zzz|zz}\n`, expect: null },
  { name: 'free text: nothing', doc: `${HEADER}subjective:\n  complaint: Low ba|ck pain\n`, expect: null },
  { name: 'broken YAML still hovers terms', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: [\n  - technique: petri|ssage\n`, expect: ['**petrissage** · technique'] },
];

describe('features/hover', () => {
  const engine = testEngine();
  for (const c of cases) {
    it(c.name, () => {
      const { text, position } = withCursor(c.doc);
      const result = hover(text, position, engine.analyze(text), engine.vocabulary);
      if (c.expect === null) {
        assert.equal(result, null);
        return;
      }
      assert.ok(result, 'expected a hover');
      const value = typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
      assert.equal((result.contents as { kind: string }).kind, 'markdown');
      for (const fragment of c.expect) {
        assert.ok(value.includes(fragment), `expected ${JSON.stringify(fragment)} in:\n${value}`);
      }
      for (const fragment of c.excludes ?? []) {
        assert.ok(!value.includes(fragment), `did not expect ${JSON.stringify(fragment)} in:\n${value}`);
      }
      if (result.range) {
        assert.ok(result.range.start.line <= position.line && result.range.end.line >= position.line, 'the range holds the cursor');
      }
    });
  }
});
