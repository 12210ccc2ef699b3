import type { Analysis } from '../engine';
import type { Translator } from '../l10n/localize';
import { normaliseSide, type TreatmentEntry } from '../model';
import { rulesInForce, techniqueMatches, type ActiveCondition, type ResolvedTreatment } from '../rules/context';
import { describePlacement, placementOf, treatmentFalls, type Placement } from '../rules/placement';
import type { PackRule } from '../vocabulary/packTypes';
import type { Place, TermOf, Vocabulary } from '../vocabulary/vocabulary';

/** What is known of the treatment entry being written, read from its other fields. */
export interface EntryFacts {
  technique?: TermOf<'technique'>;
  place?: Place;
  side?: ReturnType<typeof normaliseSide>;
  /** Walton level written on the entry. */
  level?: number;
}

/** Why a candidate value is a bad idea here: `barred` sorts last, `over-cap` before it, `caution` after the ordinary ones. */
export interface Mark {
  tier: 'caution' | 'over-cap' | 'barred';
  /** The whole reason, at the top of the item's documentation: "⚠ barred: warfarin (anticoagulant) — ...". */
  text: string;
  /** A short phrase for `detail` and `labelDetails.description` ("⚠ barred: warfarin (anticoagulant)"): editors such as Neovim size their menu to it. */
  short: string;
  /** The condition (or medication) that gives the mark, as the note names it. */
  condition: string;
  /** For `over-cap`: the cap's pressure word. */
  cap?: string;
}

/** {@link Mark.short} in the translator's language: "⚠ contre-indiqué : warfarine (anticoagulant)". */
export function markShort(mark: Mark, t: Translator): string {
  switch (mark.tier) {
    case 'barred':
      return t('completion.mark.barred', { condition: mark.condition });
    case 'caution':
      return t('completion.mark.barredSomewhere', { condition: mark.condition });
    case 'over-cap':
      return t('completion.mark.overCap', { cap: mark.cap ?? '', condition: mark.condition });
  }
}

/** Reads the entry facts from the sibling fields of the entry holding the cursor (text, so broken YAML still works). */
export function entryFacts(siblings: Map<string, string>, vocabulary: Vocabulary): EntryFacts {
  const technique = siblings.get('technique');
  const target = siblings.get('target');
  const pressure = siblings.get('pressure');
  return {
    technique: technique ? vocabulary.resolve('technique', technique) : undefined,
    place: target ? vocabulary.resolvePlace(target) : undefined,
    side: normaliseSide(siblings.get('side')),
    level: pressure ? vocabulary.pressureLevel(pressure) : undefined,
  };
}

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const CANDIDATE: TreatmentEntry = { index: -1, range: NOWHERE, fullRange: NOWHERE };
const BARRING: PackRule['type'][] = ['absolute', 'local', 'technique'];

/**
 * Would a treatment entry with these facts conflict with a condition in force? Uses the same
 * rule, placement and technique matching as the checker, so completion never disagrees with diagnostics.
 */
export function conflictMark(facts: EntryFacts, conditions: readonly ActiveCondition[], vocabulary: Vocabulary): Mark | undefined {
  return conflictChecker(conditions, vocabulary)(facts);
}

/** One condition rule with its placement worked out, ready to test candidates against. */
interface PreparedRule {
  rule: PackRule;
  placement: Placement;
  /** `barred` for absolute, local and technique rules; `over-cap` for pressure caps. */
  tier: 'barred' | 'over-cap';
  text: string;
  short: string;
  condition: string;
  cap?: string;
  /** For technique limits placed on regions: the warning while no target is written. */
  caution?: { text: string; short: string };
}

// Placements depend only on the conditions; completion tests hundreds of candidates against them.
const checkers = new WeakMap<readonly ActiveCondition[], (facts: EntryFacts) => Mark | undefined>();

