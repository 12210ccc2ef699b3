import { sameMedication } from './summary';
import type { Carried, CarriedCondition, CarriedMedication, NoteSummary, RecordSource } from './types';

/** Orders notes in time: earlier date first, on the same date the lower visit, then by uri so the order is stable. */
export function compareNotes(a: NoteSummary, b: NoteSummary): number {
  return (a.date ?? '').localeCompare(b.date ?? '') || (a.visit ?? 0) - (b.visit ?? 0) || a.uri.localeCompare(b.uri);
}

/**
 * True when `source` is earlier than `target`: an earlier date, or the same date and a lower visit.
 * A note without a valid date is never a source. A target without one (a schema error already)
 * carries from every dated note: not knowing when it was written must not hide a condition.
 */
export function isEarlier(source: NoteSummary, target: NoteSummary): boolean {
  if (source.uri === target.uri || source.date === undefined) {
    return false;
  }
  if (target.date === undefined) {
    return true;
  }
  return source.date < target.date || (source.date === target.date && (source.visit ?? 0) < (target.visit ?? 0));
}

/**
 * What `target` carries from `notes` (the client's other notes, any order): each condition whose
 * latest recording is not `resolved`, each medication whose latest recording is not `stopped`,
 * with where that latest recording is. Pure.
 */
export function carriedFrom(target: NoteSummary, notes: readonly NoteSummary[]): Carried {
  const earlier = notes.filter((n) => n.client === target.client && isEarlier(n, target)).sort(compareNotes);
  const conditions = new Map<string, CarriedCondition>();
  const medications = new Map<string, CarriedMedication>();
  for (const note of earlier) {
    const at = (range: RecordSource['range'], line: string): RecordSource => ({ uri: note.uri, date: note.date ?? '', ...(note.visit !== undefined ? { visit: note.visit } : {}), range, line });
    for (const c of note.conditions) {
      // Delete first, so a re-activated condition is listed in the order of its latest recording.
      conditions.delete(c.key);
      if (c.status !== 'resolved') {
        conditions.set(c.key, { ...c, from: at(c.range, c.line) });
      }
    }
    for (const m of note.medications) {
      // An unknown drug recorded by its name replaces the lines that start with it ("ibuprofen" stops "ibuprofen as needed").
      for (const key of [...medications.keys()].filter((k) => sameMedication(k, m.key))) {
        medications.delete(key);
      }
      if (m.status !== 'stopped') {
        medications.set(m.key, { ...m, from: at(m.range, m.line) });
      }
    }
  }
  return { conditions: [...conditions.values()], medications: [...medications.values()] };
}

/** "2026-09-08, visit 1": where a carried item was recorded, as messages say it. */
export function describeSource(from: RecordSource): string {
  return from.visit !== undefined ? `${from.date}, visit ${from.visit}` : from.date;
}
