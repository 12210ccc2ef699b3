import type { Analysis } from '../engine';
import { RuleId } from '../ruleIds';
import { SIDE_FORMS } from '../../generated/sides';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { CheckKind, Criterion } from './rubric';

/** Whether a note meets a criterion, and for a miss, what exactly is missing (`treatment 2 (hamstrings) has no finding or complaint there`). */
export interface Judgement {
  met: boolean;
  detail?: string;
}

/** The sections every note should fill when a `sections-filled` criterion names none. */
export const DEFAULT_SECTIONS = ['subjective', 'objective', 'treatment', 'assessment', 'plan'];

type Judge = (analysis: Analysis, vocabulary: Vocabulary, criterion: Criterion) => Judgement;

/** Rules whose error or warning is a conflict between the treatment and the client's health (or the body's danger sites). */
const CONFLICT_RULES: readonly string[] = [RuleId.absolute, RuleId.local, RuleId.technique, RuleId.pressure, RuleId.clearance, RuleId.endangerment];

/** The value at a dotted path of the note's data. */
function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of path.split('.')) {
    node = node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** Present and holding something: not null, not an empty string, list or mapping. */
function filled(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

const sectionsFilled: Judge = (analysis, _v, criterion) => {
  const missing = (criterion.sections ?? DEFAULT_SECTIONS).filter((path) => !filled(valueAt(analysis.note.data, path)));
  return missing.length === 0 ? { met: true } : { met: false, detail: `missing or empty: ${missing.join(', ')}` };
};

const objectiveFindings: Judge = (analysis, _v, criterion) => {
  const count = analysis.note.findings.filter((f) => f.finding !== undefined && f.finding.value.trim() !== '').length;
  const min = criterion.min ?? 1;
  return count >= min ? { met: true } : { met: false, detail: `${count} objective finding${count === 1 ? '' : 's'}, at least ${min} needed` };
};

/** A written side, normalised; undefined when none or not a side. */
function sideOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : SIDE_FORMS[text.trim().toLowerCase()];
}

/** Two sides allow the same place unless they are left and right (the contract's overlap rule). */
function sidesMeet(a: string | undefined, b: string | undefined): boolean {
  return !(a && b && ((a === 'left' && b === 'right') || (a === 'right' && b === 'left')));
}

/**
 * The regions a free-text complaint names ("Low back pain after gardening" -> lower-back): the
 * longest run of words that names a place wins, so "low back" is not also "back".
 */
export function complaintRegions(complaint: string, vocabulary: Vocabulary): string[] {
  const words = complaint.toLowerCase().split(/[^a-z0-9'-]+/).filter(Boolean).slice(0, 200);
  const regions: string[] = [];
  for (let i = 0; i < words.length; ) {
    let step = 1;
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const place = vocabulary.resolvePlace(words.slice(i, i + n).join(' '));
      if (place) {
        regions.push(place.region);
        step = n;
        break;
      }
    }
    i += step;
  }
  return regions;
}

const treatmentJustified: Judge = (analysis, vocabulary) => {
  // The root region (the whole body) justifies nothing: "full body tension" points at no tissue.
  const specific = (region: string): boolean => vocabulary.get('region', region)?.parent !== undefined;
  const findingPlaces = analysis.note.findings.flatMap((f) => {
    const place = f.target ? vocabulary.resolvePlace(f.target.value) : undefined;
    return place && specific(place.region) ? [{ region: place.region, side: sideOf(f.side?.value) }] : [];
  });
  const complaint = valueAt(analysis.note.data, 'subjective.complaint');
  const complained = typeof complaint === 'string' ? complaintRegions(complaint, vocabulary).filter(specific) : [];
  const unjustified: string[] = [];
  for (const t of analysis.treatments) {
    const label = `treatment ${t.entry.index + 1}${t.entry.target ? ` (${t.entry.target.value})` : ''}`;
    const region = t.place?.region;
    if (!region) {
      unjustified.push(`${label}: target not known`);
      continue;
    }
    const byFinding = findingPlaces.some((f) => vocabulary.regionsOverlap(f.region, region) && sidesMeet(f.side, t.side));
    const byComplaint = complained.some((c) => vocabulary.regionsOverlap(c, region));
    if (!byFinding && !byComplaint) {
      unjustified.push(label);
    }
  }
  return unjustified.length === 0 ? { met: true } : { met: false, detail: `no objective finding or complaint there: ${unjustified.join('; ')}` };
};

const painReassessed: Judge = (analysis) => {
  const missing = [analysis.note.painBefore ? '' : 'subjective.pain', analysis.note.painAfter ? '' : 'assessment.pain_after'].filter(Boolean);
  return missing.length === 0 ? { met: true } : { met: false, detail: `not recorded: ${missing.join(', ')}` };
};

const homeCare: Judge = (analysis) => (filled(valueAt(analysis.note.data, 'plan.home_care')) ? { met: true } : { met: false, detail: 'plan.home_care is missing or empty' });

const noUnknownTerms: Judge = (analysis) => {
  const unknown = analysis.findings.filter((f) => f.ruleId === RuleId.unknownTerm);
  return unknown.length === 0 ? { met: true } : { met: false, detail: `${unknown.length} unknown term${unknown.length === 1 ? '' : 's'} (line ${unknown.map((f) => f.range.start.line + 1).join(', ')})` };
};

const noConflicts: Judge = (analysis) => {
  const conflicts = analysis.findings.filter((f) => CONFLICT_RULES.includes(f.ruleId) && (f.severity === 'error' || f.severity === 'warning'));
  return conflicts.length === 0 ? { met: true } : { met: false, detail: conflicts.map((f) => `${f.ruleId} at line ${f.range.start.line + 1}`).join('; ') };
};

const signed: Judge = (analysis) => {
  if (!analysis.note.signed?.sha256) {
    return { met: false, detail: 'the note is not signed' };
  }
  const broken = analysis.findings.filter((f) => f.ruleId.startsWith('signature.') && f.severity === 'error');
  return broken.length === 0 ? { met: true } : { met: false, detail: 'the signature does not verify' };
};

/** Each check a rubric may name, and how it is judged. */
export const JUDGES: Readonly<Record<CheckKind, Judge>> = {
  'sections-filled': sectionsFilled,
  'objective-findings': objectiveFindings,
  'treatment-justified': treatmentJustified,
  'pain-reassessed': painReassessed,
  'home-care': homeCare,
  'no-unknown-terms': noUnknownTerms,
  'no-conflicts': noConflicts,
  signed,
};
