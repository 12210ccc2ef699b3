import * as assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { complete } from '../../../server/src/core/features/completion';
import { HEADER, testEngine, withCursor } from './helpers';

interface Case {
  name: string;
  /** The note, with `|` where the cursor is. */
  doc: string;
  expect: {
    includes?: string[];
    excludes?: string[];
    /** Label of the best-ranked item. */
    first?: string;
    /** Labels of the worst-ranked items, in any order. */
    lastGroup?: string[];
    /** Labels whose detail carries a ⚠ mark. */
    marked?: string[];
    /** Labels that must not be marked. */
    unmarked?: string[];
    /** A snippet with this label is offered. */
    snippet?: string;
    /** Text the first item's edit writes. */
    firstEdit?: string;
    empty?: boolean;
  };
}

const ANTICOAGULANT = `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - technique: |\n    target: erector spinae\n`;
const TRIGGER_POINT = `${HEADER}objective:\n  findings:\n    - {target: upper trapezius, side: right, finding: trigger point}\ntreatment:\n  - technique: |\n`;

const cases: Case[] = [
  // Where the cursor is: block and flow style, with and without a prefix.
  { name: 'technique value, block style, no prefix', doc: `${HEADER}treatment:\n  - technique: |\n`, expect: { includes: ['effleurage', 'petrissage', 'trigger point therapy'], excludes: ['gastrocnemius', 'left'] } },
  { name: 'technique value, block style, with prefix', doc: `${HEADER}treatment:\n  - technique: eff|\n`, expect: { includes: ['effleurage'], excludes: ['petrissage'], first: 'effleurage', firstEdit: 'effleurage' } },
  { name: 'technique value, flow style, with prefix', doc: `${HEADER}treatment:\n  - {technique: eff|}\n`, expect: { first: 'effleurage', excludes: ['petrissage'] } },
  { name: 'technique value, flow style, no prefix, other keys after', doc: `${HEADER}treatment:\n  - {technique: |, target: calf}\n`, expect: { includes: ['effleurage', 'tapotement'] } },
  { name: 'a misspelt technique is offered its correction', doc: `${HEADER}treatment:\n  - technique: efleurage|\n`, expect: { first: 'effleurage', excludes: ['petrissage'] } },
  { name: 'a misspelt target is offered its correction', doc: `${HEADER}treatment:\n  - technique: petrissage\n    target: gastrocnemus|\n`, expect: { first: 'gastrocnemius' } },
  { name: 'technique synonym STR', doc: `${HEADER}treatment:\n  - technique: STR|\n`, expect: { first: 'soft tissue release' } },
  { name: 'target synonym gastroc', doc: `${HEADER}treatment:\n  - technique: petrissage\n    target: gastroc|\n`, expect: { first: 'gastrocnemius', excludes: ['soleus'] } },
  { name: 'target synonym IT band (two words)', doc: `${HEADER}treatment:\n  - {technique: myofascial release, target: IT band|}\n`, expect: { first: 'iliotibial band' } },
  { name: 'target offers regions and endangerment sites too', doc: `${HEADER}treatment:\n  - technique: effleurage\n    target: |\n`, expect: { includes: ['gastrocnemius', 'lower back', 'popliteal fossa'] } },
  { name: 'region of a condition', doc: `${HEADER}health:\n  conditions:\n    - condition: varicose veins\n      region: low|\n`, expect: { includes: ['lower leg', 'lower back'] } },
  { name: 'condition value', doc: `${HEADER}health:\n  conditions:\n    - condition: deep|\n`, expect: { includes: ['deep vein thrombosis'] } },
  { name: 'condition synonym', doc: `${HEADER}health:\n  conditions:\n    - {condition: DVT|}\n`, expect: { first: 'deep vein thrombosis' } },
  { name: 'finding value in objective findings', doc: `${HEADER}objective:\n  findings:\n    - {target: upper trapezius, finding: |}\n`, expect: { includes: ['trigger point', 'hypertonic', 'adhesion'], excludes: ['effleurage'] } },
  { name: 'side values', doc: `${HEADER}treatment:\n  - technique: effleurage\n    side: |\n`, expect: { includes: ['left', 'right', 'bilateral'], excludes: ['L'] } },
  { name: 'pressure words and levels', doc: `${HEADER}treatment:\n  - technique: effleurage\n    pressure: |\n`, expect: { includes: ['still', 'light', 'moderate', 'firm', 'deep', '0', '5'], first: 'still' } },
  { name: 'status values', doc: `${HEADER}health:\n  conditions:\n    - condition: hypertension\n      status: |\n`, expect: { includes: ['active', 'controlled', 'resolved'] } },
  { name: 'clearance values', doc: `${HEADER}health:\n  conditions:\n    - {condition: pregnancy, clearance: |}\n`, expect: { includes: ['true', 'false'], first: 'false' } },
  { name: 'format version', doc: 'soapnote: |\n', expect: { includes: ['1'] } },
  { name: 'session date is today when known', doc: 'soapnote: 1\ndate: |\n', expect: { includes: ['2026-11-20'] } },
  { name: 'next visit a week after the session', doc: `${HEADER}plan:\n  next_visit: |\n`, expect: { first: '2026-11-27', includes: ['2026-12-04'] } },
  { name: 'medication in a flow list', doc: `${HEADER}health:\n  medications: [war|]\n`, expect: { first: 'warfarin' } },
  { name: 'no values for free text', doc: `${HEADER}subjective:\n  complaint: |\n`, expect: { empty: true } },
  { name: 'nothing inside a comment', doc: `${HEADER}# treatment: |\n`, expect: { empty: true } },

  // Ranking by what the note records.
  { name: 'anticoagulant note: deep tissue massage last and marked', doc: ANTICOAGULANT, expect: { lastGroup: ['cross-fibre friction', 'deep tissue massage', 'instrument-assisted soft tissue mobilisation'], marked: ['deep tissue massage', 'trigger point therapy'], unmarked: ['effleurage', 'petrissage'] } },
  { name: 'anticoagulant note: pressure over the cap marked', doc: `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - technique: effleurage\n    pressure: |\n`, expect: { marked: ['firm', 'deep', '4', '5'], unmarked: ['light', 'moderate', '3'] } },
  { name: 'DVT on the left calf: targets there barred', doc: `${HEADER}health:\n  conditions:\n    - {condition: deep vein thrombosis, region: calf, side: left}\ntreatment:\n  - technique: effleurage\n    target: |\n`, expect: { marked: ['gastrocnemius', 'erector spinae'] } },
  { name: 'open wound on the left forearm: only targets there barred', doc: `${HEADER}health:\n  conditions:\n    - {condition: open wound, region: forearm, side: left}\ntreatment:\n  - technique: effleurage\n    side: left\n    target: |\n`, expect: { marked: ['forearm flexors', 'forearm extensors'], unmarked: ['gastrocnemius', 'erector spinae'] } },
  { name: 'trigger point finding: trigger point therapy first', doc: TRIGGER_POINT, expect: { first: 'trigger point therapy' } },
  { name: 'targets recorded in findings first', doc: `${HEADER}objective:\n  findings:\n    - {target: lumbar paraspinals, side: bilateral, finding: hypertonic}\ntreatment:\n  - technique: effleurage\n    target: |\n`, expect: { first: 'lumbar paraspinals' } },
  { name: 'a prefix keeps the findings ranking among matches', doc: `${HEADER}objective:\n  findings:\n    - {target: upper trapezius, finding: trigger point}\ntreatment:\n  - technique: effleurage\n    target: trap|\n`, expect: { first: 'upper trapezius', includes: ['middle trapezius'] } },

  // Keys.
  { name: 'top-level keys not yet present', doc: `${HEADER}|`, expect: { includes: ['visit', 'health', 'treatment', 'plan', 'signed', 'addenda'], excludes: ['soapnote', 'client', 'date', 'therapist'] } },
  { name: 'top-level keys with prefix', doc: `${HEADER}tre|`, expect: { first: 'treatment', excludes: ['plan'] } },
  { name: 'top-level key written after a section', doc: `${HEADER}treatment:\n  - technique: effleurage\n    target: calf\n|`, expect: { includes: ['plan'], excludes: ['treatment', 'technique'] } },
  { name: 'health keys', doc: `${HEADER}health:\n  medications: [warfarin]\n  |`, expect: { includes: ['conditions', 'allergies'], excludes: ['medications', 'client'] } },
  { name: 'subjective keys', doc: `${HEADER}subjective:\n  |\n  pain: 5\n`, expect: { includes: ['complaint', 'goals', 'notes'], excludes: ['pain'] } },
  { name: 'plan keys with prefix', doc: `${HEADER}plan:\n  next|\n`, expect: { first: 'next_visit' } },
  { name: 'assessment keys', doc: `${HEADER}assessment:\n  summary: fine\n  |`, expect: { includes: ['pain_after', 'response'], excludes: ['summary'] } },
  { name: 'treatment entry keys, block style', doc: `${HEADER}treatment:\n  - technique: effleurage\n    |\n`, expect: { includes: ['target', 'side', 'pressure', 'minutes'], excludes: ['technique', 'condition'] } },
  { name: 'treatment entry keys, flow style', doc: `${HEADER}treatment:\n  - {technique: effleurage, |}\n`, expect: { includes: ['target', 'side', 'pressure', 'minutes'], excludes: ['technique'] } },
  { name: 'treatment entry keys, second entry', doc: `${HEADER}treatment:\n  - technique: effleurage\n    target: calf\n  - technique: petrissage\n    |\n`, expect: { includes: ['target'], excludes: ['technique'] } },
  { name: 'condition keys', doc: `${HEADER}health:\n  conditions:\n    - condition: varicose veins\n      |\n`, expect: { includes: ['region', 'side', 'status', 'clearance', 'since', 'note'], excludes: ['condition', 'technique'] } },
  { name: 'objective finding keys', doc: `${HEADER}objective:\n  findings:\n    - {target: calf, |}\n`, expect: { includes: ['side', 'finding'], excludes: ['target', 'technique'] } },
  { name: 'compact sequence under its key', doc: `${HEADER}treatment:\n- technique: effleurage\n  |\n`, expect: { includes: ['target'], excludes: ['plan'] } },
  { name: 'key completion keeps an existing colon', doc: `${HEADER}treatment:\n  - tech|: effleurage\n`, expect: { first: 'technique', firstEdit: 'technique' } },

  // Broken YAML, mid-edit.
  { name: 'a line with only "- tech"', doc: `${HEADER}treatment:\n  - tech|`, expect: { first: 'technique', excludes: ['target'] } },
  { name: 'unclosed flow mapping above the cursor', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: erector spinae\n  - technique: pet|\n`, expect: { first: 'petrissage' } },
  { name: 'unclosed flow mapping at the cursor', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: gastroc|\n`, expect: { first: 'gastrocnemius' } },
  { name: 'tab and stray colon above the cursor', doc: `${HEADER}treatment:\n  - technique: : :\n\t  target: [\n  - technique: trig|\n`, expect: { first: 'trigger point therapy' } },
  { name: 'broken note still ranks by recorded medication text', doc: `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - {technique: effleurage, target: [calf\n  - technique: |\n`, expect: { includes: ['deep tissue massage'] } },

  // New knowledge shows up without code changes.
  { name: 'knowledge v2 technique completes', doc: `${HEADER}treatment:\n  - technique: neuromusc|\n`, expect: { includes: ['neuromuscular therapy'] } },
  { name: 'knowledge v2 target completes', doc: `${HEADER}treatment:\n  - {technique: effleurage, target: brachi|}\n`, expect: { includes: ['brachialis'] } },
  { name: 'knowledge v2 condition completes', doc: `${HEADER}health:\n  conditions:\n    - condition: preecl|\n`, expect: { includes: ['pre-eclampsia'] } },

  // Snippets.
  { name: 'empty document: whole note skeleton', doc: '|', expect: { first: 'new SOAP note', snippet: 'new SOAP note', includes: ['soapnote'] } },
  { name: 'empty document with a comment', doc: '# new client\n|', expect: { snippet: 'new SOAP note' } },
  { name: 'a first word in an empty document', doc: 'soap|', expect: { snippet: 'new SOAP note', includes: ['soapnote'] } },
  { name: 'new treatment entry inside treatment', doc: `${HEADER}treatment:\n  |`, expect: { snippet: 'new treatment entry' } },
  { name: 'new treatment entry below the last one', doc: `${HEADER}treatment:\n  - technique: effleurage\n    target: calf\n  |\nplan:\n  frequency: weekly\n`, expect: { snippet: 'new treatment entry', excludes: ['plan', 'technique'] } },
  { name: 'new finding inside objective findings', doc: `${HEADER}objective:\n  findings:\n    |`, expect: { snippet: 'new finding' } },
  { name: 'new treatment entry after a dash', doc: `${HEADER}treatment:\n  - technique: effleurage\n    target: calf\n  - |`, expect: { snippet: 'new treatment entry', includes: ['technique'] } },
  { name: 'new condition inside conditions', doc: `${HEADER}health:\n  conditions:\n    - |`, expect: { snippet: 'new condition', includes: ['condition', 'region'] } },
  { name: 'no skeleton in a written note', doc: `${HEADER}|`, expect: { excludes: ['new SOAP note', 'new treatment entry'] } },
];

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

