import { isPair, isScalar, visit } from 'yaml';
import { countLines } from '../parse';
import type { Engine } from '../engine';
import { offsetsToRange } from '../ranges';
import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import type { Position, Range } from '../types';
import { originalOffset, sampleTemplate, unknownPlaceholders, type Substitution } from './placeholders';

/** Rule id for a placeholder soapnote cannot fill. */
export const UNKNOWN_PLACEHOLDER = 'template.unknown-placeholder';

/**
 * Checks a template like a note, with two allowances: known placeholders stand for sample
 * values, and fields left empty for the therapist to fill in are not schema errors.
 */
export function checkTemplate(engine: Engine, text: string): Finding[] {
  const sample = sampleTemplate(text);
  const analysis = engine.analyze(sample.text);
  const empty = new Set<string>();
  const doc = analysis.parsed.doc;
  if (doc) {
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
          for (const node of [pair.key, pair.value]) {
            if (isScalar(node) && node.range) {
              const r = offsetsToRange(analysis.parsed.lineCounter, node.range[0], node.range[1]);
              empty.add(`${r.start.line}:${r.start.character}`);
            }
          }
        }
      },
    });
  }
  // Ranges are found in the sampled text; placeholder offsets are in the template's own text.
  const lineCounter = countLines(text);
  const mapRange = rangeMapper(analysis.parsed.lineCounter.lineStarts, lineCounter.lineStarts, sample.substitutions);
  const findings = analysis.findings
    .filter((f) => !(f.ruleId === RuleId.schemaInvalid && empty.has(`${f.range.start.line}:${f.range.start.character}`)))
    .map((f) => ({ ...f, range: mapRange(f.range), ...(f.related ? { related: f.related.map((r) => ({ ...r, range: mapRange(r.range) })) } : {}) }));
  for (const p of unknownPlaceholders(text)) {
    findings.push({
      ruleId: UNKNOWN_PLACEHOLDER,
      severity: 'error',
      message: `Unknown placeholder '{{${p.name}}}'. Templates may use {{client}}, {{date}}, {{therapist}} and {{visit}}.`,
      range: offsetsToRange(lineCounter, p.offset, p.offset + p.length),
    });
  }
  return findings;
}

/** Maps ranges found in the sampled text back onto the template (placeholders are longer or shorter than their samples). */
function rangeMapper(from: readonly number[], to: readonly number[], substitutions: readonly Substitution[]): (range: Range) => Range {
  if (substitutions.length === 0) {
    return (range) => range;
  }
  const map = (p: Position): Position => {
    const offset = originalOffset((from[p.line] ?? 0) + p.character, substitutions);
    let line = p.line;
    while (line + 1 < to.length && (to[line + 1] ?? Infinity) <= offset) {
      line++;
    }
    while (line > 0 && (to[line] ?? 0) > offset) {
      line--;
    }
    return { line, character: offset - (to[line] ?? 0) };
  };
  return (range) => ({ start: map(range.start), end: map(range.end) });
}
