import type { Side } from '../types';
import { sidesOverlap } from '../model';
import type { PackRule } from '../vocabulary/packTypes';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { ActiveCondition, ResolvedTreatment } from './context';

/** Where a condition's rule applies for this note. */
export type Placement =
  | { kind: 'everywhere' }
  | { kind: 'places'; places: { region: string; side?: Side }[]; distal: boolean }
  /** A `site` rule with no region recorded and no default: `unlocated` says what to do. */
  | { kind: 'unlocated'; mode: 'absolute' | 'everywhere' | 'warn' };

/** Works out where a rule applies: everywhere, at the recorded site (or its defaults), or at fixed regions. */
export function placementOf(rule: PackRule, active: ActiveCondition, vocabulary: Vocabulary): Placement {
  const where = rule.where ?? (rule.type === 'local' ? 'site' : 'everywhere');
  const distal = rule.distal === true;
  if (where === 'everywhere') {
    return { kind: 'everywhere' };
  }
  if (where === 'site' && active.place) {
    return { kind: 'places', places: [{ region: active.place.region, side: active.side }], distal };
  }
  const defaults = (rule.regions ?? []).map((id) => regionIdOf(id, vocabulary)).filter((r): r is string => r !== undefined);
  if (defaults.length > 0) {
    return { kind: 'places', places: defaults.map((region) => ({ region, side: active.side })), distal };
  }
  if (where === 'regions') {
    // A pack rule naming only unknown regions restricts nothing; the pack check reports the bad id.
    return { kind: 'places', places: [], distal };
  }
  return { kind: 'unlocated', mode: rule.unlocated ?? 'warn' };
}

/** Region ids in rules may also name a target; its region is meant. */
function regionIdOf(id: string, vocabulary: Vocabulary): string | undefined {
  if (vocabulary.get('region', id)) {
    return id;
  }
  return vocabulary.get('target', id)?.region ?? vocabulary.get('site', id)?.regions[0];
}

/**
 * Whether a treatment entry falls under a placement: `in` the region (or containing it),
 * `distal` to it in the same limb when the rule says so, or not at all. Sides must overlap.
 */
export function treatmentFalls(t: ResolvedTreatment, placement: Placement, vocabulary: Vocabulary): 'in' | 'distal' | undefined {
  if (placement.kind === 'everywhere' || (placement.kind === 'unlocated' && placement.mode !== 'warn')) {
    return 'in';
  }
  if (placement.kind === 'unlocated' || !t.place) {
    return undefined;
  }
  const region = t.place.region;
  for (const place of placement.places) {
    if (!sidesOverlap(t.side, place.side)) {
      continue;
    }
    if (vocabulary.regionsOverlap(region, place.region)) {
      return 'in';
    }
    if (placement.distal && vocabulary.isDistal(region, place.region)) {
      return 'distal';
    }
  }
  return undefined;
}

/** The place a rule applies to, in words, for messages ("the left lower leg"). */
export function describePlacement(placement: Placement, vocabulary: Vocabulary): string {
  if (placement.kind !== 'places' || placement.places.length === 0) {
    return 'anywhere';
  }
  return placement.places
    .map((p) => `the ${p.side && p.side !== 'bilateral' ? `${p.side} ` : ''}${vocabulary.get('region', p.region)?.name ?? p.region}`)
    .join(', ');
}