/** A fast {@link conflictMark} for many candidates against the same conditions (cached per conditions array). */
export function conflictChecker(conditions: readonly ActiveCondition[], vocabulary: Vocabulary): (facts: EntryFacts) => Mark | undefined {
  const cached = checkers.get(conditions);
  if (cached) {
    return cached;
  }
  const rules: PreparedRule[] = [];
  for (const active of conditions) {
    for (const type of BARRING) {
      for (const rule of rulesInForce(active, type)) {
        const placement = placementOf(rule, active, vocabulary);
        const specific = type === 'technique' || (rule.techniques ?? []).length > 0;
        const located = placement.kind === 'places' && placement.places.length > 0;
        rules.push({
          rule,
          placement,
          tier: 'barred',
          text: `⚠ barred: ${active.label} — ${rule.message}`,
          short: `⚠ barred: ${active.label}`,
          condition: active.label,
          ...(specific && located
            ? { caution: { text: `⚠ barred on ${describePlacement(placement, vocabulary)}: ${active.label} — ${rule.message}`, short: `⚠ barred on some places: ${active.label}` } }
            : {}),
        });
      }
    }
  }
  for (const active of conditions) {
    for (const rule of rulesInForce(active, 'pressure-cap')) {
      if (rule.max !== undefined) {
        rules.push({ rule, placement: placementOf(rule, active, vocabulary), tier: 'over-cap', text: `⚠ over the pressure cap (${vocabulary.pressureWord(rule.max)}): ${active.label} — ${rule.message}`, short: `⚠ over the cap (${vocabulary.pressureWord(rule.max)}): ${active.label}`, condition: active.label, cap: vocabulary.pressureWord(rule.max) });
      }
    }
  }
  const check = (facts: EntryFacts): Mark | undefined => {
    const level = facts.level ?? facts.technique?.pressure;
    const candidate: ResolvedTreatment = { entry: CANDIDATE, technique: facts.technique, place: facts.place, side: facts.side, level, levelWritten: facts.level !== undefined };
    let caution: Mark | undefined;
    // Rules are in order: every bar before any pressure cap, so a technique barred outright is marked as such.
    for (const r of rules) {
      if (r.tier === 'over-cap' && (level === undefined || level <= (r.rule.max ?? 0))) {
        continue;
      }
      if (!techniqueMatches(r.rule, candidate.technique)) {
        continue;
      }
      if (treatmentFalls(candidate, r.placement, vocabulary)) {
        return { tier: r.tier, text: r.text, short: r.short, condition: r.condition, ...(r.cap !== undefined ? { cap: r.cap } : {}) };
      }
      // Not placed yet (no target written): warn about technique limits that hold somewhere.
      if (!caution && r.caution && !candidate.place) {
        caution = { tier: 'caution', ...r.caution, condition: r.condition };
      }
    }
    return caution;
  };
  checkers.set(conditions, check);
  return check;
}

/** What the objective findings say for ranking: the targets examined and the techniques their findings suit. */
export interface FindingFacts {
  /** `kind:id` of each examined target, in the order recorded. */
  targets: Map<string, number>;
  /** Best rank of a technique id among the findings' `suits` lists, and whether the finding is on the entry's place. */
  suited(techniqueId: string, place: Place | undefined): { here: boolean; rank: number } | undefined;
}

// Completion asks many times per analysis (once per keystroke while filtering); resolve the findings once.
const findingCache = new WeakMap<Analysis, FindingFacts>();

/** Collects the objective findings recorded in the note (cached per analysis). */
export function findingFacts(analysis: Analysis, vocabulary: Vocabulary): FindingFacts {
  let facts = findingCache.get(analysis);
  if (!facts) {
    facts = collectFindings(analysis, vocabulary);
    findingCache.set(analysis, facts);
  }
  return facts;
}

function collectFindings(analysis: Analysis, vocabulary: Vocabulary): FindingFacts {
  const targets = new Map<string, number>();
  const recorded: { place?: Place; suits: string[] }[] = [];
  for (const f of analysis.note.findings) {
    const place = f.target ? vocabulary.resolvePlace(f.target.value) : undefined;
    if (place && !targets.has(`${place.term.kind}:${place.term.id}`)) {
      targets.set(`${place.term.kind}:${place.term.id}`, targets.size);
    }
    const finding = f.finding ? vocabulary.resolve('finding', f.finding.value) : undefined;
    recorded.push({ place, suits: finding?.suits ?? [] });
  }
  return {
    targets,
    suited(techniqueId, place) {
      let best: { here: boolean; rank: number } | undefined;
      for (const r of recorded) {
        const rank = r.suits.indexOf(techniqueId);
        if (rank < 0) {
          continue;
        }
        const here = place !== undefined && r.place !== undefined && samePlace(place, r.place, vocabulary);
        if (!best || (here && !best.here) || (here === best.here && rank < best.rank)) {
          best = { here, rank };
        }
      }
      return best;
    },
  };
}

/** The same term, or a region that holds the other place. */
function samePlace(a: Place, b: Place, vocabulary: Vocabulary): boolean {
  if (a.term.kind === b.term.kind && a.term.id === b.term.id) {
    return true;
  }
  return (a.term.kind === 'region' || b.term.kind === 'region') && vocabulary.regionsOverlap(a.region, b.region);
}
