/** Stable rule ids: CLI output, quick fixes, `.soapnote/config.yaml` severities and docs key on these. */
export const RuleId = {
  /** The text is not well-formed YAML. */
  yamlSyntax: 'yaml.syntax',
  /** A mapping repeats a key. */
  yamlDuplicateKey: 'yaml.duplicate-key',
  /** The note does not match `schemas/note.schema.json` (missing field, wrong type, out of range). */
  schemaInvalid: 'schema.invalid',
  /** The note is larger than the configured limit, so it is not checked further. */
  noteTooLarge: 'note.too-large',
  /** Treatment given to a client with an absolute contraindication. */
  absolute: 'contraindication.absolute',
  /** Treatment in (or distal to) the region of a local contraindication, sides overlapping. */
  local: 'contraindication.local',
  /** A technique barred by name for a recorded condition. */
  technique: 'contraindication.technique',
  /** Pressure above a condition's cap. */
  pressure: 'contraindication.pressure',
  /** A condition needing written medical clearance, clearance not on file, and treatment given. */
  clearance: 'contraindication.clearance',
  /** A precaution to keep in mind (information). */
  precaution: 'contraindication.precaution',
  /** Firm or deep pressure on an endangerment site. */
  endangerment: 'endangerment-site.pressure',
  /** A technique, target, region, condition or finding the vocabulary does not know. */
  unknownTerm: 'vocabulary.unknown-term',
  /** A signed note whose content no longer matches `signed.sha256`. */
  signatureMismatch: 'signature.mismatch',
  /** `plan.next_visit` before the session date. */
  nextVisitBeforeSession: 'record.next-visit-before-session',
  /** Treatment minutes add up to more than the session duration. */
  minutesOverDuration: 'record.minutes-over-duration',
  /** Session date in the future. */
  futureDate: 'record.future-date',
  /** A local condition recorded without a region, so its rules cannot be placed. */
  conditionWithoutRegion: 'record.condition-without-region',
  /** A condition written with an informal qualifier ("hx of", "s/p", "recent") that may change its meaning: read as the condition, rules kept, structured field offered. */
  informalQualifier: 'record.informal-qualifier',
  /** A section the workspace config requires is missing or empty. */
  requiredSection: 'record.required-section',
  /** A workspace config or vocabulary pack that is not valid. */
  configInvalid: 'config.invalid',
  /** Two vocabulary packs disagree (same synonym for different terms, and similar). */
  packConflict: 'pack.conflict',
  /** A rule threw while checking; the other rules still ran. */
  internalError: 'internal.rule-failed',
} as const;

/** One of the stable rule ids in {@link RuleId}. */
export type RuleIdValue = (typeof RuleId)[keyof typeof RuleId];
