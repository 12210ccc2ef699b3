import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols, foldingRanges } from '../../../server/src/core/features/symbols';
import { HEADER, testEngine } from './helpers';

const NOTE = `${HEADER}health:
  conditions:
    - condition: varicose veins
      region: lower leg
      side: left
  medications: [warfarin]
subjective:
  complaint: Low back pain
  pain: 6
objective:
  findings:
    - {target: lumbar paraspinals, side: bilateral, finding: hypertonic}
treatment:
  - technique: effleurage
    target: erector spinae
    side: bilateral
    pressure: light
    minutes: 5
  - {technique: petrissage, target: gluteus maximus}
assessment:
  pain_after: 3
plan:
  next_visit: 2026-11-27
`;

function names(symbols: DocumentSymbol[] | undefined): string[] {
  return (symbols ?? []).map((s) => s.name);
}

function find(symbols: DocumentSymbol[] | undefined, name: string): DocumentSymbol | undefined {
  return symbols?.find((s) => s.name === name);
}

function within(inner: DocumentSymbol['range'], outer: DocumentSymbol['range']): boolean {
  const le = (a: DocumentSymbol['range']['start'], b: DocumentSymbol['range']['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('features/symbols', () => {
  const engine = testEngine();
  const analysis = engine.analyze(NOTE);

  const cases: { name: string; check: (symbols: DocumentSymbol[]) => void }[] = [
    { name: 'one symbol per top-level field, SOAP sections by name', check: (s) => assert.deepEqual(names(s), ['soapnote', 'client', 'date', 'therapist', 'Health', 'Subjective', 'Objective', 'Treatment', 'Assessment', 'Plan']) },
    { name: 'treatment entries named technique — target (side)', check: (s) => assert.deepEqual(names(find(s, 'Treatment')?.children), ['effleurage — erector spinae (bilateral)', 'petrissage — gluteus maximus']) },
    { name: 'treatment entry detail: pressure and minutes', check: (s) => assert.equal(find(s, 'Treatment')?.children?.[0]?.detail, 'light · 5 min') },
    { name: 'conditions under Health', check: (s) => assert.deepEqual(names(find(find(s, 'Health')?.children, 'conditions')?.children), ['varicose veins — lower leg (left)']) },
    { name: 'objective findings named finding — target (side)', check: (s) => assert.deepEqual(names(find(find(s, 'Objective')?.children, 'findings')?.children), ['hypertonic — lumbar paraspinals (bilateral)']) },
    { name: 'scalar fields carry their value', check: (s) => assert.equal(find(s, 'client')?.detail, 'C-0142') },
    {
      name: 'every selection range lies within its range, every child within its parent',
      check: (s) => {
        const walk = (list: DocumentSymbol[] | undefined, parent?: DocumentSymbol): void => {
          for (const sym of list ?? []) {
            assert.ok(within(sym.selectionRange, sym.range), `${sym.name}: selection outside range`);
            if (parent) {
              assert.ok(within(sym.range, parent.range), `${sym.name}: outside ${parent.name}`);
            }
            walk(sym.children, sym);
          }
        };
        walk(s);
      },
    },
    { name: 'the Treatment range spans its entries', check: (s) => assert.deepEqual([find(s, 'Treatment')?.range.start.line, find(s, 'Treatment')?.range.end.line], [16, 22]) },
  ];
  for (const c of cases) {
    it(c.name, () => c.check(documentSymbols(analysis)));
  }

  it('no symbols for a note that is not a mapping', () => {
    assert.deepEqual(documentSymbols(engine.analyze('- a\n- b\n')), []);
  });

  const folds: { name: string; start: number; end: number }[] = [
    { name: 'health section', start: 4, end: 9 },
    { name: 'health.conditions list', start: 5, end: 8 },
    { name: 'a multi-line condition entry', start: 6, end: 8 },
    { name: 'subjective section', start: 10, end: 12 },
    { name: 'objective findings', start: 14, end: 15 },
    { name: 'treatment section', start: 16, end: 22 },
    { name: 'a multi-line treatment entry', start: 17, end: 21 },
    { name: 'plan section', start: 25, end: 26 },
  ];
  const ranges = foldingRanges(analysis);
  for (const f of folds) {
    it(`folds the ${f.name}`, () => {
      assert.ok(ranges.some((r) => r.startLine === f.start && r.endLine === f.end), `no ${f.start}-${f.end} in ${JSON.stringify(ranges)}`);
    });
  }
  it('does not fold one-line entries', () => {
    assert.ok(!ranges.some((r) => r.startLine === 22));
    assert.ok(!ranges.some((r) => r.startLine === 15));
  });
});
