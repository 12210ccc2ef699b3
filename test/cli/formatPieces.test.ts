import * as assert from 'node:assert/strict';
import { github } from '../../server/src/cli/formatters/github';
import { json } from '../../server/src/cli/formatters/json';
import { batched, JsonItems, joinPieces, jsonPieces } from '../../server/src/cli/formatters/pieces';
import { sarif } from '../../server/src/cli/formatters/sarif';
import { stylish } from '../../server/src/cli/formatters/stylish';
import { summarise, type FileReport, type RunInfo } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/core/types';

// Output is printed in pieces (a run over hundreds of thousands of notes is more than one string can
// hold): the pieces must make exactly the text the whole string did, and a run past the limit must print.

const range = (line: number): Finding['range'] => ({ start: { line, character: 2 }, end: { line, character: 9 } });
const precaution: Finding = { ruleId: 'contraindication.precaution', severity: 'information', message: 'Precaution for ibuprofen: ask when it was last taken.', range: range(4), subject: { list: 'medications', index: 0 }, source: 'Werner' };
const carried: Finding = {
  ruleId: 'record.carried-history',
  severity: 'information',
  message: 'Carried from earlier notes: "varicose veins"\nleft lower leg',
  range: range(9),
  related: [{ message: 'recorded here', range: range(3), uri: 'file:///w/notes/a.soap.yaml' }],
};
const error: Finding = { ruleId: 'schema.invalid', severity: 'error', message: 'missing \u0000 target \u2028 "soapnote-items-00"', range: range(1) };

const runs: { name: string; reports: FileReport[]; run: RunInfo }[] = [
  { name: 'no notes', reports: [], run: { weakenings: [] } },
  { name: 'one clean note', reports: [{ path: 'a.soap.yaml', absolutePath: '/w/a.soap.yaml', findings: [] }], run: { weakenings: [] } },
  {
    name: 'notes with findings of every shape, a weakening and a shard id',
    reports: [
      { path: 'a.soap.yaml', absolutePath: '/w/a.soap.yaml', findings: [precaution, carried] },
      { path: 'b.soap.yaml', absolutePath: '/w/b.soap.yaml', findings: [] },
      { path: 'c "x".soap.yaml', absolutePath: '/w/c "x".soap.yaml', findings: [error, precaution] },
    ],
    run: { weakenings: [{ kind: 'rule-off', id: 'contraindication.local', detail: 'turned off "soapnote-items-"', file: '.soapnote/config.yaml', absolutePath: '/w/.soapnote/config.yaml', line: 3 } as RunInfo['weakenings'][number]], automationId: 'soapnote/shard-1-of-2/' },
  },
];

/** What each JSON format printed as one string before it printed pieces. */
function wholeJson(reports: FileReport[], version: string, run: RunInfo): string {
  const summary = summarise(reports, []);
  return (
    JSON.stringify(
      {
        tool: 'soapnote',
        version,
        weakenings: run.weakenings.map((w) => ({ kind: w.kind, id: w.id, detail: w.detail, file: w.file, line: w.line })),
        files: reports.map((r) => ({
          path: r.path,
          findings: r.findings.map((f) => ({
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            line: f.range.start.line + 1,
            column: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
            ...(f.subject ? { subject: f.subject } : {}),
            ...(f.related ? { related: f.related.map((x) => ({ message: x.message, ...(x.uri ? { uri: x.uri } : {}), line: x.range.start.line + 1, column: x.range.start.character + 1, ...(x.subject ? { subject: x.subject } : {}) })) } : {}),
            ...(f.source ? { source: f.source } : {}),
          })),
        })),
        summary,
      },
      null,
      2,
    ) + '\n'
  );
}

