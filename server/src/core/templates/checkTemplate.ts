import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Engine } from '../engine';
import { offsetsToRange } from '../ranges';
import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { sampleTemplate, unknownPlaceholders } from './placeholders';

/** Rule id for a placeholder soapnote cannot fill. */
export const UNKNOWN_PLACEHOLDER = 'template.unknown-placeholder';

/**
 * Checks a template like a note, with two allowances: known placeholders stand for sample
 * values, and fields left empty for the therapist to fill in are not schema errors.
 */
export function checkTemplate(engine: Engine, text: string): Finding[] {
  const analysis = engine.analyze(sampleTemplate(text));
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
  const findings = analysis.findings.filter((f) => !(f.ruleId === RuleId.schemaInvalid && empty.has(`${f.range.start.line}:${f.range.start.character}`)));
  // Placeholder offsets are in the template's own text, not in the sampled one.
  const lineCounter = new LineCounter();
  parseDocument(text, { lineCounter });
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
