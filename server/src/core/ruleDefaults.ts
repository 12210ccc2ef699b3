import type { SeveritySetting } from './config';
import { RuleId } from './ruleIds';
import type { Severity } from './types';

/**
 * The severity each rule reports at unless `.soapnote/config.yaml` says otherwise (the README's
 * rules table). A setting below this is a weakening, announced in every output.
 */
export const DEFAULT_SEVERITY: Readonly<Record<string, Severity>> = {
  [RuleId.yamlSyntax]: 'error',
  [RuleId.yamlDuplicateKey]: 'error',
  [RuleId.yamlAlias]: 'error',
  [RuleId.yamlTag]: 'error',
  [RuleId.schemaInvalid]: 'error',
  [RuleId.noteTooLarge]: 'error',
  [RuleId.noteEncoding]: 'error',
  [RuleId.noteUnreadable]: 'error',
  [RuleId.absolute]: 'error',
  [RuleId.local]: 'error',
  [RuleId.technique]: 'error',
  [RuleId.pressure]: 'warning',
  [RuleId.clearance]: 'warning',
  [RuleId.precaution]: 'information',
  [RuleId.endangerment]: 'warning',
  [RuleId.unknownTerm]: 'warning',
  [RuleId.signatureMismatch]: 'error',
  [RuleId.nextVisitBeforeSession]: 'warning',
  [RuleId.minutesOverDuration]: 'warning',
  [RuleId.futureDate]: 'warning',
  [RuleId.conditionWithoutRegion]: 'warning',
  [RuleId.informalQualifier]: 'information',
  [RuleId.requiredSection]: 'warning',
  [RuleId.carriedHistory]: 'information',
  [RuleId.clientIdNearMatch]: 'hint',
  [RuleId.carryForwardOff]: 'information',
  [RuleId.configInvalid]: 'error',
  [RuleId.packConflict]: 'warning',
  [RuleId.configWeakened]: 'information',
  [RuleId.internalError]: 'warning',
};

/**
 * Integrity rules: whether the file was read, parsed and checked whole, and whether its signature
 * holds. A config can never lower them: a note that was not really checked must never look clean.
 * Prefixes cover the whole family (`yaml.alias`, `note.encoding`, `signature.addendum-...`).
 */
const INTEGRITY_PREFIXES = ['yaml.', 'note.', 'signature.', 'internal.'];
const INTEGRITY_IDS: ReadonlySet<string> = new Set([RuleId.schemaInvalid]);

/** True for a rule whose severity cannot be lowered (`yaml.*`, `schema.invalid`, `note.*`, `signature.*`, `internal.*`). */
export function isIntegrityRule(ruleId: string): boolean {
  return INTEGRITY_IDS.has(ruleId) || INTEGRITY_PREFIXES.some((p) => ruleId.startsWith(p));
}

const RANK: Record<SeveritySetting, number> = { error: 4, warning: 3, information: 2, hint: 1, off: 0 };

/** True when `setting` is quieter than the rule's default (unknown rules count as errors: fail closed). */
export function lowersRule(ruleId: string, setting: SeveritySetting): boolean {
  return RANK[setting] < RANK[DEFAULT_SEVERITY[ruleId] ?? 'error'];
}
