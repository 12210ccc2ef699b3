import type { Analysis } from '../engine';
import { summariseNote } from '../record/summary';
import { healthTimeline, type HealthEvent } from '../record/timeline';
import type { Vocabulary } from '../vocabulary/vocabulary';

/** The minimal clinically important difference on the 0-10 NPRS: about 2 points. */
export const NPRS_MCID = 2;

/** Days a follow-up may slip past its planned date before it counts as missed. */
export const FOLLOW_UP_GRACE_DAYS = 3;

/** One visit in a client's history. */
export interface VisitProgress {
  path: string;
  date: string;
  visit?: number;
  painBefore?: number;
  painAfter?: number;
  /** Pain after minus pain before, this session. */
  sessionChange?: number;
  /** Pain before this visit minus pain before the first visit (negative = better). */
  changeFromBaseline?: number;
  /** True when the change from baseline reaches the MCID (2 NPRS points). */
  reachesMcid: boolean;
  techniques: string[];
  /** Body regions treated (lower leg, lower back), not the muscles. */
  regions: string[];
  /** What was treated as written or resolved (muscles, tissues). */
  targets: string[];
  plannedNext?: string;
  /** A planned follow-up that did not happen in time: how many days late, or 'none' when no later visit exists. */
  missedFollowUp?: { planned: string; late: number | 'none' };
}

/** A client's progress across visits, in date order. */
export interface ClientHistory {
  client: string;
  visits: VisitProgress[];
  baseline?: number;
  latest?: number;
  /** Latest pain (after the last session if recorded, else before it) minus baseline. */
  overallChange?: number;
  overallReachesMcid: boolean;
  /** When each condition and medication was recorded, changed, resolved or stopped. */
  health: HealthEvent[];
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Builds one client's history from analysed notes (any order; notes of other clients are ignored). */
export function clientHistory(client: string, notes: { path: string; analysis: Analysis }[], today: string, vocabulary?: Vocabulary): ClientHistory {
  const mine = notes
    .filter((n) => n.analysis.note.client?.value === client && /^\d{4}-\d{2}-\d{2}$/.test(n.analysis.note.date?.value ?? ''))
    .sort((a, b) => (a.analysis.note.date?.value ?? '').localeCompare(b.analysis.note.date?.value ?? '') || (a.analysis.note.visit?.value ?? 0) - (b.analysis.note.visit?.value ?? 0));
  const baseline = mine.find((n) => n.analysis.note.painBefore)?.analysis.note.painBefore?.value;
  const visits = mine.map((n, i): VisitProgress => {
    const note = n.analysis.note;
    const painBefore = note.painBefore?.value;
    const painAfter = note.painAfter?.value;
    const changeFromBaseline = baseline !== undefined && painBefore !== undefined ? painBefore - baseline : undefined;
    const techniques = [...new Set(n.analysis.treatments.map((t) => t.technique?.name ?? t.entry.technique?.value).filter((x): x is string => Boolean(x)))];
    const targets = [...new Set(n.analysis.treatments.map((t) => t.place?.term.name ?? t.entry.target?.value).filter((x): x is string => Boolean(x)))];
    const regions = [...new Set(n.analysis.treatments.map((t) => (t.place ? (vocabulary?.get('region', t.place.region)?.name ?? t.place.region) : t.entry.target?.value)).filter((x): x is string => Boolean(x)))];
    const planned = note.nextVisit?.value && /^\d{4}-\d{2}-\d{2}$/.test(note.nextVisit.value) ? note.nextVisit.value : undefined;
    const nextDate = mine[i + 1]?.analysis.note.date?.value;
    let missedFollowUp: VisitProgress['missedFollowUp'];
    if (planned && nextDate && days(planned, nextDate) > FOLLOW_UP_GRACE_DAYS) {
      missedFollowUp = { planned, late: days(planned, nextDate) };
    } else if (planned && !nextDate && days(planned, today) > FOLLOW_UP_GRACE_DAYS) {
      missedFollowUp = { planned, late: 'none' };
    }
    return {
      path: n.path,
      date: note.date?.value ?? '',
      ...(note.visit ? { visit: note.visit.value } : {}),
      ...(painBefore !== undefined ? { painBefore } : {}),
      ...(painAfter !== undefined ? { painAfter } : {}),
      ...(painBefore !== undefined && painAfter !== undefined ? { sessionChange: painAfter - painBefore } : {}),
      ...(changeFromBaseline !== undefined ? { changeFromBaseline } : {}),
      reachesMcid: changeFromBaseline !== undefined && Math.abs(changeFromBaseline) >= NPRS_MCID,
      techniques,
      regions,
      targets,
      ...(planned ? { plannedNext: planned } : {}),
      ...(missedFollowUp ? { missedFollowUp } : {}),
    };
  });
  const last = visits[visits.length - 1];
  const latest = last?.painAfter ?? last?.painBefore;
  const overallChange = baseline !== undefined && latest !== undefined ? latest - baseline : undefined;
  return {
    client,
    visits,
    ...(baseline !== undefined ? { baseline } : {}),
    ...(latest !== undefined ? { latest } : {}),
    ...(overallChange !== undefined ? { overallChange } : {}),
    overallReachesMcid: overallChange !== undefined && Math.abs(overallChange) >= NPRS_MCID,
    health: vocabulary ? healthTimeline(mine.map((n) => ({ path: n.path, summary: summariseNote(n.path, n.analysis.note, vocabulary, n.analysis.parsed.text) }))) : [],
  };
}
