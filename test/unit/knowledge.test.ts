/**
 * The built-in knowledge base (`server/knowledge/*.yaml`): every pack is valid against
 * `schemas/vocabulary-pack.schema.json`, ids are unique per kind, cross-references resolve,
 * the clinical facts of the domain are all present, and the contraindication table is
 * encoded as the rules the engine expects. Words are resolved by the engine's own
 * `Vocabulary` and compared by its own `termKey`, so what passes here is what a note gets.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import type {
  PackCondition,
  PackEndangermentSite,
  PackFinding,
  PackMedication,
  PackPressure,
  PackRegion,
  PackRule,
  PackTarget,
  PackTechnique,
  PackTermBase,
  VocabularyPack,
} from '../../server/src/core/vocabulary/packTypes';
import { termKey } from '../../server/src/core/vocabulary/normalize';
import { Vocabulary, type TermKind as EngineKind } from '../../server/src/core/vocabulary/vocabulary';
import { ruleFixtureDirs } from './ruleFixtureDirs';

/** The repository root: the nearest directory upwards holding package.json (from __dirname, then the cwd). */
function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server', 'knowledge'))) {
        return dir;
      }
      const up = path.dirname(dir);
      if (up === dir) {break;}
      dir = up;
    }
  }
  throw new Error(`repository root (package.json + server/knowledge) not found above ${__dirname} or ${process.cwd()}`);
}

const root = findRepoRoot();
const knowledgeDir = path.join(root, 'server', 'knowledge');
const schemaPath = path.join(root, 'schemas', 'vocabulary-pack.schema.json');

const EXPECTED_FILES = [
  '10-regions.yaml',
  '20-techniques.yaml',
  '30-targets.yaml',
  '40-findings.yaml',
  '50-conditions.yaml',
  '60-medications.yaml',
  '70-endangerment-sites.yaml',
  '80-pressures.yaml',
];

interface LoadedPack {
  file: string;
  pack: VocabularyPack;
}

