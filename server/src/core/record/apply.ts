import { DOCUMENT_START } from '../ranges';
import { RuleId } from '../ruleIds';
import { impliedCondition, resolveCondition, type ActiveCondition } from '../rules/context';
import { rulesOnDate } from '../rules/periods';
import type { NoteModel } from '../model';
import type { Finding, RelatedInfo } from '../types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { describeSource } from './carry';
import { sameMedication } from './summary';
import type { Carried, CarriedCondition, CarriedMedication, NoteSummary, RecordLookup } from './types';

/** What the record adds to one note's check: the items it carries, the conditions they put in force, and the record's findings. */
export interface RecordUse {
  carried: Carried;
  conditions: ActiveCondition[];
  findings: Finding[];
}

/** "deep vein thrombosis, left calf, active": a carried condition as the record lists it. */
export function describeCarriedCondition(c: CarriedCondition): string {
  const where = [c.side, c.region].filter(Boolean).join(' ');
  return [c.condition, where, c.status].filter(Boolean).join(', ');
}

/** "warfarin 5 mg daily": a carried medication as the record lists it. */
export function describeCarriedMedication(m: CarriedMedication): string {
  return m.medication;
}

/**
 * Applies the client's record to a note: what it carries (minus what the note records itself: its
 * own recording is the latest), the carried conditions as {@link ActiveCondition}s (medications
 * through the condition they imply), `record.carried-history` on the first line, and a hint when
 * the client id is typed like another client's.
 */
export function applyRecord(summary: NoteSummary, note: NoteModel, lookup: RecordLookup, vocabulary: Vocabulary, written: readonly ActiveCondition[]): RecordUse {
  const own = new Set(summary.conditions.map((c) => c.key));
  const all = lookup.carriedFor(summary);
  const carried: Carried = {
    conditions: all.conditions.filter((c) => !own.has(c.key)),
    medications: all.medications.filter((m) => !summary.medications.some((o) => sameMedication(m.key, o.key))),
  };
  const conditions: ActiveCondition[] = [];
  for (const c of carried.conditions) {
    // As a written condition is read: by name, else through an informal qualifier ("hx of DVT" keeps DVT's rules).
    const condition = resolveCondition(c.condition, vocabulary)?.condition;
    if (!condition || c.status === 'resolved') {
      continue;
    }
    conditions.push({
      condition,
      // The period rules (acute, recent) are judged from the carried since on this note's session date.
      rules: rulesOnDate(condition, c.since, note.date?.value).rules,
      status: c.status,
      ...(c.region ? { place: vocabulary.resolvePlace(c.region) } : {}),
      ...(c.side ? { side: c.side } : {}),
      clearance: c.clearance,
      range: DOCUMENT_START,
      label: `${c.condition} (${c.status}, recorded ${describeSource(c.from)})`,
      origin: c.from,
    });
  }
  for (const m of carried.medications) {
    const implied = impliedCondition(m.medication, note.date?.value, vocabulary);
    // A condition already in force brings the same rules; do not report them twice.
    if (!implied || [...written, ...conditions].some((c) => c.condition.id === implied.condition.id)) {
      continue;
    }
    const { drugClass, ...active } = implied;
    conditions.push({
      ...active,
      range: DOCUMENT_START,
      label: `${implied.medication.name} (${drugClass}; recorded ${describeSource(m.from)})`,
      origin: m.from,
    });
  }
  const findings: Finding[] = [];
  const items = [
    ...carried.conditions.map((c) => ({ text: `${describeCarriedCondition(c)} (recorded ${describeSource(c.from)})`, from: c.from })),
    ...carried.medications.map((m) => ({ text: `${describeCarriedMedication(m)} (recorded ${describeSource(m.from)})`, from: m.from })),
  ];
  if (items.length > 0) {
    findings.push({
      ruleId: RuleId.carriedHistory,
      severity: 'information',
      message: `Carried from this client's earlier notes and checked as if written here: ${items.map((i) => i.text).join('; ')}. To change one, record it in this note (status: resolved, or a medication with status: stopped).`,
      range: DOCUMENT_START,
      related: items.map((i): RelatedInfo => ({ message: `${i.text.replace(/ \(recorded .*\)$/, '')} is recorded here`, range: i.from.range, uri: i.from.uri })),
    });
  }
  const near = summary.client === undefined ? [] : lookup.nearIds(summary.client);
  if (near.length > 0 && note.client) {
    const others = near.map((id) => `'${id}'`).join(', ');
    findings.push({
      ruleId: RuleId.clientIdNearMatch,
      severity: 'hint',
      message: `The client id '${summary.client}' differs from ${others}, used in other notes of this workspace, only in case, punctuation or leading zeros. Health history is carried only between notes with exactly the same id: if this is the same client, write ${near.length === 1 ? others : 'the same id'} here.`,
      range: note.client.range,
    });
  }
  return { carried, conditions, findings };
}