function isMarked(item: CompletionItem | undefined): boolean {
  return item !== undefined && (item.detail ?? '').startsWith('⚠') && (item.labelDetails?.description ?? '').startsWith('⚠');
}

describe('features/completion', () => {
  const engine = testEngine();
  for (const c of cases) {
    it(c.name, () => {
      const { text, position } = withCursor(c.doc);
      const result = complete(text, position, engine.analyze(text), engine.vocabulary, { today: '2026-11-20' });
      const got = labels(result.items);
      const find = (label: string): CompletionItem | undefined => result.items.find((i) => i.label.toLowerCase() === label.toLowerCase());
      if (c.expect.empty) {
        assert.deepEqual(got, []);
      }
      for (const label of c.expect.includes ?? []) {
        assert.ok(find(label), `expected '${label}' in ${JSON.stringify(got.slice(0, 40))}`);
      }
      for (const label of c.expect.excludes ?? []) {
        assert.ok(!find(label), `did not expect '${label}' in ${JSON.stringify(got.slice(0, 40))}`);
      }
      if (c.expect.first) {
        assert.equal(got[0], c.expect.first, `order: ${JSON.stringify(got.slice(0, 10))}`);
      }
      if (c.expect.lastGroup) {
        const tail = got.slice(-c.expect.lastGroup.length).sort();
        assert.deepEqual(tail, [...c.expect.lastGroup].sort(), `order: ${JSON.stringify(got.slice(-8))}`);
        for (const label of c.expect.lastGroup) {
          assert.match(find(label)?.detail ?? '', /^⚠ barred: /);
        }
      }
      for (const label of c.expect.marked ?? []) {
        const item = find(label);
        assert.ok(isMarked(item), `expected '${label}' marked, got ${JSON.stringify(item?.detail)}`);
        // A short phrase in the menu (Neovim sizes its menu to detail); the whole reason in the documentation.
        assert.ok((item?.detail ?? '').length <= 80 && !(item?.detail ?? '').includes(' — '), `detail too long: ${JSON.stringify(item?.detail)}`);
        const doc = typeof item?.documentation === 'object' ? item.documentation.value : '';
        assert.match(doc, / — /, 'the documentation gives the reason');
      }
      for (const label of c.expect.unmarked ?? []) {
        const item = find(label);
        assert.ok(item && !isMarked(item), `expected '${label}' unmarked, got ${JSON.stringify(item?.detail)}`);
      }
      if (c.expect.marked && c.expect.unmarked) {
        const worstUnmarked = Math.max(...c.expect.unmarked.map((l) => got.findIndex((g) => g.toLowerCase() === l.toLowerCase())));
        const bestMarked = Math.min(...c.expect.marked.map((l) => got.findIndex((g) => g.toLowerCase() === l.toLowerCase())));
        assert.ok(worstUnmarked < bestMarked, 'marked items rank after unmarked ones');
      }
      if (c.expect.snippet) {
        const item = find(c.expect.snippet);
        assert.equal(item?.kind, CompletionItemKind.Snippet);
        assert.equal(item?.insertTextFormat, InsertTextFormat.Snippet);
      }
      if (c.expect.firstEdit !== undefined) {
        const edit = result.items[0]?.textEdit;
        assert.ok(edit && 'range' in edit);
        assert.equal(edit.newText, c.expect.firstEdit);
      }
    });
  }
});