function loadPacks(): LoadedPack[] {
  const files = fs
    .readdirSync(knowledgeDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return files.map((file) => {
    const text = fs.readFileSync(path.join(knowledgeDir, file), 'utf8');
    return { file, pack: parse(text) as VocabularyPack };
  });
}

const packs = loadPacks();
const all = {
  regions: packs.flatMap((p) => p.pack.regions ?? []) as PackRegion[],
  techniques: packs.flatMap((p) => p.pack.techniques ?? []) as PackTechnique[],
  targets: packs.flatMap((p) => p.pack.targets ?? []) as PackTarget[],
  findings: packs.flatMap((p) => p.pack.findings ?? []) as PackFinding[],
  conditions: packs.flatMap((p) => p.pack.conditions ?? []) as PackCondition[],
  medications: packs.flatMap((p) => p.pack.medications ?? []) as PackMedication[],
  sites: packs.flatMap((p) => p.pack.endangerment_sites ?? []) as PackEndangermentSite[],
  pressures: packs.flatMap((p) => p.pack.pressures ?? []) as PackPressure[],
};
type TermKind = 'regions' | 'techniques' | 'targets' | 'findings' | 'conditions' | 'medications' | 'sites';
const TERM_KINDS: TermKind[] = ['regions', 'techniques', 'targets', 'findings', 'conditions', 'medications', 'sites'];

const ids = (kind: TermKind): Set<string> => new Set((all[kind] as PackTermBase[]).map((t) => t.id));
const regionIds = ids('regions');
const techniqueIds = ids('techniques');
const targetIds = ids('targets');
const conditionIds = ids('conditions');
const techniqueTags = new Set(all.techniques.flatMap((t) => t.tags ?? []));

/** The engine's vocabulary over exactly these pack files, in file-name order (as the build loads them). */
const vocabulary = new Vocabulary(packs.map((p) => p.pack));
const ENGINE_KIND: Record<TermKind, EngineKind> = {
  regions: 'region', techniques: 'technique', targets: 'target', findings: 'finding',
  conditions: 'condition', medications: 'medication', sites: 'site',
};

/** Every word (id, name, synonym) of a kind, as the engine compares them. */
function wordsOf(kind: TermKind): Set<string> {
  const out = new Set<string>();
  for (const t of all[kind] as PackTermBase[]) {
    for (const w of [t.id, t.name, ...(t.synonyms ?? [])]) {out.add(termKey(w));}
  }
  return out;
}

/** The term of a kind a word resolves to, by the engine's own resolver. */
function resolve<T extends PackTermBase>(kind: TermKind, word: string): T | undefined {
  return vocabulary.resolve(ENGINE_KIND[kind], word) as T | undefined;
}

function condition(id: string): PackCondition {
  const c = all.conditions.find((x) => x.id === id);
  assert.ok(c, `condition ${id} exists`);
  return c;
}

function rulesOf(id: string, type: PackRule['type']): PackRule[] {
  return (condition(id).rules ?? []).filter((r) => r.type === type);
}

/** Whether a rule's technique list bars a technique (by id or by one of its tags). */
function bars(rule: PackRule, techniqueId: string): boolean {
  const tech = all.techniques.find((t) => t.id === techniqueId);
  assert.ok(tech, `technique ${techniqueId} exists`);
  return (rule.techniques ?? []).some((entry) =>
    entry.startsWith('tag:') ? (tech.tags ?? []).includes(entry.slice(4)) : entry === techniqueId,
  );
}

describe('built-in knowledge base', () => {
  describe('files and schema', () => {
    it('has the expected pack files, loaded in file-name order', () => {
      const names = packs.map((p) => p.file);
      for (const f of EXPECTED_FILES) {assert.ok(names.includes(f), `missing server/knowledge/${f}`);}
      assert.deepEqual(names, [...names].sort());
    });

    it('the schema is draft-07 with the agreed $id', () => {
      const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schema.$id, 'https://soapnote.dev/schemas/vocabulary-pack.schema.json');
    });

    it('every pack file is valid against schemas/vocabulary-pack.schema.json', () => {
      const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
      const ajv = new Ajv({ allErrors: true });
      const validate = ajv.compile(schema);
      for (const { file, pack } of packs) {
        const ok = validate(pack);
        assert.ok(ok, `${file}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
      }
    });

    it('the schema rejects malformed packs', () => {
      const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
      const validate = new Ajv({ allErrors: true }).compile(schema);
      const base = { soapnote_pack: 1, id: 'x', name: 'x' };
      assert.ok(validate(base));
      assert.ok(!validate({ ...base, soapnote_pack: 2 }), 'wrong version');
      assert.ok(!validate({ ...base, extra: true }), 'unknown top-level key');
      assert.ok(!validate({ ...base, id: 'Not Kebab' }), 'bad id');
      const tech = { id: 'a', name: 'a', description: 'd', pressure: 3 };
      assert.ok(validate({ ...base, techniques: [tech] }));
      assert.ok(!validate({ ...base, techniques: [{ ...tech, pressure: 6 }] }), 'pressure > 5');
      assert.ok(!validate({ ...base, techniques: [{ ...tech, pressure: 2.5 }] }), 'pressure not integer');
      assert.ok(!validate({ ...base, techniques: [{ ...tech, colour: 'red' }] }), 'unknown technique key');
      const region = { id: 'r', name: 'r', description: 'd', limb: 'upper', order: 0 };
      assert.ok(!validate({ ...base, regions: [region] }), 'order < 1');
      assert.ok(!validate({ ...base, regions: [{ ...region, order: 1, limb: 'middle' }] }), 'bad limb');
      const cond = { id: 'c', name: 'c', description: 'd', category: 'contraindication' };
      assert.ok(!validate({ ...base, conditions: [{ ...cond, rules: [{ type: 'pressure-cap', message: 'm', max: 9 }] }] }));
      assert.ok(!validate({ ...base, conditions: [{ ...cond, rules: [{ type: 'banned', message: 'm' }] }] }));
      assert.ok(!validate({ ...base, conditions: [{ ...cond, rules: [{ type: 'local' }] }] }), 'rule without message');
      assert.ok(!validate({ ...base, pressures: [{ word: 'x', level: -1, description: 'd' }] }));
    });
  });

  describe('ids and words', () => {
    it('pack ids are unique', () => {
      const packIds = packs.map((p) => p.pack.id);
      assert.equal(new Set(packIds).size, packIds.length);
      for (const { file, pack } of packs) {assert.match(pack.id, /^builtin-/, file);}
    });

    for (const kind of TERM_KINDS) {
      it(`${kind}: ids are unique`, () => {
        const seen = new Set<string>();
        for (const t of all[kind] as PackTermBase[]) {
          assert.ok(!seen.has(t.id), `duplicate ${kind} id ${t.id}`);
          seen.add(t.id);
        }
        assert.ok(seen.size > 0, `no ${kind}`);
      });

      it(`${kind}: no name or synonym resolves to two different terms`, () => {
        const owner = new Map<string, string>();
        for (const t of all[kind] as PackTermBase[]) {
          for (const w of new Set([t.id, t.name, ...(t.synonyms ?? [])].map(termKey))) {
            const other = owner.get(w);
            assert.ok(other === undefined || other === t.id, `${kind}: "${w}" names both ${other} and ${t.id}`);
            owner.set(w, t.id);
          }
        }
      });

      it(`${kind}: every description is one short paragraph`, () => {
        for (const t of all[kind] as PackTermBase[]) {
          assert.ok(t.description.trim().length >= 20, `${t.id}: description too short`);
          assert.ok(!t.description.includes('\n\n'), `${t.id}: description has more than one paragraph`);
          const sentences = t.description.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0);
          assert.ok(sentences.length <= 4, `${t.id}: description too long (${sentences.length} sentences)`);
        }
      });
    }

    it('pressure words are unique and match the note format', () => {
      const words = all.pressures.map((p) => p.word);
      assert.equal(new Set(words).size, words.length);
      const level = Object.fromEntries(all.pressures.map((p) => [p.word, p.level]));
      assert.deepEqual(
        { still: level.still, light: level.light, moderate: level.moderate, firm: level.firm, deep: level.deep },
        { still: 0, light: 2, moderate: 3, firm: 4, deep: 5 },
      );
      assert.equal(level['very light'], 1);
    });
  });

  describe('cross-references', () => {
    it('regions form one tree rooted at body', () => {
      const byId = new Map(all.regions.map((r) => [r.id, r]));
      assert.ok(byId.has('body'));
      assert.equal(byId.get('body')?.parent, undefined);
      for (const r of all.regions) {
        if (r.id === 'body') {continue;}
        assert.ok(r.parent, `${r.id} has no parent`);
        assert.ok(byId.has(r.parent), `${r.id}: parent ${r.parent} unknown`);
        const seen = new Set<string>();
        let cur: PackRegion | undefined = r;
        while (cur && cur.parent) {
          assert.ok(!seen.has(cur.id), `cycle through ${cur.id}`);
          seen.add(cur.id);
          cur = byId.get(cur.parent);
        }
        assert.equal(cur?.id, 'body', `${r.id} does not reach body`);
      }
    });

    it('limb chains run proximal to distal as the contract says', () => {
      const byId = new Map(all.regions.map((r) => [r.id, r]));
      const chains: [string, 'upper' | 'lower', string[]][] = [
        ['upper-limb', 'upper', ['shoulder', 'upper-arm', 'elbow', 'forearm', 'wrist', 'hand']],
        ['lower-limb', 'lower', ['hip', 'thigh', 'knee', 'lower-leg', 'ankle', 'foot']],
      ];
      for (const [parent, limb, chain] of chains) {
        assert.equal(byId.get(parent)?.parent, 'body');
        chain.forEach((id, i) => {
          const r = byId.get(id);
          assert.ok(r, `${id} exists`);
          assert.equal(r.parent, parent, `${id}.parent`);
          assert.equal(r.limb, limb, `${id}.limb`);
          assert.equal(r.order, i + 1, `${id}.order`);
        });
      }
      const medialThigh = byId.get('medial-thigh');
      assert.equal(medialThigh?.parent, 'thigh');
      assert.equal(medialThigh?.limb, 'lower');
      assert.equal(medialThigh?.order, 2);
      for (const [id, parent] of [
        ['anterior-neck', 'neck'],
        ['posterior-neck', 'neck'],
        ['upper-back', 'back'],
        ['mid-back', 'back'],
        ['lower-back', 'back'],
      ]) {
        assert.equal(byId.get(id)?.parent, parent, `${id}.parent`);
      }
      // A region inside a limb segment is on the same limb, at the same level.
      for (const r of all.regions) {
        const p = r.parent ? byId.get(r.parent) : undefined;
        if (p?.limb) {
          assert.equal(r.limb, p.limb, `${r.id}.limb follows ${p.id}`);
          assert.equal(r.order, p.order, `${r.id}.order follows ${p.id}`);
        }
      }
    });

    it('every target lies in a known region', () => {
      for (const t of all.targets) {assert.ok(regionIds.has(t.region), `${t.id}: region ${t.region} unknown`);}
    });

    it('every finding suits known techniques', () => {
      for (const f of all.findings) {
        for (const s of f.suits ?? []) {assert.ok(techniqueIds.has(s), `${f.id}: suits ${s} unknown`);}
      }
    });

    it('every rule names known regions and techniques (or tags some technique carries)', () => {
      for (const c of all.conditions) {
        const after = Array.isArray(c.period?.after) ? c.period.after : [];
        for (const r of [...(c.rules ?? []), ...after]) {
          for (const reg of r.regions ?? []) {
            assert.ok(regionIds.has(reg) || targetIds.has(reg), `${c.id}: rule region ${reg} unknown`);
          }
          for (const t of r.techniques ?? []) {
            if (t.startsWith('tag:')) {assert.ok(techniqueTags.has(t.slice(4)), `${c.id}: no technique has ${t}`);}
            else {assert.ok(techniqueIds.has(t), `${c.id}: technique ${t} unknown`);}
          }
        }
      }
    });

    it('every medication implies a known condition', () => {
      for (const m of all.medications) {assert.ok(conditionIds.has(m.implies), `${m.id}: implies ${m.implies} unknown`);}
    });

    it('every endangerment site names known regions and targets', () => {
      for (const s of all.sites) {
        for (const r of s.regions) {assert.ok(regionIds.has(r), `${s.id}: region ${r} unknown`);}
        for (const t of s.targets ?? []) {assert.ok(targetIds.has(t), `${s.id}: target ${t} unknown`);}
      }
    });
  });

  describe('domain coverage', () => {
    /** Words from the domain brief, each of which must be a name or synonym (or id) of its kind. */
    const EXPECTED: Record<TermKind, string[]> = {
      techniques: [
        'effleurage', 'petrissage', 'circular friction', 'friction', 'cross-fibre friction', 'deep transverse friction',
        'tapotement', 'myofascial release', 'soft tissue release', 'passive soft tissue release',
        'active soft tissue release', 'weight-bearing soft tissue release', 'passive STR', 'STR passive', 'active STR',
        'trigger point therapy', 'trigger point release', 'ischaemic compression', 'deep tissue massage',
        'soft tissue mobilisation', 'instrument-assisted soft tissue mobilisation', 'compression', 'vibration',
        'skin rolling', 'still hold', 'passive stretching', 'manual lymphatic drainage', 'kneading', 'cupping',
        'muscle energy technique', 'positional release',
        // abbreviations users type
        'STR', 'IASTM', 'MLD', 'CFF', 'DTF', 'TrP therapy', 'MFR',
      ],
      targets: [
        'upper trapezius', 'middle trapezius', 'lower trapezius', 'levator scapulae', 'rhomboids', 'erector spinae',
        'lumbar paraspinals', 'quadratus lumborum', 'latissimus dorsi', 'pectoralis major', 'pectoralis minor',
        'deltoid', 'rotator cuff', 'supraspinatus', 'infraspinatus', 'teres minor', 'subscapularis', 'biceps brachii',
        'triceps brachii', 'forearm flexors', 'forearm extensors', 'sternocleidomastoid', 'scalenes', 'suboccipitals',
        'gluteus maximus', 'gluteus medius', 'piriformis', 'iliopsoas', 'tensor fasciae latae', 'quadriceps',
        'hamstrings', 'biceps femoris', 'semitendinosus', 'semimembranosus', 'adductors', 'gastrocnemius', 'soleus',
        'tibialis anterior', 'peroneals', 'Achilles tendon', 'patellar tendon', 'common extensor tendon',
        'common flexor tendon', 'rotator cuff tendons', 'plantar fascia', 'iliotibial band', 'thoracolumbar fascia',
        // everyday words and abbreviations users type
        'IT band', 'ITB', 'gastroc', 'traps', 'upper traps', 'lats', 'pecs', 'QL', 'SCM', 'TFL', 'glutes', 'hammies',
        'quads', 'biceps', 'triceps',
      ],
      regions: [
        'shoulder', 'upper arm', 'elbow', 'forearm', 'wrist', 'hand', 'hip', 'thigh', 'knee', 'lower leg', 'ankle',
        'foot', 'head', 'face', 'neck', 'anterior neck', 'posterior neck', 'chest', 'abdomen', 'back', 'upper back',
        'mid back', 'lower back', 'pelvis', 'gluteal region', 'medial thigh', 'upper limb', 'lower limb',
        // everyday words
        'shoulders', 'calves', 'calf', 'hips', 'low back', 'lumbar', 'groin', 'feet', 'inner thigh', 'shin',
      ],
      conditions: [
        // indications
        'low back pain', 'neck pain', 'tension headache', 'sports injury', 'strain', 'sprain', 'fibromyalgia',
        'post-surgical recovery', 'plantar fasciitis', 'IT band syndrome', 'tendinopathy', 'tendonitis',
        'lateral epicondylitis', 'tennis elbow', 'medial epicondylitis', "golfer's elbow", 'carpal tunnel syndrome',
        'arthritis', 'postural tension', 'repetitive strain injury', 'myofascial pain syndrome', 'chronic pain',
        // contraindications and precautions
        'deep vein thrombosis', 'DVT', 'thrombophlebitis', 'blood clotting disorder', 'fever',
        'acute systemic infection', 'flu', 'influenza', 'tuberculosis', 'contagious skin condition', 'impetigo',
        'ringworm', 'tinea', 'shingles', 'herpes zoster', 'uncontrolled severe hypertension',
        'severe cardiovascular disease', 'open wound', 'impaired skin', 'severe bruise', 'haematoma',
        'recent fracture', 'recent surgery', 'acute inflammation', 'acute injury', 'varicose veins',
        'severe osteoporosis', 'anticoagulant therapy', 'on anticoagulants', 'blood thinners', 'bleeding disorder',
        'haemophilia', 'diabetes', 'diabetic peripheral neuropathy', 'lymphedema', 'at-risk limb', 'pregnancy',
        'cancer', 'metastasis', 'intoxication', 'undiagnosed lump',
      ],
      medications: ['warfarin', 'apixaban', 'rivaroxaban', 'dabigatran', 'edoxaban', 'heparin', 'enoxaparin', 'clopidogrel', 'aspirin'],
      sites: [
        'anterior triangle of the neck', 'posterior triangle of the neck', 'axilla', 'antecubital fossa',
        'femoral triangle', 'popliteal fossa', 'kidney area', 'umbilicus',
      ],
      findings: [
        'hypertonic', 'hypotonic', 'trigger point', 'TrP', 'adhesion', 'adhesions', 'tender', 'tenderness', 'guarding',
        'spasm', 'oedema', 'swelling', 'scar tissue', 'restricted fascia', 'inflammation', 'warmth', 'fibrosis',
        'taut band', 'crepitus',
      ],
    };

    for (const kind of TERM_KINDS) {
      it(`${kind}: every word from the domain resolves`, () => {
        const words = wordsOf(kind);
        const missing = EXPECTED[kind].filter((w) => !words.has(termKey(w)));
        assert.deepEqual(missing, [], `${kind} missing: ${missing.join(', ')}`);
      });
    }

    it('everyday words resolve to the intended terms', () => {
      const cases: [TermKind, string, string][] = [
        ['regions', 'calves', 'lower-leg'],
        ['regions', 'calf', 'lower-leg'],
        ['regions', 'shoulders', 'shoulder'],
        ['regions', 'low back', 'lower-back'],
        ['regions', 'lumbar', 'lower-back'],
        ['regions', 'hips', 'hip'],
        ['regions', 'neck', 'neck'],
        ['targets', 'IT band', 'iliotibial-band'],
        ['targets', 'ITB', 'iliotibial-band'],
        ['targets', 'gastroc', 'gastrocnemius'],
        ['targets', 'upper traps', 'upper-trapezius'],
        ['targets', 'traps', 'trapezius'],
        ['targets', 'hammies', 'hamstrings'],
        ['targets', 'glutes', 'gluteals'],
        ['techniques', 'STR', 'soft-tissue-release'],
        ['techniques', 'passive STR', 'soft-tissue-release-passive'],
        ['techniques', 'STR active', 'soft-tissue-release-active'],
        ['techniques', 'DTF', 'cross-fibre-friction'],
        ['techniques', 'CFF', 'cross-fibre-friction'],
        ['techniques', 'ischaemic compression', 'trigger-point-therapy'],
        ['techniques', 'MLD', 'manual-lymphatic-drainage'],
        ['techniques', 'MFR', 'myofascial-release'],
        ['conditions', 'DVT', 'deep-vein-thrombosis'],
        ['conditions', 'blood thinners', 'anticoagulant-therapy'],
        ['findings', 'TrP', 'trigger-point'],
      ];
      for (const [kind, word, id] of cases) {
        assert.equal(resolve(kind, word)?.id, id, `${kind}: "${word}"`);
      }
    });

    it('techniques carry the typical Walton levels and tags of the domain', () => {
      const expected: [string, number | undefined, string[]][] = [
        ['effleurage', 2, ['circulatory']],
        ['petrissage', 3, ['circulatory']],
        ['circular-friction', 4, ['friction', 'specific']],
        ['cross-fibre-friction', 4, ['friction', 'deep', 'specific']],
        ['tapotement', 3, ['percussive', 'bone-stressing', 'stimulating']],
        ['myofascial-release', 2, []],
        ['trigger-point-therapy', 4, ['specific', 'sustained']],
        ['deep-tissue-massage', 5, ['deep']],
        ['iastm', undefined, ['instrument', 'deep']],
        ['still-hold', 0, []],
        ['manual-lymphatic-drainage', 1, ['lymphatic']],
        ['soft-tissue-release-passive', undefined, ['passive']],
      ];
      for (const [id, pressure, tags] of expected) {
        const t = all.techniques.find((x) => x.id === id);
        assert.ok(t, `technique ${id}`);
        if (pressure !== undefined) {assert.equal(t.pressure, pressure, `${id}.pressure`);}
        for (const tag of tags) {assert.ok((t.tags ?? []).includes(tag), `${id} has tag ${tag}`);}
      }
    });

    it('targets named in the domain lie in sensible regions', () => {
      const expected: [string, string][] = [
        ['sternocleidomastoid', 'anterior-neck'],
        ['quadratus-lumborum', 'lower-back'],
        ['lumbar-paraspinals', 'lower-back'],
        ['gastrocnemius', 'lower-leg'],
        ['adductors', 'medial-thigh'],
        ['plantar-fascia', 'foot'],
        ['iliotibial-band', 'thigh'],
        ['common-extensor-tendon', 'elbow'],
        ['gluteus-medius', 'gluteal-region'],
      ];
      for (const [id, region] of expected) {
        assert.equal(all.targets.find((t) => t.id === id)?.region, region, `${id}.region`);
      }
    });
  });

  describe('contraindication rules', () => {
    it('every condition has a source, indications carry no rules, the others carry some', () => {
      for (const c of all.conditions) {
        assert.ok(c.source && c.source.trim().length > 0, `${c.id}: no source`);
        if (c.category === 'indication') {assert.equal((c.rules ?? []).length, 0, `${c.id}: indication with rules`);}
        else {assert.ok((c.rules ?? []).length > 0, `${c.id}: ${c.category} without rules`);}
        for (const r of c.rules ?? []) {assert.ok(r.message.trim().length >= 20, `${c.id}: rule message too short`);}
      }
    });

    it('clots, fever, systemic infection and intoxication are absolute while active', () => {
      for (const id of [
        'deep-vein-thrombosis', 'thrombophlebitis', 'blood-clotting-disorder', 'fever', 'acute-systemic-infection',
        'influenza', 'tuberculosis', 'intoxication',
      ]) {
        const abs = rulesOf(id, 'absolute');
        assert.equal(abs.length, 1, `${id}: one absolute rule`);
        assert.deepEqual(abs[0].status, ['active'], `${id}: absolute while active`);
        assert.ok(!abs[0].where || abs[0].where === 'everywhere', `${id}: everywhere`);
      }
      for (const id of ['deep-vein-thrombosis', 'thrombophlebitis', 'blood-clotting-disorder']) {
        assert.deepEqual(rulesOf(id, 'clearance')[0]?.status, ['controlled'], `${id}: clearance when controlled`);
      }
    });

    it('severe hypertension and cardiovascular disease: absolute when active, clearance when controlled', () => {
      for (const id of ['severe-hypertension', 'severe-cardiovascular-disease']) {
        assert.deepEqual(rulesOf(id, 'absolute')[0]?.status, ['active'], id);
        assert.deepEqual(rulesOf(id, 'clearance')[0]?.status, ['controlled'], id);
      }
      assert.equal(resolve<PackCondition>('conditions', 'uncontrolled severe hypertension')?.id, 'severe-hypertension');
    });

    it('contagious skin conditions are local, absolute when unlocated', () => {
      for (const id of ['contagious-skin-condition', 'impetigo', 'ringworm', 'shingles']) {
        const local = rulesOf(id, 'local');
        assert.equal(local.length, 1, id);
        assert.equal(local[0].where ?? 'site', 'site', id);
        assert.equal(local[0].unlocated, 'absolute', id);
      }
    });

    it('wounds, skin damage, bruises, fractures, surgery and lumps are local to the site', () => {
      for (const id of ['open-wound', 'impaired-skin', 'severe-bruise', 'haematoma', 'recent-fracture', 'recent-surgery', 'undiagnosed-lump']) {
        const local = rulesOf(id, 'local');
        assert.equal(local.length, 1, id);
        assert.equal(local[0].where ?? 'site', 'site', id);
        assert.equal(local[0].techniques, undefined, `${id}: all techniques`);
        assert.ok(local[0].unlocated === undefined || local[0].unlocated === 'warn', `${id}: unlocated warns`);
      }
      assert.equal(rulesOf('recent-fracture', 'clearance').length, 1);
      assert.equal(rulesOf('recent-surgery', 'clearance').length, 1);
      const iastm = rulesOf('recent-surgery', 'technique');
      assert.equal(iastm.length, 1);
      assert.equal(iastm[0].where, 'site');
      assert.ok(bars(iastm[0], 'iastm'));
      assert.match(rulesOf('undiagnosed-lump', 'local')[0].message, /refer/i);
    });

    it('acute inflammation and acute injury bar friction, deep tissue and IASTM and cap pressure at light on the site', () => {
      for (const id of ['acute-inflammation', 'acute-injury']) {
        const tech = rulesOf(id, 'technique');
        assert.equal(tech.length, 1, id);
        assert.equal(tech[0].where, 'site');
        for (const t of ['circular-friction', 'cross-fibre-friction', 'deep-tissue-massage', 'iastm']) {
          assert.ok(bars(tech[0], t), `${id} bars ${t}`);
        }
        for (const t of ['effleurage', 'manual-lymphatic-drainage', 'still-hold']) {
          assert.ok(!bars(tech[0], t), `${id} allows ${t}`);
        }
        const cap = rulesOf(id, 'pressure-cap');
        assert.equal(cap[0]?.where, 'site');
        assert.equal(cap[0]?.max, 2);
      }
    });

    it('acute injuries, operations and the weeks after birth carry their periods (no `# period:` comment is left unwired)', () => {
      for (const p of packs) {
        assert.ok(!/#\s*period:/.test(fs.readFileSync(path.join(knowledgeDir, p.file), 'utf8')), `${p.file}: a # period: comment`);
      }
      const expected: Record<string, [string, string]> = {
        'whiplash': ['72h', 'pressure-cap'], 'ankle-sprain': ['72h', 'pressure-cap'], 'wrist-sprain': ['72h', 'pressure-cap'],
        'knee-ligament-injury': ['72h', 'pressure-cap'], 'hamstring-strain': ['72h', 'pressure-cap'], 'calf-strain': ['72h', 'pressure-cap'],
        'groin-strain': ['72h', 'pressure-cap'], 'acute-low-back-strain': ['72h', 'pressure-cap'], 'rotator-cuff-tear': ['72h', 'pressure-cap'],
        'tendon-rupture': ['8w', 'pressure-cap'], 'rib-injury': ['6w', 'pressure-cap'],
        'dislocation': ['6w', 'precaution'], 'spinal-surgery': ['6w', 'precaution'], 'hernia-repair': ['6w', 'precaution'],
        'abdominal-surgery': ['6w', 'precaution'], 'acl-reconstruction': ['6w', 'precaution'], 'rotator-cuff-repair': ['6w', 'precaution'],
        'carpal-tunnel-release': ['6w', 'precaution'], 'liposuction': ['6w', 'precaution'], 'heart-bypass': ['6w', 'precaution'],
        'radiotherapy': ['6w', 'precaution'], 'caesarean-section': ['6w', 'precaution'],
        'cosmetic-injections': ['2w', 'resolved'], 'postpartum': ['6w', 'resolved'], 'recent-vaccination': ['48h', 'resolved'],
      };
      for (const [id, [length, after]] of Object.entries(expected)) {
        const period = condition(id).period;
        assert.equal(period?.length, length, `${id}: period length`);
        assert.ok(period?.from, `${id}: says what since marks`);
        if (after === 'resolved') {assert.equal(period.after, 'resolved', id);}
        else {
          assert.ok(Array.isArray(period.after) && period.after.some((r) => r.type === after), `${id}: ${after} after the period`);
          for (const r of period.after) {assert.ok(r.message.trim().length >= 20, `${id}: after-rule message too short`);}
          if (after === 'pressure-cap') {assert.equal(period.after.find((r) => r.type === 'pressure-cap')?.max, 3, `${id}: moderate after`);}
        }
      }
      for (const id of ['acl-reconstruction', 'rotator-cuff-repair']) {
        const after = condition(id).period?.after;
        const iastm = Array.isArray(after) ? after.find((r) => r.type === 'technique') : undefined;
        assert.ok(iastm && bars(iastm, 'iastm') && iastm.until === '12w', `${id}: no IASTM on the site until 12 weeks`);
      }
      // Until healed or medically cleared: no period, the rules hold until the entry is recorded resolved.
      for (const id of ['sunburn', 'burn-injury', 'concussion']) {assert.equal(condition(id).period, undefined, id);}
    });

    it('varicose veins: local and distal, deep or specific work only, lower leg by default', () => {
      const [rule] = rulesOf('varicose-veins', 'local');
      assert.ok(rule);
      assert.equal(rule.where ?? 'site', 'site');
      assert.equal(rule.distal, true);
      assert.deepEqual(rule.regions, ['lower-leg']);
      for (const t of ['deep-tissue-massage', 'cross-fibre-friction', 'trigger-point-therapy', 'iastm']) {assert.ok(bars(rule, t), t);}
      for (const t of ['effleurage', 'still-hold', 'manual-lymphatic-drainage']) {assert.ok(!bars(rule, t), t);}
    });

    it('severe osteoporosis: light only everywhere, no percussive or bone-stressing work', () => {
      const cap = rulesOf('severe-osteoporosis', 'pressure-cap');
      assert.equal(cap[0]?.max, 2);
      assert.ok(!cap[0].where || cap[0].where === 'everywhere');
      const tech = rulesOf('severe-osteoporosis', 'technique');
      assert.ok(bars(tech[0], 'tapotement'));
    });

    it('anticoagulants and bleeding disorders: moderate at most, no deep tissue, cross-fibre friction or IASTM', () => {
      for (const id of ['anticoagulant-therapy', 'bleeding-disorder']) {
        const cap = rulesOf(id, 'pressure-cap');
        assert.equal(cap[0]?.max, 3, id);
        assert.ok(!cap[0].where || cap[0].where === 'everywhere', id);
        const tech = rulesOf(id, 'technique')[0];
        for (const t of ['deep-tissue-massage', 'cross-fibre-friction', 'iastm']) {assert.ok(bars(tech, t), `${id} bars ${t}`);}
        assert.ok(!bars(tech, 'effleurage'));
      }
      for (const m of ['warfarin', 'apixaban', 'rivaroxaban', 'heparin', 'clopidogrel']) {
        assert.equal(resolve<PackMedication>('medications', m)?.implies, 'anticoagulant-therapy', m);
      }
    });

    it('diabetes is a precaution; diabetic neuropathy caps pressure in the feet and lower legs', () => {
      assert.equal(condition('diabetes').category, 'precaution');
      assert.match(rulesOf('diabetes', 'precaution')[0]?.message ?? '', /blood sugar/i);
      const cap = rulesOf('diabetic-peripheral-neuropathy', 'pressure-cap')[0];
      assert.equal(cap?.max, 2);
      assert.equal(cap.where, 'site');
      assert.ok(cap.regions?.includes('foot') && cap.regions.includes('lower-leg'));
    });

    it('lymphedema and at-risk limbs: light only on the limb, no IASTM, the limb must be recorded', () => {
      for (const id of ['lymphedema', 'at-risk-limb']) {
        const cap = rulesOf(id, 'pressure-cap')[0];
        assert.equal(cap?.max, 2, id);
        assert.equal(cap.where, 'site', id);
        assert.equal(cap.regions, undefined, `${id}: no default limb`);
        assert.ok(bars(rulesOf(id, 'technique')[0], 'iastm'), id);
      }
    });

    it('pregnancy: clearance, no deep or specific work on feet, lower legs, medial thigh, no abdominal work', () => {
      assert.equal(rulesOf('pregnancy', 'clearance').length, 1);
      const tech = rulesOf('pregnancy', 'technique')[0];
      assert.equal(tech.where, 'regions');
      assert.deepEqual([...(tech.regions ?? [])].sort(), ['foot', 'lower-leg', 'medial-thigh']);
      for (const t of ['deep-tissue-massage', 'trigger-point-therapy', 'cross-fibre-friction']) {assert.ok(bars(tech, t), t);}
      const local = rulesOf('pregnancy', 'local')[0];
      assert.equal(local.where, 'regions');
      assert.deepEqual(local.regions, ['abdomen']);
    });

    it('cancer and metastasis: clearance and light pressure over the site', () => {
      for (const id of ['cancer', 'metastasis']) {
        assert.equal(rulesOf(id, 'clearance').length, 1, id);
        const cap = rulesOf(id, 'pressure-cap')[0];
        assert.equal(cap?.max, 2, id);
        assert.equal(cap.where, 'site', id);
      }
    });
  });

  describe('endangerment sites', () => {
    it('the neck triangles sit over sternocleidomastoid and the scalenes', () => {
      const anterior = all.sites.find((s) => s.id === 'anterior-triangle-of-neck');
      assert.deepEqual(anterior?.regions, ['anterior-neck']);
      assert.ok(anterior?.targets?.includes('sternocleidomastoid'));
      const posterior = all.sites.find((s) => s.id === 'posterior-triangle-of-neck');
      assert.ok(posterior?.targets?.includes('scalenes'));
    });
  });

  describe('knowledge base v2: size, sources and one meaning per word', () => {
    it('the engine merges the built-in packs without a single synonym conflict', () => {
      assert.deepEqual(vocabulary.conflicts, []);
    });

    it('every entry of every kind has a source', () => {
      for (const kind of TERM_KINDS) {
        for (const t of all[kind] as PackTermBase[]) {
          assert.ok(t.source && t.source.trim().length > 10, `${kind} ${t.id}: no source`);
        }
      }
    });

    it('meets the counts the README states', () => {
      assert.ok(all.conditions.length >= 250, `${all.conditions.length} conditions`);
      assert.ok(all.techniques.length >= 60, `${all.techniques.length} techniques`);
      assert.ok(all.targets.length >= 150, `${all.targets.length} targets`);
      const medicationNames = all.medications.reduce((n, m) => n + 1 + (m.synonyms ?? []).length, 0);
      assert.ok(medicationNames >= 150, `${medicationNames} medication names`);
      const classes = new Set(all.medications.map((m) => m.drug_class.replace(/\s*\(.*$/, '')));
      assert.ok(classes.size >= 20, `${classes.size} drug classes: ${[...classes].join(', ')}`);
    });

    it('no word names a target and a region; a site shares a word only with the region it lies in', () => {
      const places: TermKind[] = ['targets', 'regions', 'sites'];
      const owners = new Map<string, { kind: TermKind; term: PackTermBase }[]>();
      for (const kind of places) {
        for (const t of all[kind] as PackTermBase[]) {
          for (const w of new Set([t.id, t.name, ...(t.synonyms ?? [])].map(termKey))) {
            owners.set(w, [...(owners.get(w) ?? []), { kind, term: t }]);
          }
        }
      }
      for (const [word, list] of owners) {
        const kinds = new Set(list.map((o) => o.kind));
        assert.ok(!(kinds.has('targets') && kinds.has('regions')), `"${word}" names a target and a region`);
        const site = list.find((o) => o.kind === 'sites')?.term as PackEndangermentSite | undefined;
        for (const other of list.length > 1 ? list.filter((o) => o.kind !== 'sites') : []) {
          const region = other.kind === 'regions' ? other.term.id : (other.term as PackTarget).region;
          assert.ok(site?.regions.some((r) => vocabulary.regionsOverlap(r, region)), `"${word}": site ${site?.id} is not in ${region}`);
        }
      }
    });

    it('a word that names a condition and a medication means the same thing', () => {
      const conditionsByWord = new Map<string, string>();
      for (const c of all.conditions) {
        for (const w of [c.id, c.name, ...(c.synonyms ?? [])]) {conditionsByWord.set(termKey(w), c.id);}
      }
      for (const m of all.medications) {
        for (const w of [m.name, ...(m.synonyms ?? [])]) {
          const c = conditionsByWord.get(termKey(w));
          assert.ok(c === undefined || c === m.implies, `"${w}" is the condition ${c} but the medication ${m.id} implies ${m.implies}`);
        }
      }
    });
  });

  describe('knowledge base v2: every body system', () => {
    const words: [string, string][] = [
      // infections, systemic and skin
      ['COVID-19', 'covid-19'], ['cold', 'common-cold'], ['flu', 'influenza'], ['cellulitis', 'cellulitis'], ['MRSA', 'mrsa'],
      ['cold sore', 'herpes-simplex'], ['herpes simplex', 'herpes-simplex'], ['scabies', 'scabies'], ['lice', 'head-lice'],
      ['warts', 'warts'], ['verruca', 'plantar-warts'], ['chickenpox', 'chickenpox'], ['glandular fever', 'glandular-fever'],
      // clots and circulation
      ['pulmonary embolism', 'pulmonary-embolism'], ['PE', 'pulmonary-embolism'], ['peripheral arterial disease', 'peripheral-arterial-disease'],
      ['PAD', 'peripheral-arterial-disease'], ['aneurysm', 'aneurysm'], ["Raynaud's", 'raynauds'], ['Raynauds', 'raynauds'],
      // heart and lungs
      ['heart attack', 'heart-attack'], ['myocardial infarction', 'heart-attack'], ['heart failure', 'severe-cardiovascular-disease'],
      ['atrial fibrillation', 'atrial-fibrillation'], ['AFib', 'atrial-fibrillation'], ['pacemaker', 'pacemaker'], ['stents', 'coronary-stent'],
      ['asthma', 'asthma'], ['COPD', 'copd'], ['emphysema', 'copd'], ['pneumonia', 'pneumonia'],
      // nervous system
      ['stroke', 'stroke'], ['CVA', 'stroke'], ['TIA', 'tia'], ['mini-stroke', 'tia'], ['epilepsy', 'epilepsy'], ['MS', 'multiple-sclerosis'],
      ["Parkinson's", 'parkinsons-disease'], ['concussion', 'concussion'], ['neuropathy', 'chemotherapy-induced-neuropathy'],
      ['sciatica', 'sciatica'], ['disc herniation', 'disc-herniation'], ['slipped disc', 'disc-herniation'],
      // musculoskeletal and inflammatory
      ['rheumatoid arthritis', 'rheumatoid-arthritis'], ['RA flare', 'rheumatoid-flare'], ['gout', 'gout'], ['lupus', 'lupus'],
      ['SLE', 'lupus'], ['ankylosing spondylitis', 'ankylosing-spondylitis'], ['osteoarthritis', 'arthritis'], ['hypermobility', 'hypermobility'],
      ['EDS', 'hypermobility'],
      // acute injuries by tissue and place
      ['sprain', 'sprain'], ['strain', 'strain'], ['whiplash', 'whiplash'], ['contusion', 'severe-bruise'], ['sprained ankle', 'ankle-sprain'],
      ['pulled hamstring', 'hamstring-strain'], ['burns', 'burn-injury'], ['sunburn', 'sunburn'],
      // surgery and implants
      ['knee replacement', 'knee-replacement'], ['TKR', 'knee-replacement'], ['hip replacement', 'hip-replacement'], ['mastectomy', 'mastectomy'],
      ['spinal fusion', 'spinal-fusion'], ['hernia repair', 'hernia-repair'], ['ACL reconstruction', 'acl-reconstruction'],
      // cancer and its treatment
      ['chemotherapy', 'chemotherapy'], ['chemo', 'chemotherapy'], ['radiotherapy', 'radiotherapy'], ['lymph node removal', 'at-risk-limb'],
      ['port', 'implanted-port'], ['breast cancer', 'breast-cancer'],
      // endocrine
      ['type 1 diabetes', 'diabetes'], ['type 2 diabetes', 'diabetes'], ['T2DM', 'diabetes'], ['high BP', 'hypertension'], ['HTN', 'hypertension'], ['hypothyroidism', 'hypothyroidism'],
      ['underactive thyroid', 'hypothyroidism'], ['overactive thyroid', 'hyperthyroidism'], ['low blood sugar', 'hypoglycaemia'],
      // pregnancy and postpartum
      ['first trimester', 'first-trimester'], ['second trimester', 'second-trimester'], ['third trimester', 'third-trimester'],
      ['preeclampsia', 'preeclampsia'], ['pre-eclampsia', 'preeclampsia'], ['high-risk pregnancy', 'high-risk-pregnancy'],
      ['gestational diabetes', 'gestational-diabetes'], ['postpartum', 'postpartum'], ['C-section', 'caesarean-section'],
      // kidney and liver, skin, mental health
      ['chronic kidney disease', 'chronic-kidney-disease'], ['CKD', 'chronic-kidney-disease'], ['cirrhosis', 'liver-disease'],
      ['eczema', 'eczema'], ['psoriasis', 'psoriasis'], ['anxiety', 'anxiety'], ['PTSD', 'ptsd'], ['history of trauma', 'ptsd'],
    ];
    for (const [word, id] of words) {
      it(`condition "${word}" -> ${id}`, () => {
        assert.equal(resolve<PackCondition>('conditions', word)?.id, id);
      });
    }

    it('the issue-10 conditions carry the domain rules', () => {
      assert.deepEqual(rulesOf('covid-19', 'absolute')[0]?.status, ['active']);
      assert.deepEqual(rulesOf('pulmonary-embolism', 'absolute')[0]?.status, ['active']);
      assert.equal(rulesOf('mrsa', 'local')[0]?.unlocated, 'absolute');
      assert.equal(rulesOf('pacemaker', 'pressure-cap')[0]?.max, 2);
      assert.ok(bars(rulesOf('multiple-sclerosis', 'technique')[0], 'hot-stone-massage'), 'MS bars heat');
      assert.ok(bars(rulesOf('raynauds', 'technique')[0], 'ice-massage'), "Raynaud's bars cold");
      for (const id of ['whiplash', 'ankle-sprain', 'hamstring-strain', 'calf-strain', 'groin-strain']) {
        const tech = rulesOf(id, 'technique')[0];
        for (const t of ['cross-fibre-friction', 'deep-tissue-massage', 'iastm', 'graston-technique']) {assert.ok(bars(tech, t), `${id} bars ${t}`);}
        assert.equal(rulesOf(id, 'pressure-cap')[0]?.max, 2, id);
      }
      for (const id of ['first-trimester', 'second-trimester', 'third-trimester', 'high-risk-pregnancy']) {
        assert.equal(rulesOf(id, 'clearance').length, 1, id);
        assert.deepEqual(rulesOf(id, 'local')[0]?.regions, ['abdomen'], id);
      }
      assert.deepEqual(rulesOf('preeclampsia', 'absolute')[0]?.status, ['active']);
    });
  });

  describe('knowledge base v2: medications by drug class', () => {
    const cases: [string, string][] = [
      ['warfarin', 'anticoagulant-therapy'], ['Eliquis', 'anticoagulant-therapy'], ['blood thinners', 'anticoagulant-therapy'],
      ['blood thinner', 'anticoagulant-therapy'], ['anticoagulant', 'anticoagulant-therapy'], ['aspirin daily', 'anticoagulant-therapy'],
      ['prednisone', 'corticosteroid-therapy'], ['prednisolone', 'corticosteroid-therapy'], ['dexamethasone', 'corticosteroid-therapy'],
      ['methotrexate', 'immunosuppressant-therapy'], ['Humira', 'immunosuppressant-therapy'], ['adalimumab', 'immunosuppressant-therapy'],
      ['cyclophosphamide', 'chemotherapy'], ['glargine', 'diabetes'], ['lispro', 'diabetes'], ['gliclazide', 'diabetes'], ['glipizide', 'diabetes'],
      ['lisinopril', 'antihypertensive-therapy'], ['losartan', 'antihypertensive-therapy'], ['metoprolol', 'antihypertensive-therapy'],
      ['amlodipine', 'antihypertensive-therapy'], ['furosemide', 'antihypertensive-therapy'], ['water pills', 'antihypertensive-therapy'],
      ['ibuprofen', 'simple-pain-relief'], ['naproxen', 'simple-pain-relief'], ['tramadol', 'analgesic-medication'],
      ['oxycodone', 'analgesic-medication'], ['cyclobenzaprine', 'analgesic-medication'], ['gabapentin', 'analgesic-medication'],
      ['pregabalin', 'analgesic-medication'], ['alendronate', 'severe-osteoporosis'], ['denosumab', 'severe-osteoporosis'],
      ['atorvastatin', 'statin-therapy'], ['sertraline', 'psychotropic-medication'], ['lorazepam', 'psychotropic-medication'],
      ['quetiapine', 'psychotropic-medication'], ['levothyroxine', 'hypothyroidism'],
    ];
    for (const [word, implies] of cases) {
      it(`"${word}" implies ${implies}`, () => {
        assert.equal(resolve<PackMedication>('medications', word)?.implies, implies);
      });
    }

    it('each class implies what the domain table says', () => {
      assert.equal(rulesOf('corticosteroid-therapy', 'pressure-cap')[0]?.max, 3);
      for (const t of ['iastm', 'cross-fibre-friction', 'circular-friction']) {assert.ok(bars(rulesOf('corticosteroid-therapy', 'technique')[0], t), t);}
      assert.equal(rulesOf('immunosuppressant-therapy', 'precaution').length, 1);
      assert.equal(rulesOf('chemotherapy', 'clearance').length, 1);
      assert.match(rulesOf('diabetes', 'precaution')[0]?.message ?? '', /blood sugar/);
      assert.match(rulesOf('antihypertensive-therapy', 'precaution')[0]?.message ?? '', /slowly/);
      assert.equal(rulesOf('analgesic-medication', 'pressure-cap')[0]?.max, 3);
      assert.match(rulesOf('simple-pain-relief', 'precaution')[0]?.message ?? '', /last took/);
      assert.equal(rulesOf('psychotropic-medication', 'precaution').length, 1);
    });
  });

  describe('knowledge base v2: targets, techniques and endangerment words', () => {
    const targets: [string, string][] = [
      ['brachialis', 'brachialis'], ['ECRB', 'extensor-carpi-radialis-brevis'], ['ECRL', 'extensor-carpi-radialis-longus'],
      ['FCU', 'flexor-carpi-ulnaris'], ['obliques', 'obliques'], ['TMJ', 'temporomandibular-joint'], ['jaw joint', 'temporomandibular-joint'],
      ['SI joint', 'sacroiliac-joint'], ['shoulder blade', 'scapula'], ['arch', 'foot-arch'], ['TVA', 'transversus-abdominis'],
      ['VMO', 'vastus-medialis'], ['SCM', 'sternocleidomastoid'], ['QL', 'quadratus-lumborum'], ['TFL', 'tensor-fasciae-latae'],
      ['intercostals', 'intercostals'], ['diaphragm', 'diaphragm'], ['pec minor', 'pectoralis-minor'], ['collarbone', 'clavicle'],
      ['tailbone', 'coccyx'], ['sit bones', 'ischial-tuberosity'], ['kneecap', 'patella'], ['MCL', 'medial-collateral-ligament'],
    ];
    for (const [word, id] of targets) {
      it(`target "${word}" -> ${id}`, () => {
        assert.equal(resolve<PackTarget>('targets', word)?.id, id);
      });
    }

    it('everyday body-area words resolve as places: shin, heel, jaw, sacrum, groin, flank', () => {
      for (const w of ['shin', 'heel', 'jaw', 'sacrum', 'groin', 'flank', 'armpit', 'back of the knee', 'elbow crease', 'side of the neck', 'belly button']) {
        assert.ok(vocabulary.resolvePlace(w), w);
      }
    });

    const siteWords: [string, string][] = [
      ['armpit', 'axilla'], ['underarm', 'axilla'], ['back of the knee', 'popliteal-fossa'], ['behind the knee', 'popliteal-fossa'],
      ['groin', 'femoral-triangle'], ['upper inner thigh', 'femoral-triangle'], ['elbow crease', 'antecubital-fossa'],
      ['inner elbow', 'antecubital-fossa'], ['front of the elbow', 'antecubital-fossa'], ['side of the neck', 'posterior-triangle-of-neck'],
      ['front of the neck', 'anterior-triangle-of-neck'], ['throat', 'anterior-triangle-of-neck'], ['flank', 'kidney-area'],
      ['loin', 'kidney-area'], ['belly button', 'umbilicus'], ['navel', 'umbilicus'],
      ['sternocleidomastoid', 'anterior-triangle-of-neck'], ['axilla', 'axilla'],
    ];
    for (const [word, site] of siteWords) {
      it(`"${word}" keeps its endangerment site (${site})`, () => {
        assert.equal(vocabulary.resolvePlace(word)?.site?.id, site);
      });
    }

    it('broad region words carry no site: neck, abdomen, shoulder, thigh, lower back, knee, elbow', () => {
      for (const w of ['neck', 'abdomen', 'shoulder', 'thigh', 'lower back', 'knee', 'elbow', 'calves']) {
        assert.equal(vocabulary.resolvePlace(w)?.site, undefined, w);
      }
    });

    const techniques: [string, number, string[]][] = [
      ['neuromuscular therapy', 4, ['specific']], ['NMT', 4, []], ['sports massage', 3, []], ['Swedish massage', 3, []],
      ['reflexology', 3, []], ['craniosacral therapy', 1, []], ['hot stone massage', 3, ['heat']], ['moving cupping', 3, ['suction']],
      ['fire cupping', 3, ['suction', 'heat']], ['gua sha', 3, ['instrument']], ['Graston technique', 4, ['instrument']],
      ['ASTYM', 4, ['instrument']], ['IASTM', 4, ['instrument']], ['active release technique', 4, ['stretch']], ['ART', 4, []],
      ['PNF', 2, ['stretch']], ['muscle energy technique', 2, []], ['joint mobilisation', 2, ['joint']], ['joint mobilization', 2, ['joint']],
      ['massage gun', 3, ['percussive', 'instrument']], ['Theragun', 3, ['percussive']], ['manual lymphatic drainage', 1, ['lymphatic']],
      ['Thai massage', 3, ['stretch']], ['shiatsu', 3, []], ['acupressure', 3, []], ['Bowen therapy', 1, []],
      ['hot pack', 0, ['heat']], ['ice pack', 0, ['cold']], ['ice massage', 2, ['cold']], ['contrast hydrotherapy', 0, ['heat', 'cold']],
      ['kinesiology taping', 0, []], ['foam roller', 3, ['self-care']],
    ];
    for (const [word, level, tags] of techniques) {
      it(`technique "${word}": Walton ${level}${tags.length ? `, tags ${tags.join(', ')}` : ''}`, () => {
        const t = resolve<PackTechnique>('techniques', word);
        assert.ok(t, word);
        assert.equal(t.pressure, level);
        for (const tag of tags) {assert.ok((t.tags ?? []).includes(tag), `${t.id} has tag ${tag}`);}
      });
    }
  });

  describe('knowledge base v2: rule fixtures cover every body system', () => {
    const notes = ruleFixtureDirs().flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.soap.yaml')).map((f) => path.join(dir, f)));
    /** The pack of every condition and medication a fixture note records. */
    const packsNamed = notes.map((f) => {
      type Note = { health?: { conditions?: { condition?: string }[]; medications?: unknown[] } } | null;
      let note: Note = null;
      try {
        note = parse(fs.readFileSync(f, 'utf8')) as Note;
      } catch {
        // The yaml.* fixtures are broken on purpose; they name no condition.
      }
      const named = new Set<string>();
      for (const c of note?.health?.conditions ?? []) {
        const term = c.condition ? vocabulary.resolve('condition', c.condition) : undefined;
        if (term) {named.add(term.pack);}
      }
      for (const m of note?.health?.medications ?? []) {
        const term = typeof m === 'string' ? vocabulary.findMedication(m) : undefined;
        const implied = term ? vocabulary.get('condition', term.implies) : undefined;
        for (const found of [term, implied]) {
          if (found) {named.add(found.pack);}
        }
      }
      return named;
    });

    it('at least 120 fixture pairs, each with its expected findings', () => {
      assert.ok(notes.length >= 120, `${notes.length} fixtures`);
      for (const f of notes) {assert.ok(fs.existsSync(f.replace(/\.soap\.yaml$/, '.expected.yaml')), f);}
    });

    for (const { pack } of packs.filter((p) => (p.pack.conditions ?? []).length > 0 || (p.pack.medications ?? []).length > 0)) {
      it(`${pack.id}: at least three fixtures record its conditions or medications`, () => {
        const count = packsNamed.filter((named) => named.has(pack.id)).length;
        assert.ok(count >= 3, `${pack.id}: ${count} fixtures`);
      });
    }
  });
});
