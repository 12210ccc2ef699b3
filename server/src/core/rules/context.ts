import type { ConditionEntry, NoteModel, TreatmentEntry } from '../model';
import { normaliseSide } from '../model';
import type { ParsedYaml } from '../parse';
import type { Finding, FindingSubject, Range, RelatedInfo, Side } from '../types';
import type { PackRule } from '../vocabulary/packTypes';
import type { Place, TermOf, Vocabulary } from '../vocabulary/vocabulary';
import type { RecordSource } from '../record/types';
import { readInformalCondition, type InformalReading } from '../vocabulary/informal';
import { rulesOnDate } from './periods';

/** Functions the host supplies, so the core needs no Node built-ins (hashing, the clock). */
export interface EngineHost {
  /** Hex SHA-256 of a UTF-8 string. */
  sha256(text: string): string;
  /** Today's date as YYYY-MM-DD in the therapist's time zone. */
  today(): string;
}

/** A treatment entry with its terms resolved and its effective pressure worked out. */
export interface ResolvedTreatment {
  entry: TreatmentEntry;
  technique?: TermOf<'technique'>;
  place?: Place;
  side?: Side;
  /** Walton level written, else the technique's typical level, else undefined. */
  level?: number;
  /** True when the level was written in the note (a quick fix can then lower it). */
  levelWritten: boolean;
}

/** A condition in force for this visit: from `health.conditions`, or implied by a medication. */
export interface ActiveCondition {
  condition: TermOf<'condition'>;
  status: 'active' | 'controlled';
  /** The place recorded in the note, if any. */
  place?: Place;
  side?: Side;
  clearance: boolean;
  /** The entry's first line (or the medication's) for related information. */
  range: Range;
  /** The `health.conditions` or `health.medications` entry of this note it comes from: findings about it carry this subject. */
  subject?: FindingSubject;
  /** How the note names it, for messages ("warfarin" rather than "anticoagulant therapy"). */
  label: string;
  entry?: ConditionEntry;
  medication?: TermOf<'medication'>;
  /** Set when the condition (or medication) is carried from an earlier note of the client: where it was recorded. */
  origin?: RecordSource;
  /** The condition's rules on this session's date (its period and `until`s applied, see `periods.ts`). */
  rules: PackRule[];
}

/** Everything a rule family needs to check one note. */
export interface RuleContext {
  parsed: ParsedYaml;
  note: NoteModel;
  vocabulary: Vocabulary;
  host: EngineHost;
  treatments: ResolvedTreatment[];
  conditions: ActiveCondition[];
  /** Sections the workspace requires (dotted paths). */
  required: string[];
}

/** A rule family: a small object with an id (or the ids it reports) and a check function. */
export interface RuleFamily {
  /** The family's name, for logs when it fails. */
  id: string;
  check(context: RuleContext): Finding[];
}

/** Builds the resolved view of a note's treatment entries and conditions. */
export function resolveNote(note: NoteModel, vocabulary: Vocabulary): { treatments: ResolvedTreatment[]; conditions: ActiveCondition[] } {
  const treatments = note.treatment.map((entry): ResolvedTreatment => {
    const technique = entry.technique ? vocabulary.resolve('technique', entry.technique.value) : undefined;
    const written = entry.pressure ? vocabulary.pressureLevel(entry.pressure.value) : undefined;
    return {
      entry,
      technique,
      place: entry.target ? vocabulary.resolvePlace(entry.target.value) : undefined,
      side: normaliseSide(entry.side?.value),
      level: written ?? technique?.pressure,
      levelWritten: written !== undefined,
    };
  });
  const conditions: ActiveCondition[] = [];
  for (const entry of note.conditions) {
    const resolved = entry.condition ? resolveCondition(entry.condition.value, vocabulary) : undefined;
    const condition = resolved?.condition;
    if (!condition || entry.status === 'resolved') {
      continue;
    }
    // "post-op knee": the place comes from the words when the entry records none.
    const region = entry.region?.value ?? resolved.informal?.region;
    conditions.push({
      condition,
      // A date inside informal words is not `since`: the period is judged only from the structured field (fail closed).
      rules: rulesOnDate(condition, entry.since?.value, note.date?.value).rules,
      status: entry.status,
      place: region ? vocabulary.resolvePlace(region) : undefined,
      side: normaliseSide(entry.side?.value),
      clearance: entry.clearance,
      range: entry.range,
      subject: { list: 'conditions', index: entry.index },
      label: entry.condition?.value ?? condition.name,
      entry,
    });
  }
  for (const written of note.medications) {
    if (written.status === 'stopped') {
      continue;
    }
    const implied = impliedCondition(written.value, note.date?.value, vocabulary);
    // A condition recorded explicitly already carries the same rules; do not report them twice.
    if (!implied || conditions.some((c) => c.condition.id === implied.condition.id)) {
      continue;
    }
    const { drugClass, ...active } = implied;
    conditions.push({
      ...active,
      range: written.range,
      ...(written.index !== undefined ? { subject: { list: 'medications' as const, index: written.index } } : {}),
      label: `${implied.medication.name} (${drugClass})`,
    });
  }
  return { treatments, conditions };
}

