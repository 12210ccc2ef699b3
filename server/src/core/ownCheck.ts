import type { Engine } from './engine';
import { RuleId } from './ruleIds';
import type { Finding } from './types';

/** Rules a written note must never trip, whatever severity a config gives them. */
const INTEGRITY = new Set<string>([RuleId.signatureMismatch, RuleId.yamlSyntax, RuleId.noteTooLarge, RuleId.schemaInvalid]);

/**
 * Why the checker would reject a text `sign` or `addend` is about to write (over the size limit,
 * a bad time, a layout the appended block breaks), or undefined when it would not. Only a
 * finding the note did not already have counts (`before`): the write itself made it.
 */
export function rejectsOwnCheck(engine: Engine, text: string, before: readonly Finding[] = []): string | undefined {
  const known = new Set(before.map((f) => `${f.ruleId}\n${f.message}`));
  const bad = engine.check(text).find((f) => (f.severity === 'error' || INTEGRITY.has(f.ruleId)) && !known.has(`${f.ruleId}\n${f.message}`));
  return bad ? `line ${bad.range.start.line + 1}: ${bad.ruleId}: ${bad.message}` : undefined;
}
