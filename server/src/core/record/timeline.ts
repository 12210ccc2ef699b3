import { describeCarriedCondition } from './apply';
import { compareNotes } from './carry';
import { sameMedication } from './summary';
import type { NoteSummary, RecordedCondition } from './types';

/** One change in a client's health record: when a condition or medication was recorded, changed, resolved or stopped. */
export interface HealthEvent {
  date: string;
  visit?: number;
  /** The note's path as shown (relative to the workspace). */
  path: string;
  kind: 'condition' | 'medication';
  change: 'recorded' | 'changed' | 'resolved' | 'recorded again' | 'stopped';
  /** "deep vein thrombosis, left calf, active" or the medication line. */
  what: string;
}

const describe = (c: RecordedCondition): string => describeCarriedCondition({ ...c, from: { uri: '', date: '', range: c.range, line: '' } });

/** The client's health timeline from their notes' summaries (any order): only the changes, not each repetition. Pure. */
export function healthTimeline(notes: readonly { path: string; summary: NoteSummary }[]): HealthEvent[] {
  const paths = new Map(notes.map((n) => [n.summary.uri, n.path]));
  const ordered = notes.map((n) => n.summary).filter((s) => s.date !== undefined).sort(compareNotes);
  const conditions = new Map<string, RecordedCondition>();
  const medications = new Set<string>();
  const events: HealthEvent[] = [];
  for (const note of ordered) {
    const at = { date: note.date ?? '', ...(note.visit !== undefined ? { visit: note.visit } : {}), path: paths.get(note.uri) ?? note.uri };
    for (const c of note.conditions) {
      const before = conditions.get(c.key);
      conditions.set(c.key, c);
      const change: HealthEvent['change'] | undefined = !before
        ? 'recorded'
        : c.status === 'resolved'
          ? before.status === 'resolved' ? undefined : 'resolved'
          : before.status === 'resolved'
            ? 'recorded again'
            : before.status !== c.status || before.clearance !== c.clearance ? 'changed' : undefined;
      if (change) {
        events.push({ ...at, kind: 'condition', change, what: describe(c) + (c.clearance ? ', clearance on file' : '') });
      }
    }
    for (const m of note.medications) {
      const known = [...medications].filter((k) => sameMedication(k, m.key));
      if (m.status === 'stopped') {
        if (known.length > 0) {
          known.forEach((k) => medications.delete(k));
          events.push({ ...at, kind: 'medication', change: 'stopped', what: m.medication });
        }
      } else if (!medications.has(m.key)) {
        medications.add(m.key);
        events.push({ ...at, kind: 'medication', change: 'recorded', what: m.medication });
      }
    }
  }
  return events;
}