/** A condition as written: by id, name or synonym, else through an informal qualifier ("hx of DVT", "7 months pregnant"). */
/**
 * The condition a medication line implies (`Eliquis 5mg BID` -> anticoagulant therapy), in force
 * with its rules on the session date, or undefined for a drug the vocabulary does not know.
 * Shared by written and carried medications, so both bring exactly the same rules.
 */
export function impliedCondition(text: string, sessionDate: string | undefined, vocabulary: Vocabulary): (Pick<ActiveCondition, 'condition' | 'rules' | 'status' | 'clearance'> & { medication: TermOf<'medication'>; drugClass: string }) | undefined {
  const medication = vocabulary.findMedication(text);
  const condition = medication ? vocabulary.get('condition', medication.implies) : undefined;
  if (!medication || !condition) {
    return undefined;
  }
  return { condition, rules: rulesOnDate(condition, undefined, sessionDate).rules, status: 'active', clearance: false, medication, drugClass: medication.drug_class.replace(/\s*\((.*)\)/, ', $1') };
}

export function resolveCondition(text: string, vocabulary: Vocabulary): { condition: TermOf<'condition'>; informal?: InformalReading } | undefined {
  const direct = vocabulary.resolve('condition', text);
  if (direct) {
    return { condition: direct };
  }
  const informal = readInformalCondition(text, vocabulary);
  return informal ? { condition: informal.condition, informal } : undefined;
}

/** The rules of a condition that are in force at its status. */
export function rulesInForce(active: ActiveCondition, type: PackRule['type']): PackRule[] {
  return active.rules.filter((rule) => rule.type === type && (rule.status ?? ['active', 'controlled']).includes(active.status));
}

/** True when a rule's technique list (ids or `tag:NAME`) names the treatment's technique; no list means every technique. */
export function techniqueMatches(rule: PackRule, technique: TermOf<'technique'> | undefined): boolean {
  if (!rule.techniques || rule.techniques.length === 0) {
    return true;
  }
  if (!technique) {
    return false;
  }
  return rule.techniques.some((t) => (t.startsWith('tag:') ? (technique.tags ?? []).includes(t.slice(4)) : t === technique.id));
}

/** Related information pointing at the condition (or medication) a finding is about, with its subject; for a carried one, its line in the earlier note. */
export function relatedTo(active: ActiveCondition): RelatedInfo[] {
  if (active.origin) {
    const visit = active.origin.visit !== undefined ? `, visit ${active.origin.visit}` : '';
    const name = active.label.replace(/ \([^()]*recorded [^()]*\)$/, '');
    return [{ message: `${name} is recorded here (${active.origin.date}${visit})`, range: active.origin.range, uri: active.origin.uri }];
  }
  return [{ message: `${active.label} is recorded here`, range: active.range, ...(active.subject ? { subject: active.subject } : {}) }];
}

/** The subject of a finding about one treatment entry. */
export function treatmentSubject(t: ResolvedTreatment): FindingSubject {
  return { list: 'treatment', index: t.entry.index };
}

/** How a treatment entry reads in a message: "deep tissue massage on the left gastrocnemius". */
export function describeTreatment(t: ResolvedTreatment): string {
  const technique = t.technique?.name ?? t.entry.technique?.value ?? 'treatment';
  const target = t.place?.term.name ?? t.entry.target?.value;
  if (!target) {
    return capitalise(technique);
  }
  const where = t.side === 'bilateral' ? `the ${target} (both sides)` : t.side ? `the ${t.side} ${target}` : `the ${target}`;
  return `${capitalise(technique)} on ${where}`;
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
