import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { hover } from '../../../server/src/core/features/hover';
import { bodyMapSummary } from '../../../server/src/core/render/bodyMap';
import { renderFhir } from '../../../server/src/core/render/fhir';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { buildReport } from '../../../server/src/core/render/reportModel';
import type { Position, Range } from '../../../server/src/core/types';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { attr, byClass, elements, parseHtml, testEngine } from '../render/renderHelpers';

const HEADER = 'soapnote: 1\nclient: C-0001\ndate: 2026-03-10\ntherapist: A. Test, RMT\n';
const VARICOSE = '    - {condition: varicose veins, region: lower leg, side: left}';

interface Case {
  name: string;
  /** The note after the header. */
  body: string;
  /** Per treatment entry, in order: the rule ids of the findings about it (sorted). */
  rows: string[][];
  /** Per condition entry, in order: the rule ids hover shows inside it. */
  conditions: string[][];
  /** Every DetectedIssue: its rule, and the treatment and condition indexes it implicates. */
  issues: { rule: string; procedures: number[]; conditions: number[] }[];
  /** Body-map lines (by label) marked as a conflict. */
  conflictParts: string[];
}

/**
 * Findings join entries by subject (list and index), never by line. Each case has one flow list on
 * one line where only one entry is in conflict; the block-list cases pin that nothing changed there.
 */
const cases: Case[] = [
  {
    name: 'two treatment entries on one line, the first in conflict',
    body: `health:\n  conditions:\n${VARICOSE}\ntreatment: [{technique: deep tissue massage, target: gastrocnemius, side: left, pressure: deep}, {technique: effleurage, target: erector spinae, side: bilateral, pressure: light}]\n`,
    rows: [['contraindication.local'], []],
    conditions: [[]],
    issues: [{ rule: 'contraindication.local', procedures: [0], conditions: [0] }],
    conflictParts: ['left lower leg'],
  },
  {
    name: 'two treatment entries on one line, the second in conflict (the effleurage row stays clean)',
    body: `health:\n  conditions:\n${VARICOSE}\ntreatment: [{technique: effleurage, target: erector spinae, side: bilateral, pressure: light}, {technique: deep tissue massage, target: gastrocnemius, side: left, pressure: deep}]\n`,
    rows: [[], ['contraindication.local']],
    conditions: [[]],
    issues: [{ rule: 'contraindication.local', procedures: [1], conditions: [0] }],
    conflictParts: ['left lower leg'],
  },
  {
    name: 'three treatment entries and two conditions, each list on one line, the middle entry and the second condition in conflict',
    body:
      'health:\n  conditions: [{condition: diabetes, status: controlled}, {condition: varicose veins, region: lower leg, side: left}]\n' +
      'treatment: [{technique: effleurage, target: erector spinae, side: bilateral, pressure: light}, {technique: deep tissue massage, target: gastrocnemius, side: left, pressure: deep}, {technique: petrissage, target: upper trapezius, side: right, pressure: moderate}]\n',
    rows: [[], ['contraindication.local'], []],
    conditions: [['contraindication.precaution'], []],
    issues: [
      { rule: 'contraindication.precaution', procedures: [], conditions: [0] },
      { rule: 'contraindication.local', procedures: [1], conditions: [1] },
    ],
    conflictParts: ['left lower leg'],
  },
  {
    name: 'three entries on one line: an unknown word, a schema error and an endangerment site, each on its own entry',
    body: 'treatment: [{technique: effleurage, target: erector spinae, side: bilateral, pressure: featherlight}, {technique: petrissage, target: upper trapezius, side: right, pressure: moderate, minutes: -5}, {technique: petrissage, target: popliteal fossa, side: left, pressure: firm}]\n',
    rows: [['vocabulary.unknown-term'], ['schema.invalid'], ['endangerment-site.pressure']],
    conditions: [],
    issues: [{ rule: 'endangerment-site.pressure', procedures: [2], conditions: [] }],
    conflictParts: ['left knee'],
  },
  {
    name: 'block list: the same note as the second case (report and FHIR unchanged; hover on the first entry no longer shows the second one\'s conflict)',
    body: `health:\n  conditions:\n${VARICOSE}\ntreatment:\n  - technique: effleurage\n    target: erector spinae\n    side: bilateral\n    pressure: light\n  - technique: deep tissue massage\n    target: gastrocnemius\n    side: left\n    pressure: deep\n`,
    rows: [[], ['contraindication.local']],
    conditions: [[]],
    issues: [{ rule: 'contraindication.local', procedures: [1], conditions: [0] }],
    conflictParts: ['left lower leg'],
  },
  {
    name: 'block list of flow entries, one per line (unchanged)',
    body: `health:\n  conditions:\n${VARICOSE}\n    - {condition: diabetes, status: controlled}\ntreatment:\n  - {technique: deep tissue massage, target: gastrocnemius, side: left, pressure: deep}\n  - {technique: effleurage, target: erector spinae, side: bilateral, pressure: light}\n`,
    rows: [['contraindication.local'], []],
    conditions: [[], ['contraindication.precaution']],
    issues: [
      { rule: 'contraindication.local', procedures: [0], conditions: [0] },
      { rule: 'contraindication.precaution', procedures: [], conditions: [1] },
    ],
    conflictParts: ['left lower leg'],
  },
];