describe('formatters print in pieces, byte for byte the whole text', () => {
  for (const c of runs) {
    it(`json, ${c.name}: the same text as one JSON.stringify of the whole`, () => {
      assert.equal(joinPieces(json(c.reports, summarise(c.reports, []), '1.2.3', c.run)), wholeJson(c.reports, '1.2.3', c.run));
    });
    it(`sarif, ${c.name}: valid JSON, results in order, the same text as printing the parsed log whole`, () => {
      const text = joinPieces(sarif(c.reports, summarise(c.reports, []), '1.2.3', c.run));
      const log = JSON.parse(text) as { runs: { results: { ruleId: string }[] }[] };
      assert.deepEqual(log.runs[0]?.results.map((r) => r.ruleId), c.reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
      assert.equal(text, JSON.stringify(log, null, 2) + '\n');
    });
    for (const [name, format] of [['stylish', stylish], ['github', github]] as const) {
      it(`${name}, ${c.name}: lines, each ended by a line break`, () => {
        const text = joinPieces(format(c.reports, summarise(c.reports, []), '1.2.3', c.run));
        assert.ok(text.endsWith('\n') && !text.endsWith('\n\n\n'), JSON.stringify(text.slice(-20)));
      });
    }
  }

  const shapes: { name: string; value: (items: JsonItems) => unknown }[] = [
    { name: 'at the top', value: (items) => items },
    { name: 'in an object', value: (items) => ({ a: 1, items, b: [] }) },
    { name: 'deep in arrays and objects', value: (items) => ({ runs: [{ x: { y: [1, { items }] } }] }) },
  ];
  // More than one group of items (256), and exactly one.
  const itemLists: unknown[][] = [[], [1], [{ a: [1, { b: 'x\ny' }] }, [], {}, null, 'z'], Array.from({ length: 256 }, (_, i) => i), Array.from({ length: 600 }, (_, i) => ({ i, list: [i, [i]], text: `line\n${i}` }))];
  for (const shape of shapes) {
    for (const list of itemLists) {
      it(`jsonPieces: items ${shape.name}, ${list.length} of them: JSON.stringify(value, null, 2) exactly`, () => {
        const items = new JsonItems(list);
        const whole = JSON.stringify(shape.value(list as unknown as JsonItems), null, 2);
        assert.equal(joinPieces(jsonPieces(shape.value(items), items)), whole);
      });
    }
  }

  it('jsonPieces refuses a value that holds its items twice or not at all, and the items print nowhere else', () => {
    const items = new JsonItems([1]);
    assert.throws(() => joinPieces(jsonPieces({ a: items, b: items }, items)), /exactly once/);
    assert.throws(() => joinPieces(jsonPieces({ a: 1 }, items)), /exactly once/);
    assert.throws(() => JSON.stringify({ items }), /jsonPieces only/);
  });

  it('batched: the same text, in batches of about the size asked for', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const batches = [...batched(pieces, 100)];
    assert.equal(batches.join(''), pieces.join(''));
    assert.ok(batches.length > 50 && batches.every((b) => b.length < 120), String(batches.length));
    assert.deepEqual([...batched([])], []);
    // A piece as large as a batch is passed on as it is, after what came before it.
    assert.deepEqual([...batched(['a', 'b', 'x'.repeat(100), 'c'], 100)], ['ab', 'x'.repeat(100), 'c']);
  });
});

describe('a run that prints more than one string can hold', function () {
  this.timeout(300_000);
  // Notes with a carried condition and a precaution each: past V8's longest string (2^29 - 24 characters); SARIF is the longer per note.
  const counts = { json: 600_000, sarif: 450_000 };
  const reports: FileReport[] = Array.from({ length: counts.json }, (_, i) => ({ path: `notes/client-${i}.soap.yaml`, absolutePath: `/w/notes/client-${i}.soap.yaml`, findings: [carried, precaution] }));
  for (const [name, format] of [['json', json], ['sarif', sarif]] as const) {
    it(`${name}: printed whole in batches, every note in it`, () => {
      let length = 0;
      let notes = 0;
      const count = counts[name];
      const some = reports.slice(0, count);
      for (const text of batched(format(some, summarise(some, []), '1.2.3', { weakenings: [] }))) {
        length += text.length;
        notes += text.split(name === 'json' ? '"path": "notes/client-' : '"uri": "file:///w/notes/client-').length - 1;
      }
      assert.ok(length > 2 ** 29, `only ${length} characters`);
      assert.equal(notes, name === 'json' ? count : count * 2);
    });
  }
});
