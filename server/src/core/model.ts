import { isMap, type Node, type YAMLMap } from 'yaml';
import type { ParsedYaml } from './parse';
import { firstLineRange, mapAt, nodeRange, pairOf, scalarAt, seqAt, stringItems } from './yamlNodes';
import type { ConditionStatus, Located, Range, Side } from './types';

/** One `treatment` entry with each field's position; fields are raw text until the vocabulary resolves them. */
export interface TreatmentEntry {
  index: number;
  /** The entry's first line (its dash line): findings about the entry start here. */
  range: Range;
  /** The whole entry, for quick fixes that remove it. */
  fullRange: Range;
  technique?: Located<string>;
  target?: Located<string>;
  side?: Located<string>;
  pressure?: Located<string | number>;
  minutes?: Located<number>;
}

/** One `health.conditions` entry. */
export interface ConditionEntry {
  index: number;
  range: Range;
  fullRange: Range;
  condition?: Located<string>;
  region?: Located<string>;
  side?: Located<string>;
  status: ConditionStatus;
  statusNode?: Located<string>;
  clearance: boolean;
  clearanceNode?: Located<boolean>;
  /** Onset date as written (YYYY-MM-DD); time-aware rules are judged from it. */
  since?: Located<string>;
  note?: Located<string>;
}

/** One `objective.findings` entry. */
export interface ObjectiveFinding {
  index: number;
  range: Range;
  target?: Located<string>;
  side?: Located<string>;
  finding?: Located<string>;
}

/** The note's fields with positions, read leniently: a field of the wrong type is simply absent here (the schema reports it). */
export interface NoteModel {
  /** The top-level mapping, or undefined when the document is not a mapping. */
  root: YAMLMap | undefined;
  /** Plain JavaScript value of the document (aliases expanded within limits); undefined if it could not be built. */
  data: unknown;
  client?: Located<string>;
  date?: Located<string>;
  therapist?: Located<string>;
  visit?: Located<number>;
  duration?: Located<number>;
  conditions: ConditionEntry[];
  /** Plain medication lines; `index` is the item's place in `health.medications` (a finding's subject). */
  medications: (Located<string> & { index?: number })[];
  allergies: Located<string>[];
  findings: ObjectiveFinding[];
  treatment: TreatmentEntry[];
  painBefore?: Located<number>;
  painAfter?: Located<number>;
  nextVisit?: Located<string>;
  signed?: { keyRange: Range; sha256?: Located<string>; by?: Located<string>; at?: Located<string> };
}