interface Resource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}

const engine = testEngine();
const URI = 'file:///notes/flow.soap.yaml';

/** A position just inside an entry's node (after its `{`, or on its first key). */
function inside(range: Range): Position {
  return { line: range.start.line, character: range.start.character + 1 };
}

/** The rule ids a hover lists under "Findings on this ...", sorted. */
function hoverRules(text: string, position: Position): string[] {
  const analysis = engine.analyze(text);
  const result = hover(text, position, analysis, engine.vocabulary);
  const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
  const findings = value.split('\n\n---\n\n').find((part) => part.startsWith('**Findings on this')) ?? '';
  return [...findings.matchAll(/^- \S+ \*\*\w+\*\* `([a-z.-]+)`/gm)].map((m) => m[1] ?? '').sort();
}

describe('findings join entries by subject, not by line', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const text = HEADER + c.body;
      const analysis = engine.analyze(text);

      it('the report puts each finding on its own row', () => {
        const rows = buildReport(analysis, engine.vocabulary).treatment.rows;
        assert.deepEqual(rows.map((r) => r.findings.map((f) => f.ruleId).sort()), c.rows);
        assert.deepEqual(
          rows.map((r) => r.conflict),
          c.rows.map((rules) => rules.some((r) => r.startsWith('contraindication.') || r.startsWith('endangerment-site.'))),
        );
      });

      it('the HTML marks only the conflicting row', () => {
        const html = parseHtml(renderHtml(analysis, engine.vocabulary, { nonce: 'dGVzdC1ub25jZS0xMjM0NQ==' }));
        const [table] = byClass(html, 'treatment');
        const body = elements(table!).find((e) => e.tagName === 'tbody');
        const mainRows = elements(body!).filter((e) => e.tagName === 'tr' && !(attr(e, 'class') ?? '').split(' ').includes('row-detail'));
        const marked = mainRows.map((r) => (attr(r, 'class') ?? '').split(' ').includes('conflict'));
        assert.deepEqual(marked, c.rows.map((rules) => rules.some((r) => r.startsWith('contraindication.') || r.startsWith('endangerment-site.'))));
      });

      it('the Markdown lists each finding under its own entry', () => {
        const md = renderMarkdown(analysis, engine.vocabulary);
        const section = md.slice(md.indexOf('## Treatment'), md.indexOf('## Assessment'));
        c.rows.forEach((rules, i) => {
          const start = section.indexOf(`- Entry ${i + 1} (`);
          if (rules.length === 0) {
            assert.equal(start, -1, `entry ${i + 1} has no findings:\n${section}`);
            return;
          }
          assert.ok(start >= 0, `entry ${i + 1} is listed:\n${section}`);
          const next = section.indexOf('\n- Entry ', start + 1);
          const block = section.slice(start, next === -1 ? undefined : next);
          const listed = [...block.matchAll(/\(`([a-z.-]+)`, line \d+\)/g)].map((m) => m[1] ?? '').sort();
          assert.deepEqual(listed, rules, `entry ${i + 1}:\n${block}`);
        });
      });

      it('FHIR implicates the right Procedure and Condition, and the Composition lists every Procedure and Condition', () => {
        const bundle = renderFhir(analysis, engine.vocabulary, { idSeed: 'flow.soap.yaml', sha256: nodeHost().sha256 }) as { entry: { fullUrl: string; resource: Resource }[] };
        const of = (type: string): string[] => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.fullUrl);
        const procedures = of('Procedure');
        const conditions = of('Condition');
        assert.equal(procedures.length, c.rows.length);
        assert.equal(conditions.length, c.conditions.length);
        const issues = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'DetectedIssue') as (Resource & { code: { text: string }; implicated?: { reference: string }[] })[];
        const actual = issues.map((i) => {
          const refs = (i.implicated ?? []).map((r) => r.reference);
          return { rule: i.code.text, procedures: refs.filter((r) => procedures.includes(r)).map((r) => procedures.indexOf(r)), conditions: refs.filter((r) => conditions.includes(r)).map((r) => conditions.indexOf(r)) };
        });
        const key = (x: { rule: string; procedures: number[]; conditions: number[] }): string => JSON.stringify(x);
        assert.deepEqual(actual.map(key).sort(), c.issues.map(key).sort());
        const composition = bundle.entry[0]?.resource as Resource & { section: { title: string; entry?: { reference: string }[] }[] };
        const sectionRefs = (title: string): string[] => (composition.section.find((s) => s.title === title)?.entry ?? []).map((e) => e.reference);
        assert.deepEqual(sectionRefs('Treatment').filter((r) => procedures.includes(r)), procedures);
        assert.equal(sectionRefs('Treatment').length, procedures.length + issues.length);
        assert.deepEqual(sectionRefs('Subjective').filter((r) => conditions.includes(r)), conditions);
      });

      it('hover inside each entry shows only that entry\'s findings', () => {
        analysis.note.treatment.forEach((entry, i) => {
          assert.deepEqual(hoverRules(text, inside(entry.fullRange)), c.rows[i], `treatment entry ${i + 1}`);
        });
        analysis.note.conditions.forEach((entry, i) => {
          assert.deepEqual(hoverRules(text, inside(entry.fullRange)), c.conditions[i], `condition ${i + 1}`);
        });
      });

      it('a quick fix asked for inside an entry removes that entry only', () => {
        analysis.note.treatment.forEach((entry, i) => {
          const at = inside(entry.fullRange);
          const removals = codeActions(URI, text, { start: at, end: at }, analysis).filter((a) => a.title === 'Remove this treatment entry');
          const barred = c.rows[i]?.some((r) => r === 'contraindication.local') ?? false;
          assert.equal(removals.length, barred ? 1 : 0, `treatment entry ${i + 1}`);
          if (barred) {
            const after = TextDocument.applyEdits(TextDocument.create(URI, 'soapnote', 1, text), removals[0]?.edit?.changes?.[URI] ?? []);
            const left = engine.analyze(after).note.treatment.map((e) => e.technique?.value);
            assert.deepEqual(left, analysis.note.treatment.filter((e) => e.index !== entry.index).map((e) => e.technique?.value));
          }
        });
      });

      it('the body map marks only the conflicting entry\'s region', () => {
        assert.deepEqual(bodyMapSummary(analysis, engine.vocabulary).filter((l) => l.conflict).map((l) => l.label).sort(), c.conflictParts);
      });
    });
  }
});
