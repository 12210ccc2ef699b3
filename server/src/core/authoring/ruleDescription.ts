import { durationWords } from '../rules/periods';
import type { PackRule } from '../vocabulary/packTypes';

/** A rule as written in a pack, perhaps half-written: any field may be missing or of the wrong type. */
export type PartialRule = { [K in keyof PackRule]?: unknown };

/** How ids read in words; each falls back to the id itself. */
export interface RuleNames {
  technique(id: string): string | undefined;
  place(id: string): string | undefined;
  /** A Walton level in words (`moderate (Walton level 3)`). */
  pressure(level: number): string;
}

/** Names that are the ids themselves (tests, and a pack read without a vocabulary). */
export const ID_NAMES: RuleNames = {
  technique: () => undefined,
  place: () => undefined,
  pressure: (level) => `Walton level ${level}`,
};

/** The finding each rule type produces. */
export const RULE_TYPE_FINDING: Record<PackRule['type'], string> = {
  absolute: 'contraindication.absolute',
  local: 'contraindication.local',
  technique: 'contraindication.technique',
  'pressure-cap': 'contraindication.pressure',
  clearance: 'contraindication.clearance',
  precaution: 'contraindication.precaution',
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/**
 * What a pack rule does, in one plain sentence built from its type, techniques, where, regions,
 * distal, status, max and until, e.g. `No IASTM on the site, distal too, while active`. The
 * message is not repeated (the hover shows it beside). A rule without a type says so.
 */
export function describeRule(rule: PartialRule, names: RuleNames = ID_NAMES): string {
  const type = typeof rule.type === 'string' ? rule.type : undefined;
  const techniqueList = strings(rule.techniques).map((t) => (t.startsWith('tag:') ? `${t.slice(4)} techniques` : (names.technique(t) ?? t)));
  const techniques = techniqueList.length > 0 ? listWords(techniqueList) : undefined;
  const place = placeWords(type, rule, names);
  const distal = rule.distal === true && place !== undefined ? ', distal too' : '';
  let head: string;
  switch (type) {
    case 'absolute':
      head = 'No massage at all';
      break;
    case 'local':
      head = `No ${techniques ?? 'work'} ${place ?? 'on the site'}${rule.distal === true && place === undefined ? ', distal too' : distal}`;
      break;
    case 'technique':
      head = `No ${techniques ?? '(no techniques listed yet)'}${place ? ` ${place}` : ' anywhere'}${distal}`;
      break;
    case 'pressure-cap': {
      const max = typeof rule.max === 'number' ? names.pressure(rule.max) : '(no max yet)';
      head = `Pressure at most ${max}${techniques ? ` for ${techniques}` : ''}${place ? ` ${place}` : ' anywhere'}${distal}`;
      break;
    }
    case 'clearance':
      head = 'Written medical clearance needed before any treatment';
      break;
    case 'precaution':
      head = 'A precaution to keep in mind and document';
      break;
    default:
      head = type === undefined ? 'A rule without a type yet' : `A rule of unknown type '${type}'`;
  }
  const parts = [head, statusWords(rule.status)];
  if (typeof rule.until === 'string' && rule.until !== '') {
    parts.push(`for ${durationWords(rule.until)} after the condition's since`);
  }
  return parts.join(', ');
}

/** "on the site", "on the thigh and knee", or undefined for a rule that holds everywhere. */
function placeWords(type: string | undefined, rule: PartialRule, names: RuleNames): string | undefined {
  const where = typeof rule.where === 'string' ? rule.where : type === 'local' ? 'site' : 'everywhere';
  const regions = strings(rule.regions).map((id) => names.place(id) ?? id);
  if (where === 'site') {
    return regions.length > 0 ? `on the site (by default the ${listWords(regions)})` : 'on the site';
  }
  if (where === 'regions') {
    return regions.length > 0 ? `on the ${listWords(regions)}` : 'on the listed regions (none yet)';
  }
  return undefined;
}

/** "while active", "while active or controlled" (the default). */
function statusWords(status: unknown): string {
  const list = strings(status);
  return `while ${listWords(list.length > 0 ? list : ['active', 'controlled'], 'or')}`;
}

/** "a", "a and b", "a, b and c". */
function listWords(items: string[], joiner = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}