/** Builds the positional model of a parsed note. Never throws. */
export function buildModel(parsed: ParsedYaml, maxAliasCount: number): NoteModel {
  const empty: NoteModel = { root: undefined, data: undefined, conditions: [], medications: [], allergies: [], findings: [], treatment: [] };
  const doc = parsed.doc;
  if (!doc) {
    return empty;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch {
    // An alias bomb or a broken alias: the schema and syntax findings say enough; keep the model empty.
    data = undefined;
  }
  const root = isMap(doc.contents) ? doc.contents : undefined;
  if (!root) {
    return { ...empty, data };
  }
  const lc = parsed.lineCounter;
  const text = parsed.text;
  const entryRanges = (node: Node): { range: Range; fullRange: Range } | undefined => {
    const range = firstLineRange(lc, text, node);
    const fullRange = nodeRange(lc, node);
    return range && fullRange ? { range, fullRange } : undefined;
  };

  const health = mapAt(root, 'health');
  const conditions: ConditionEntry[] = [];
  seqAt(health, 'conditions')?.items.forEach((item, index) => {
    const ranges = isMap(item) ? entryRanges(item) : undefined;
    if (!ranges) {
      return;
    }
    const statusNode = scalarAt<string>(lc, item, 'status', 'string');
    const status = (['active', 'controlled', 'resolved'] as const).find((s) => s === statusNode?.value.toLowerCase()) ?? 'active';
    const clearanceNode = scalarAt<boolean>(lc, item, 'clearance', 'boolean');
    conditions.push({
      index,
      ...ranges,
      condition: scalarAt<string>(lc, item, 'condition', 'text'),
      region: scalarAt<string>(lc, item, 'region', 'text'),
      side: scalarAt<string>(lc, item, 'side', 'text'),
      status,
      statusNode,
      clearance: clearanceNode?.value === true,
      clearanceNode,
      since: scalarAt<string>(lc, item, 'since', 'text'),
      note: scalarAt<string>(lc, item, 'note', 'text'),
    });
  });

  const findings: ObjectiveFinding[] = [];
  seqAt(mapAt(root, 'objective'), 'findings')?.items.forEach((item, index) => {
    const ranges = isMap(item) ? entryRanges(item) : undefined;
    if (ranges) {
      findings.push({
        index,
        range: ranges.range,
        target: scalarAt<string>(lc, item, 'target', 'text'),
        side: scalarAt<string>(lc, item, 'side', 'text'),
        finding: scalarAt<string>(lc, item, 'finding', 'text'),
      });
    }
  });

  const treatment: TreatmentEntry[] = [];
  const treatmentSeq = seqAt(root, 'treatment');
  treatmentSeq?.items.forEach((item, index) => {
    const ranges = isMap(item) ? entryRanges(item) : undefined;
    if (ranges) {
      const pressure = scalarAt<string | number>(lc, item, 'pressure', 'raw');
      treatment.push({
        index,
        ...ranges,
        technique: scalarAt<string>(lc, item, 'technique', 'text'),
        target: scalarAt<string>(lc, item, 'target', 'text'),
        side: scalarAt<string>(lc, item, 'side', 'text'),
        pressure,
        minutes: scalarAt<number>(lc, item, 'minutes', 'number'),
      });
    }
  });

  const signedPair = pairOf(root, 'signed');
  const signedKeyRange = signedPair ? nodeRange(lc, signedPair.key) : undefined;
  const signed = signedPair && signedKeyRange
    ? {
        keyRange: signedKeyRange,
        sha256: scalarAt<string>(lc, signedPair.value, 'sha256', 'text'),
        by: scalarAt<string>(lc, signedPair.value, 'by', 'text'),
        at: scalarAt<string>(lc, signedPair.value, 'at', 'text'),
      }
    : undefined;

  return {
    root,
    data,
    client: scalarAt<string>(lc, root, 'client', 'text'),
    date: scalarAt<string>(lc, root, 'date', 'text'),
    therapist: scalarAt<string>(lc, root, 'therapist', 'text'),
    visit: scalarAt<number>(lc, root, 'visit', 'number'),
    duration: scalarAt<number>(lc, root, 'duration', 'number'),
    conditions,
    medications: stringItems(lc, seqAt(health, 'medications')),
    allergies: stringItems(lc, seqAt(health, 'allergies')),
    findings,
    treatment,
    painBefore: scalarAt<number>(lc, mapAt(root, 'subjective'), 'pain', 'number'),
    painAfter: scalarAt<number>(lc, mapAt(root, 'assessment'), 'pain_after', 'number'),
    nextVisit: scalarAt<string>(lc, mapAt(root, 'plan'), 'next_visit', 'text'),
    signed,
  };
}

/** Normalises a written side (`L`, `R`, `bilat`, any case) to a {@link Side}, or undefined if it is not one. */
export function normaliseSide(text: string | undefined): Side | undefined {
  switch (text?.trim().toLowerCase()) {
    case 'l':
    case 'left':
      return 'left';
    case 'r':
    case 'right':
      return 'right';
    case 'b':
    case 'bilat':
    case 'bilateral':
    case 'both':
      return 'bilateral';
    default:
      return undefined;
  }
}

/** Two places overlap by side unless both have a side and they are left and right. */
export function sidesOverlap(a: Side | undefined, b: Side | undefined): boolean {
  if (!a || !b) {
    return true;
  }
  return !((a === 'left' && b === 'right') || (a === 'right' && b === 'left'));
}

