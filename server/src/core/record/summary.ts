import type { NoteModel } from '../model';
import { normaliseSide } from '../model';
import { termKey } from '../vocabulary/normalize';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { resolveCondition } from '../rules/context';
import type { NoteSummary, RecordedCondition, RecordedMedication } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string | undefined): text is string {
  return text !== undefined && ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** The key that says two condition recordings are the same condition: condition, region and side, resolved through the vocabulary. */
export function conditionKey(vocabulary: Vocabulary, condition: string, region: string | undefined, side: string | undefined): string {
  const id = resolveCondition(condition, vocabulary)?.condition.id ?? `?${termKey(condition)}`;
  const place = region === undefined ? '' : (vocabulary.resolvePlace(region)?.term.id ?? `?${termKey(region)}`);
  return `${id}|${place}|${normaliseSide(side) ?? ''}`;
}

/** The key of a medication: the known drug, else the words of the text (`?ibuprofen as needed`). */
export function medicationKey(vocabulary: Vocabulary, medication: string): string {
  return vocabulary.findMedication(medication)?.id ?? `?${medication.split(/[^\p{L}\p{N}]+/u).map(termKey).filter(Boolean).join(' ')}`;
}

/** True when a recording with key `later` is about the medication with key `earlier`: the same drug, or an unknown one named by the start of its line ("ibuprofen" and "ibuprofen as needed"). */
export function sameMedication(earlier: string, later: string): boolean {
  return earlier === later || (later.startsWith('?') && earlier.startsWith(`${later} `));
}

/** Reads the `since` of the condition at `index` from the note's plain data (the positional model does not need it). */
function sinceOf(data: unknown, index: number): string | undefined {
  const health = (data as { health?: { conditions?: unknown } } | undefined)?.health;
  const entry = Array.isArray(health?.conditions) ? (health.conditions[index] as { since?: unknown } | undefined) : undefined;
  const since = entry?.since;
  return typeof since === 'string' ? since : since instanceof Date ? since.toISOString().slice(0, 10) : undefined;
}

/** What the record needs of a note: client, valid date, visit, and the conditions and medications it records. Pure. */
export function summariseNote(uri: string, note: NoteModel, vocabulary: Vocabulary, text: string): NoteSummary {
  const lines = text.split('\n');
  const lineAt = (line: number): string => (lines[line] ?? '').trim().slice(0, 200);
  const conditions: RecordedCondition[] = [];
  for (const entry of note.conditions) {
    if (!entry.condition) {
      continue;
    }
    const since = sinceOf(note.data, entry.index);
    const side = normaliseSide(entry.side?.value);
    conditions.push({
      key: conditionKey(vocabulary, entry.condition.value, entry.region?.value, entry.side?.value),
      condition: entry.condition.value,
      ...(entry.region ? { region: entry.region.value } : {}),
      ...(side ? { side } : {}),
      status: entry.status,
      clearance: entry.clearance,
      ...(since ? { since } : {}),
      range: entry.range,
      line: lineAt(entry.range.start.line),
    });
  }
  const medications: RecordedMedication[] = note.medications.map((m) => ({
    key: medicationKey(vocabulary, m.value),
    medication: m.value,
    status: m.status ?? 'current',
    range: m.range,
    line: lineAt(m.range.start.line),
  }));
  const date = note.date?.value;
  return {
    uri,
    ...(note.client ? { client: note.client.value } : {}),
    ...(isIsoDate(date) ? { date } : {}),
    ...(note.visit ? { visit: note.visit.value } : {}),
    ...(note.therapist ? { therapist: note.therapist.value } : {}),
    conditions,
    medications,
  };
}
