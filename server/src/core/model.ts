import { isMap, type LineCounter, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedYaml } from './parse';
import { SIDE_FORMS } from '../generated/sides';
import { firstLineRange, mapAt, nodeRange, pairOf, scalarAt, seqAt, stringItems } from './yamlNodes';
import type { ConditionStatus, Located, Range, Side } from './types';
import { withShortStackTraces } from './shortStackTraces';

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

/** One `health.medications` entry: a plain line (current) or `{medication, status}`. */
export interface MedicationEntry extends Located<string> {
  /** `stopped` ends a medication recorded in an earlier note; a plain line is current. */
  status?: 'current' | 'stopped';
  /** The item's place in `health.medications`: a finding's subject. */
  index?: number;
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
  /**
   * Plain JavaScript value of the same tree the fields above are read from (aliases, tags, merge
   * keys and repeated keys already taken out by the parser), so the schema, the hash and the FHIR
   * narrative read exactly what the rules and the report read; undefined if it could not be built.
   */
  data: unknown;
  client?: Located<string>;
  date?: Located<string>;
  therapist?: Located<string>;
  visit?: Located<number>;
  duration?: Located<number>;
  conditions: ConditionEntry[];
  /** Medications: plain lines (current) and `{medication, status}` mappings; `index` is the item's place in `health.medications` (a finding's subject). */
  medications: MedicationEntry[];
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
    data = withShortStackTraces(() => doc.toJS({ maxAliasCount }));
  } catch {
    // Nested too deeply to convert: the engine reports it; keep the model empty.
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
    medications: medicationEntries(lc, seqAt(health, 'medications')),
    allergies: stringItems(lc, seqAt(health, 'allergies')),
    findings,
    treatment,
    painBefore: scalarAt<number>(lc, mapAt(root, 'subjective'), 'pain', 'number'),
    painAfter: scalarAt<number>(lc, mapAt(root, 'assessment'), 'pain_after', 'number'),
    nextVisit: scalarAt<string>(lc, mapAt(root, 'plan'), 'next_visit', 'text'),
    signed,
  };
}

/** The medications: plain lines (current) and `{medication, status}` mappings, each with its range and its index in the list. */
function medicationEntries(lc: LineCounter, seq: YAMLSeq | undefined): MedicationEntry[] {
  const out: MedicationEntry[] = [...stringItems(lc, seq)];
  seq?.items.forEach((item, index) => {
    const medication = isMap(item) ? scalarAt<string>(lc, item, 'medication', 'text') : undefined;
    const range = medication ? nodeRange(lc, item as Node) : undefined;
    if (medication && range) {
      const status = scalarAt<string>(lc, item, 'status', 'text')?.value.toLowerCase() === 'stopped' ? 'stopped' : 'current';
      out.push({ value: medication.value, range: { start: range.start, end: medication.range.end }, status, index });
    }
  });
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Normalises a written side (`L`, `R`, `bilat`, any case: the schema's forms) to a {@link Side}, or undefined if it is not one. */
export function normaliseSide(text: string | undefined): Side | undefined {
  const key = text?.trim().toLowerCase();
  return key !== undefined && Object.hasOwn(SIDE_FORMS, key) ? SIDE_FORMS[key] : undefined;
}

/** Two places overlap by side unless both have a side and they are left and right. */
export function sidesOverlap(a: Side | undefined, b: Side | undefined): boolean {
  if (!a || !b) {
    return true;
  }
  return !((a === 'left' && b === 'right') || (a === 'right' && b === 'left'));
}

