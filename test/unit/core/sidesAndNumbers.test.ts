import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-types';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { normaliseSide } from '../../../server/src/core/model';
import { renderFhir } from '../../../server/src/core/render/fhir';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { buildReport } from '../../../server/src/core/render/reportModel';
import { HEADER, testEngine, withCursor } from '../features/helpers';
import { repoRoot } from '../repoRoot';

const engine = testEngine();

/** The schema's own definition of a side: the one source every reader derives from. */
function schemaSides(): Record<string, { forms: string[] }> {
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'note.schema.json'), 'utf8')) as { definitions: { side: { 'x-soapnote-sides': Record<string, { forms: string[] }> } } };
  return schema.definitions.side['x-soapnote-sides'];
}

function sideNote(side: string): string {
  return `${HEADER}treatment:\n  - {technique: effleurage, target: erector spinae, side: ${side}, pressure: light}\n`;
}

describe('side: defined once, in the note schema', () => {
  // Every written form: what the schema says, what the rules make of it, and hover.
  const table: { written: string; side: 'left' | 'right' | 'bilateral' | undefined }[] = [
    { written: 'left', side: 'left' },
    { written: 'Left', side: 'left' },
    { written: 'LEFT', side: 'left' },
    { written: 'L', side: 'left' },
    { written: 'l', side: 'left' },
    { written: 'right', side: 'right' },
    { written: 'Right', side: 'right' },
    { written: 'R', side: 'right' },
    { written: 'bilateral', side: 'bilateral' },
    { written: 'Bilateral', side: 'bilateral' },
    { written: 'bilat', side: 'bilateral' },
    { written: 'BILAT', side: 'bilateral' },
    { written: 'both', side: undefined },
    { written: 'b', side: undefined },
    { written: 'lft', side: undefined },
  ];
  for (const { written, side } of table) {
    it(`${written}: ${side ?? 'not a side'} for the schema, the rules and hover alike`, () => {
      const text = sideNote(written);
      const schemaErrors = engine.check(text).filter((f) => f.ruleId === 'schema.invalid');
      assert.equal(schemaErrors.length, side ? 0 : 1, schemaErrors.map((f) => f.message).join('\n'));
      if (!side) {
        assert.match(schemaErrors[0]?.message ?? '', /must be one of: left \/ L, right \/ R, bilateral \/ bilat \(any case\)/);
      }
      assert.equal(normaliseSide(written), side);
      assert.equal(engine.analyze(text).treatments[0]?.side, side);
      const at = text.indexOf(`side: ${written}`) + 'side: '.length + 1;
      const before = text.slice(0, at).split('\n');
      const shown = hover(text, { line: before.length - 1, character: (before[before.length - 1] ?? '').length }, engine.analyze(text), engine.vocabulary);
      const value = shown && typeof shown.contents === 'object' && 'value' in shown.contents ? shown.contents.value : '';
      if (side) {
        assert.match(value, /side of the body|both sides of the body/);
      } else {
        assert.doesNotMatch(value, /side of the body/);
      }
    });
  }

  it('the rules know exactly the forms the schema lists, no more', () => {
    for (const [side, { forms }] of Object.entries(schemaSides())) {
      for (const form of forms) {
        assert.equal(normaliseSide(form), side);
        assert.equal(normaliseSide(form.toUpperCase()), side);
      }
    }
  });

  it('every snippet offers exactly the schema\'s sides', () => {
    const snippets = readFileSync(join(repoRoot(), 'snippets', 'soapnote.json'), 'utf8');
    const choices = [...snippets.matchAll(/side: \$\{\d+\|([^|]*)\|\}/g)].map((m) => (m[1] ?? '').split(',').sort().join(','));
    assert.ok(choices.length >= 5, `only ${choices.length} side choices in the snippets`);
    assert.deepEqual([...new Set(choices)], [Object.keys(schemaSides()).sort().join(',')]);
  });

  it('completion offers the schema\'s sides, with their short forms', () => {
    const { text, position } = withCursor(`${HEADER}treatment:\n  - technique: effleurage\n    side: |\n`);
    const items = complete(text, position, engine.analyze(text), engine.vocabulary).items as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label).sort(), Object.keys(schemaSides()).sort());
    const bilateral = items.find((i) => i.label === 'bilateral');
    const doc = typeof bilateral?.documentation === 'object' ? bilateral.documentation.value : String(bilateral?.documentation);
    assert.match(doc, /bilat/);
  });
});

describe('non-finite numbers are schema.invalid, never shown as Infinity or NaN', () => {
  const cases = [
    { name: 'visit: 1e999', text: `${HEADER}visit: 1e999\n`, field: 'visit' },
    { name: 'visit: .inf', text: `${HEADER}visit: .inf\n`, field: 'visit' },
    { name: 'duration: -.inf', text: `${HEADER}duration: -.inf\n`, field: 'duration' },
    { name: 'minutes: .nan', text: `${HEADER}treatment:\n  - {technique: effleurage, target: erector spinae, side: left, pressure: light, minutes: .nan}\n`, field: 'treatment[1].minutes' },
    { name: 'pain: .NaN', text: `${HEADER}subjective: {complaint: x, pain: .NaN}\n`, field: 'subjective.pain' },
    { name: 'pressure: .inf', text: `${HEADER}treatment:\n  - {technique: effleurage, target: erector spinae, side: left, pressure: .inf}\n`, field: 'treatment[1].pressure' },
  ];
  for (const { name, text, field } of cases) {
    it(name, () => {
      const analysis = engine.analyze(text);
      const invalid = analysis.findings.filter((f) => f.ruleId === 'schema.invalid');
      assert.ok(invalid.some((f) => f.message.startsWith(`'${field}' is not a usable number`)), invalid.map((f) => f.message).join('\n'));
      const shown = renderMarkdown(analysis, engine.vocabulary) + JSON.stringify(buildReport(analysis, engine.vocabulary)) + JSON.stringify(renderFhir(analysis, engine.vocabulary, { idSeed: 'a', sha256: (t) => t.length.toString(16).padStart(64, '0') }));
      assert.doesNotMatch(shown, /Infinity|NaN/);
    });
  }
});
