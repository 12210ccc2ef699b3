import type { Range } from 'vscode-languageserver-types';

export type { Range, Position } from 'vscode-languageserver-types';

/** How loud a finding is; maps onto LSP DiagnosticSeverity and SARIF levels. `off` silences a rule in config. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The lists of a note whose entries findings can be about. */
export type SubjectList = 'treatment' | 'conditions' | 'medications' | 'findings';

/**
 * The list entry a finding is about, by list and 0-based index: `{list: 'treatment', index: 1}` is the
 * second `treatment` entry. Report, FHIR, hover and body map join findings to entries on this, never
 * on lines: a flow list (`treatment: [{...}, {...}]`) puts several entries on one line.
 */
export interface FindingSubject {
  list: SubjectList;
  index: number;
}

/** A place in the note that explains a finding (e.g. the condition that a treatment conflicts with). */
export interface RelatedInfo {
  message: string;
  range: Range;
  /** The entry it points at (the condition or medication of a conflict), when it is one of this note's entries. */
  subject?: FindingSubject;
}

/** Data a quick fix needs, carried on the finding so that fixes need not re-run the checker. */
export interface FixData {
  /** Replace the node at `range` with `text` (e.g. unknown term -> suggestion, pressure -> cap). */
  replace?: { range: Range; text: string; title: string }[];
  /** Remove the treatment entry at this index of `treatment`. */
  removeTreatmentIndex?: number;
  /** Insert a `note:` line asking for clearance into the condition at this index of `health.conditions`. */
  requestClearanceIndex?: number;
  /** Rewrite a `health.conditions` entry into structured fields, one quick fix each (an informal qualifier -> `status`, `since`). */
  conditionFields?: ConditionFieldsFix[];
}

/** One quick fix that writes fields of the condition at `index` of `health.conditions`: existing values are replaced, missing keys added (`note` only when there is none). */
export interface ConditionFieldsFix {
  index: number;
  title: string;
  fields: { key: 'condition' | 'region' | 'status' | 'since' | 'note'; value: string }[];
}

/** One thing the checker reports about a note: a stable rule id, a severity, a message and a range (0-based, LSP). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The entry the finding is about, set by the rule (or from the schema path); absent for findings about the note as a whole. */
  subject?: FindingSubject;
  related?: RelatedInfo[];
  /** Where the rule's facts come from (the knowledge base's source note), shown in hover and SARIF. */
  source?: string;
  fix?: FixData;
}

/** Sides as written after normalisation (`L` -> left, `bilat` -> bilateral). */
export type Side = 'left' | 'right' | 'bilateral';

/** Condition status; `resolved` lifts a condition, `controlled` may turn absolute into clearance. */
export type ConditionStatus = 'active' | 'controlled' | 'resolved';

/** A value read from the note together with the range of its YAML node. */
export interface Located<T> {
  value: T;
  range: Range;
}
