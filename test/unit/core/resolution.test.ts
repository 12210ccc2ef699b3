import * as assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { normaliseSide, sidesOverlap } from '../../../server/src/core/model';
import { termKey } from '../../../server/src/core/vocabulary/normalize';
import type { TermKind } from '../../../server/src/core/vocabulary/vocabulary';
import { BUILTIN_LANGUAGE_PACKS, BUILTIN_PACKS } from '../../../server/src/generated/builtinPacks';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const vocabulary = createEngine({ packs: builtinPackSources(), host: nodeHost() }).vocabulary;

describe('term resolution', () => {
  const cases: [TermKind, string, string][] = [
    ['target', 'IT band', 'iliotibial-band'],
    ['target', 'it-band', 'iliotibial-band'],
    ['target', 'Iliotibial Band', 'iliotibial-band'],
    ['target', 'gastroc', 'gastrocnemius'],
    ['target', 'GASTROCNEMIUS', 'gastrocnemius'],
    ['technique', 'STR', 'soft-tissue-release'],
    ['technique', 'cross fibre friction', 'cross-fibre-friction'],
    ['technique', 'cross-fiber friction', 'cross-fibre-friction'],
    ['technique', 'Deep Transverse Friction', 'cross-fibre-friction'],
    ['technique', 'instrument assisted soft tissue mobilization', 'iastm'],
    ['technique', 'soft tissue mobilisation', 'soft-tissue-mobilisation'],
    ['condition', 'DVT', 'deep-vein-thrombosis'],
    ['condition', 'hematoma', 'haematoma'],
    ['condition', "golfer's elbow", 'medial-epicondylitis'],
    ['condition', 'tennis elbow', 'lateral-epicondylitis'],
    ['region', 'lower back', 'lower-back'],
    ['region', 'calves', 'lower-leg'],
    ['region', 'shoulders', 'shoulder'],
    ['medication', 'Eliquis', 'apixaban'],
  ];
  for (const [kind, text, id] of cases) {
    it(`${kind} '${text}' -> ${id}`, () => {
      assert.equal(vocabulary.resolve(kind, text)?.id, id);
    });
  }

  it('finds a medication inside free text', () => {
    assert.equal(vocabulary.findMedication('warfarin 5 mg daily')?.id, 'warfarin');
    assert.equal(vocabulary.findMedication('vitamin D as needed'), undefined);
  });

  // A drug anywhere in the line applies its class: brand names, doses and frequencies around it.
  const medicationLines: [string, string, string][] = [
    ['Eliquis 5mg BID', 'apixaban', 'anticoagulant-therapy'],
    ['prednisone 5 mg daily', 'prednisone', 'corticosteroid-therapy'],
    ['takes Humira every 2 weeks', 'adalimumab', 'immunosuppressant-therapy'],
    ['Lantus 20 units at night', 'insulin-glargine', 'diabetes'],
    ['gliclazide 80mg bd', 'gliclazide', 'diabetes'],
    ['Zestril 10 mg once daily', 'lisinopril', 'antihypertensive-therapy'],
    ['ibuprofen 400mg PRN', 'ibuprofen', 'simple-pain-relief'],
    ['pregabalin 75mg bd', 'pregabalin', 'analgesic-medication'],
    ['co-codamol 30/500 x2', 'codeine', 'analgesic-medication'],
    ['Fosamax 70 mg weekly', 'alendronate', 'severe-osteoporosis'],
    ['blood thinners', 'blood-thinner', 'anticoagulant-therapy'],
    ['on a blood thinner since the stent', 'blood-thinner', 'anticoagulant-therapy'],
    ['aspirin daily', 'blood-thinner', 'anticoagulant-therapy'],
    ['water pills in the morning', 'water-pills', 'antihypertensive-therapy'],
  ];
  for (const [line, id, implies] of medicationLines) {
    it(`finds ${id} in '${line}' and its class implies ${implies}`, () => {
      const found = vocabulary.findMedication(line);
      assert.equal(found?.id, id);
      assert.equal(found?.implies, implies);
    });
  }

  it('a lay word in a medication line: the condition and the medication agree', () => {
    assert.equal(vocabulary.resolve('condition', 'blood thinners')?.id, vocabulary.findMedication('blood thinners')?.implies);
  });

  const suggestions: [TermKind[], string, string | undefined][] = [
    [['technique'], 'efleurage', 'effleurage'],
    [['technique'], 'petrisage', 'petrissage'],
    [['target'], 'gastrocnemus', 'gastrocnemius'],
    [['condition'], 'deep vein thrombsis', 'deep vein thrombosis'],
    [['technique'], 'xyzzy', undefined],
    [['technique'], 'ab', undefined],
  ];
  for (const [kinds, text, name] of suggestions) {
    it(`suggests ${name ?? 'nothing'} for '${text}'`, () => {
      assert.equal(vocabulary.suggest(kinds, text)?.name, name);
    });
  }

  it('folds spelling, case and punctuation in the comparison key', () => {
    assert.equal(termKey('Cross-Fibre  Friction'), termKey('cross fiber friction'));
    assert.equal(termKey('Oedema'), termKey('edema'));
    assert.equal(termKey('IT band'), 'itband');
  });

  /** termKey before its fast paths: every step run on every word (the result the fast paths must keep). */
  function referenceKey(text: string): string {
    let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
    const folds: [RegExp, string][] = [
      [/fibre/g, 'fiber'], [/centre/g, 'center'], [/oedema/g, 'edema'], [/oesophag/g, 'esophag'], [/haem/g, 'hem'], [/aemi/g, 'emi'],
      [/ischaem/g, 'ischem'], [/paed/g, 'ped'], [/isation/g, 'ization'], [/ise(d|s)?\b/g, 'ize$1'], [/our\b/g, 'or'], [/tre\b/g, 'ter'],
    ];
    for (const [pattern, replacement] of folds) {
      s = s.replace(pattern, replacement);
    }
    return s.replace(/[^a-z0-9]+/g, '');
  }

  it('gives the same key as running every step, for every built-in word and odd spellings', () => {
    const words: string[] = [
      'Lymphœdème', 'LYMPHOEDEME', 'Ischaemia', 'paediatric', 'Haematoma', 'anaemia', 'mobilisation', 'Mobilised', 'centres', 'theatre', 'colour',
      'Straße', 'ÆSTHETIC', 'İliac', 'ﬁbre', 'Ｆｉｂｒｅ', 'cross\u00a0fibre', 'tre', 'ise', 'O\u0301edema', '', '  ', 'TVP', "Golfer's elbow",
    ];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        words.push(value);
      } else if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach(walk);
      }
    };
    walk([...BUILTIN_PACKS, ...BUILTIN_LANGUAGE_PACKS]);
    const differ = words.filter((word) => termKey(word) !== referenceKey(word));
    assert.deepEqual(differ, []);
    assert.ok(words.length > 5000, `${words.length} words compared`);
  });
});

