/** Stable rule ids: CLI output, quick fixes, `.soapnote/config.yaml` severities and docs key on these. */
export const RuleId = {
  /** The text is not well-formed YAML. */
  yamlSyntax: 'yaml.syntax',
  /** A mapping repeats a key. */
  yamlDuplicateKey: 'yaml.duplicate-key',
  /** An anchor, alias or merge key (`&a`, `*a`, `<<`): a note says each thing once, where it is read. Integrity: cannot be lowered. */
  yamlAlias: 'yaml.alias',
  /** A tag (`!!str`, `!foo`) that changes how a value is read. Integrity: cannot be lowered. */
  yamlTag: 'yaml.tag',
  /** The note does not match `schemas/note.schema.json` (missing field, wrong type, out of range). */
  schemaInvalid: 'schema.invalid',
  /** The note is larger than the configured limit, so it is not checked further. */
  noteTooLarge: 'note.too-large',
  /** The file is not UTF-8 text (Latin-1, UTF-16, NUL bytes), so it is not checked further. */
  noteEncoding: 'note.encoding',
  /** A note file that could not be read at all (a FIFO or device, a dangling link, permission denied). */
  noteUnreadable: 'note.unreadable',
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
  /** The conditions and medications a note carries from the client's earlier notes (information, on the first line). */
  carriedHistory: 'record.carried-history',
  /** A client id that differs from another note's only in case, punctuation or leading zeros: nothing is carried between them. */
  clientIdNearMatch: 'record.client-id-near-match',
  /** The config turns carrying off (`carryForward: false`): said on the config file, since it weakens every check. */
  carryForwardOff: 'record.carry-forward-off',
  /** A workspace config or vocabulary pack that is not valid. */
  configInvalid: 'config.invalid',
  /** Two vocabulary packs disagree (same synonym for different terms, and similar). */
  packConflict: 'pack.conflict',
  /** The workspace config or a pack weakens the checks (a rule lowered or off, a built-in condition replaced): announced on every note, never silenced. */
  configWeakened: 'config.weakened',
  /** A rule threw while checking; the other rules still ran. */
  internalError: 'internal.rule-failed',
} as const;

/** One of the stable rule ids in {@link RuleId}. */
export type RuleIdValue = (typeof RuleId)[keyof typeof RuleId];
