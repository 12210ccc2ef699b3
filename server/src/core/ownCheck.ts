import type { Engine } from './engine';
import { brokenAddenda, canonicalContent } from './integrity';
import { RuleId } from './ruleIds';
import type { Finding } from './types';

/** Rules a written note must never trip, whatever severity a config gives them. */
const INTEGRITY = new Set<string>([RuleId.signatureMismatch, RuleId.yamlSyntax, RuleId.noteTooLarge, RuleId.schemaInvalid]);

/**
 * Why the checker would reject a text `sign` or `addend` is about to write (over the size limit,
 * a bad time, a layout the appended block breaks, a signature that would not verify), or
 * undefined when it would not. Only a finding the note did not already have counts (`before`):
 * the write itself made it. The signature and the addenda chain are verified directly too, so a
 * config that turns `signature.mismatch` off cannot let a broken signature be written.
 */
export function rejectsOwnCheck(engine: Engine, text: string, sha256: (text: string) => string, before: readonly Finding[] = []): string | undefined {
  const known = new Set(before.map((f) => `${f.ruleId}\n${f.message}`));
  const analysis = engine.analyze(text);
  const bad = analysis.findings.find((f) => (f.severity === 'error' || INTEGRITY.has(f.ruleId)) && !known.has(`${f.ruleId}\n${f.message}`));
  if (bad) {
    return `line ${bad.range.start.line + 1}: ${bad.ruleId}: ${bad.message}`;
  }
  const recorded = analysis.note.signed?.sha256?.value;
  if (typeof recorded !== 'string' || sha256(canonicalContent(analysis.note.data)) !== recorded || brokenAddenda(analysis.note.data, sha256).length > 0) {
    return 'the signature would not verify (unusual document layout, e.g. a document end marker)';
  }
  return undefined;
}