describe('sides', () => {
  const sides: [string | undefined, string | undefined][] = [
    ['L', 'left'], ['l', 'left'], ['Left', 'left'], ['R', 'right'], ['bilat', 'bilateral'], ['Bilateral', 'bilateral'], ['up', undefined], [undefined, undefined],
  ];
  for (const [text, side] of sides) {
    it(`'${text}' -> ${side}`, () => assert.equal(normaliseSide(text), side));
  }
  const overlap: [string | undefined, string | undefined, boolean][] = [
    ['left', 'right', false], ['right', 'left', false], ['left', 'left', true], ['left', 'bilateral', true], ['bilateral', 'right', true], [undefined, 'left', true], ['right', undefined, true],
  ];
  for (const [a, b, expected] of overlap) {
    it(`${a} vs ${b}: ${expected ? 'overlap' : 'apart'}`, () => assert.equal(sidesOverlap(a as never, b as never), expected));
  }
});

describe('regions: containment and distal', () => {
  const overlaps: [string, string, boolean][] = [
    ['lower-leg', 'lower-limb', true],
    ['lower-limb', 'lower-leg', true],
    ['lower-leg', 'lower-leg', true],
    ['lower-leg', 'thigh', false],
    ['upper-back', 'lower-back', false],
    ['forearm', 'upper-limb', true],
  ];
  for (const [a, b, expected] of overlaps) {
    it(`${a} overlaps ${b}: ${expected}`, () => assert.equal(vocabulary.regionsOverlap(a, b), expected));
  }
  const distal: [string, string, boolean][] = [
    ['foot', 'lower-leg', true],
    ['ankle', 'knee', true],
    ['thigh', 'lower-leg', false],
    ['hand', 'elbow', true],
    ['hand', 'lower-leg', false],
    ['medial-thigh', 'hip', true],
    ['lower-back', 'lower-leg', false],
  ];
  for (const [target, site, expected] of distal) {
    it(`${target} distal to ${site}: ${expected}`, () => assert.equal(vocabulary.isDistal(target, site), expected));
  }
  it('places a muscle in its region', () => {
    assert.equal(vocabulary.resolvePlace('gastroc')?.region, 'lower-leg');
    assert.equal(vocabulary.resolvePlace('popliteal fossa')?.site?.id, 'popliteal-fossa');
  });
});
