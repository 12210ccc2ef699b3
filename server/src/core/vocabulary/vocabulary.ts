import { NearestKeyIndex, type SuggestionBudget } from './nearestTerm';
import { termKey } from './normalize';
import type {
  PackCondition,
  PackEndangermentSite,
  PackFinding,
  PackMedication,
  PackPressure,
  PackRegion,
  PackSynonyms,
  PackTarget,
  PackTechnique,
  PackTermBase,
  VocabularyPack,
} from './packTypes';

/** The kinds of term a note refers to. */
export type TermKind = 'technique' | 'target' | 'region' | 'condition' | 'finding' | 'medication' | 'site';

/** A vocabulary entry of any kind, tagged with its kind and the pack it came from. */
export type Term =
  | (PackTechnique & { kind: 'technique'; pack: string })
  | (PackTarget & { kind: 'target'; pack: string })
  | (PackRegion & { kind: 'region'; pack: string })
  | (PackCondition & { kind: 'condition'; pack: string })
  | (PackFinding & { kind: 'finding'; pack: string })
  | (PackMedication & { kind: 'medication'; pack: string })
  | (PackEndangermentSite & { kind: 'site'; pack: string });

/** A term of one kind. */
export type TermOf<K extends TermKind> = Extract<Term, { kind: K }>;

/** A place on the body a target or condition region resolves to: a region id, and the site when the word names an endangerment site. */
export interface Place {
  region: string;
  term: Term;
  site?: PackEndangermentSite;
}

/** What a note field may name, in lookup order: `target:` accepts targets, then regions, then endangerment sites. */
const PLACE_KINDS: TermKind[] = ['target', 'region', 'site'];

/** The `synonyms:` sections of a pack and the kind of term each adds words to. */
const SYNONYM_SECTIONS: [TermKind, keyof PackSynonyms][] = [
  ['region', 'regions'],
  ['technique', 'techniques'],
  ['target', 'targets'],
  ['finding', 'findings'],
  ['condition', 'conditions'],
  ['medication', 'medications'],
  ['site', 'endangerment_sites'],
];

/** Written words whose comparison keys are remembered; past this the memo starts again (bounded memory). */
const MAX_MEMO = 20_000;

/** Pressure words the contract fixes; packs and config may add more. */
const CONTRACT_PRESSURES: PackPressure[] = [
  { word: 'still', level: 0, description: 'Contact without pressure: a still hold.' },
  { word: 'light', level: 2, description: 'Light pressure: skin and superficial fascia.' },
  { word: 'moderate', level: 3, description: 'Moderate pressure: superficial muscle.' },
  { word: 'firm', level: 4, description: 'Firm pressure: deeper muscle layers.' },
  { word: 'deep', level: 5, description: 'Deep pressure: the deepest layers the client tolerates.' },
];

/**
 * The merged vocabulary of the built-in and the clinic's packs: term lookup by id, name or
 * synonym (see {@link termKey}), nearest-term suggestions, and the region tree with its limb chains.
 */
export class Vocabulary {
  private readonly byKind = new Map<TermKind, Map<string, Term>>();
  private readonly keyIndex = new Map<TermKind, Map<string, Term>>();
  private readonly pressureWords = new Map<string, PackPressure>();
  private readonly keyMemo = new Map<string, string>();
  /** Words packs add to other packs' terms (`synonyms:`), by `kind:id`, with the pack that added each. */
  private readonly extraWords = new Map<string, { word: string; pack: string }[]>();
  private sitesByTarget: Map<string, PackEndangermentSite> | undefined;
  private readonly nearest = new Map<TermKind, NearestKeyIndex<Term>>();
  /** Conflicts found while merging packs (same synonym for two terms of one kind), for `pack.conflict`. */
  readonly conflicts: { pack: string; kind: TermKind; word: string; existing: string; incoming: string }[] = [];

  /** Merges packs in order; a later pack replaces an earlier entry with the same id. */
  constructor(packs: VocabularyPack[], extraPressures: PackPressure[] = []) {
    for (const pressure of CONTRACT_PRESSURES) {
      this.pressureWords.set(termKey(pressure.word), pressure);
    }
    for (const pack of packs) {
      this.addAll('region', pack.regions, pack.id);
      this.addAll('technique', pack.techniques, pack.id);
      this.addAll('target', pack.targets, pack.id);
      this.addAll('finding', pack.findings, pack.id);
      this.addAll('condition', pack.conditions, pack.id);
      this.addAll('medication', pack.medications, pack.id);
      this.addAll('site', pack.endangerment_sites, pack.id);
      for (const pressure of pack.pressures ?? []) {
        this.pressureWords.set(termKey(pressure.word), pressure);
      }
    }
    // Extra words apply to the terms as finally merged, whichever pack defined them.
    for (const pack of packs) {
      for (const [kind, section] of SYNONYM_SECTIONS) {
        for (const [id, words] of Object.entries(pack.synonyms?.[section] ?? {})) {
          const list = this.extraWords.get(`${kind}:${id}`) ?? [];
          list.push(...words.map((word) => ({ word, pack: pack.id })));
          this.extraWords.set(`${kind}:${id}`, list);
        }
      }
    }
    for (const pressure of extraPressures) {
      this.pressureWords.set(termKey(pressure.word), pressure);
    }
    for (const kind of this.byKind.keys()) {
      this.rebuildIndex(kind);
    }
  }

  private addAll(kind: TermKind, entries: PackTermBase[] | undefined, pack: string): void {
    let map = this.byKind.get(kind);
    if (!map) {
      map = new Map();
      this.byKind.set(kind, map);
    }
    for (const entry of entries ?? []) {
      map.set(entry.id, { ...entry, kind, pack } as Term);
    }
  }

  private rebuildIndex(kind: TermKind): void {
    const index = new Map<string, Term>();
    // Ids and names win over synonyms: a synonym never hides another term's own name.
    const terms = [...(this.byKind.get(kind)?.values() ?? [])];
    for (const term of terms) {
      index.set(termKey(term.id), term);
      index.set(termKey(term.name), term);
    }
    const add = (term: Term, word: string, pack: string): boolean => {
      const key = termKey(word);
      const existing = index.get(key);
      if (existing && existing.id !== term.id) {
        this.conflicts.push({ pack, kind, word, existing: existing.id, incoming: term.id });
        return false;
      }
      index.set(key, term);
      return true;
    };
    for (const term of terms) {
      for (const synonym of term.synonyms ?? []) {
        add(term, synonym, term.pack);
      }
    }
    // Words other packs add come last, so a language pack never takes a word from a term's own list.
    for (const term of terms) {
      const own = term.synonyms ?? [];
      const added = (this.extraWords.get(`${kind}:${term.id}`) ?? []).filter(({ word, pack }) => add(term, word, pack) && !own.includes(word)).map((e) => e.word);
      if (added.length > 0) {
        // Hover and completion show the added words with the term's own (a new array: the pack's stays as read).
        term.synonyms = [...new Set([...own, ...added])];
      }
    }
    this.keyIndex.set(kind, index);
  }

  /** The comparison keys of a kind with their terms, in index order (suggestions break ties by this order). */
  keyedTerms(kind: TermKind): [string, Term][] {
    return [...(this.keyIndex.get(kind) ?? [])];
  }

  /** All terms of a kind, in pack order. */
  all<K extends TermKind>(kind: K): TermOf<K>[] {
    return [...(this.byKind.get(kind)?.values() ?? [])] as TermOf<K>[];
  }

  /** A term by its id. */
  get<K extends TermKind>(kind: K, id: string): TermOf<K> | undefined {
    return this.byKind.get(kind)?.get(id) as TermOf<K> | undefined;
  }

  /** Looks up a written word by id, name or synonym; `gastroc` -> gastrocnemius. */
  resolve<K extends TermKind>(kind: K, text: string): TermOf<K> | undefined {
    // Notes repeat the same few words: remembering their keys saves normalising them on every keystroke.
    let key = this.keyMemo.get(text);
    if (key === undefined) {
      if (this.keyMemo.size >= MAX_MEMO) {
        this.keyMemo.clear();
      }
      key = termKey(text);
      this.keyMemo.set(text, key);
    }
    return this.keyIndex.get(kind)?.get(key) as TermOf<K> | undefined;
  }

  /**
   * Finds a known medication in free text (`warfarin 5 mg daily`, `Eliquis twice a day`):
   * the whole text first, then runs of up to three words, longest first.
   */
  findMedication(text: string): TermOf<'medication'> | undefined {
    const whole = this.resolve('medication', text);
    if (whole) {
      return whole;
    }
    const words = text.split(/[\s,;/()]+/).filter(Boolean);
    for (let size = Math.min(3, words.length); size >= 1; size--) {
      for (let i = 0; i + size <= words.length; i++) {
        const found = this.resolve('medication', words.slice(i, i + size).join(' '));
        if (found) {
          return found;
        }
      }
    }
    return undefined;
  }

  /**
   * Resolves a `target:` or `region:` word to a place on the body (targets, then regions, then
   * endangerment sites). A word that also names a site keeps it: `armpit` is a region and the
   * axilla, so firm pressure there is still work on an endangerment site.
   */
  resolvePlace(text: string): Place | undefined {
    for (const kind of PLACE_KINDS) {
      const term = this.resolve(kind, text);
      if (term) {
        const place = this.placeOf(term);
        if (place && !place.site && kind !== 'site') {
          const site = this.resolve('site', text);
          return site ? { ...place, site } : place;
        }
        return place;
      }
    }
    return undefined;
  }

  /** The place of a term: its own region for a region, its region for a target, the first region of a site. */
  placeOf(term: Term): Place | undefined {
    switch (term.kind) {
      case 'region':
        return { region: term.id, term };
      case 'target':
        return { region: term.region, term, site: this.siteOverTarget(term.id) };
      case 'site':
        return term.regions[0] ? { region: term.regions[0], term, site: term } : undefined;
      default:
        return undefined;
    }
  }

  private siteOverTarget(targetId: string): PackEndangermentSite | undefined {
    // Asked for every treatment entry on every check: index the sites' targets once.
    if (!this.sitesByTarget) {
      this.sitesByTarget = new Map();
      for (const site of this.all('site')) {
        for (const target of site.targets ?? []) {
          if (!this.sitesByTarget.has(target)) {
            this.sitesByTarget.set(target, site);
          }
        }
      }
    }
    return this.sitesByTarget.get(targetId);
  }

  /**
   * The closest known word of the given kinds to `text`, when close enough to be a likely typo:
   * the smallest edit distance on comparison keys, at most 1 per 4 characters (1 to 3), ties to
   * the first kind and the earliest key. A `budget` (one per note) bounds the work: once spent,
   * the answer is undefined.
   */
  suggest(kinds: TermKind[], text: string, budget?: SuggestionBudget): Term | undefined {
    const key = termKey(text);
    if (key.length < 3) {
      return undefined;
    }
    const memoKey = `${kinds.join(',')}\u0000${key}`;
    if (budget?.memo.has(memoKey)) {
      return budget.memo.get(memoKey) as Term | undefined;
    }
    const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
    let best: { term: Term; cost: number } | undefined;
    for (const kind of kinds) {
      const found = this.nearestIndex(kind).nearest(key, allowed, budget, best);
      if (found === 'exhausted') {
        return undefined;
      }
      if (found && (!best || found.cost < best.cost)) {
        best = { term: found.value, cost: found.cost };
      }
    }
    budget?.memo.set(memoKey, best?.term);
    return best?.term;
  }

  private nearestIndex(kind: TermKind): NearestKeyIndex<Term> {
    let index = this.nearest.get(kind);
    if (!index) {
      index = new NearestKeyIndex(this.keyIndex.get(kind) ?? new Map<string, Term>());
      this.nearest.set(kind, index);
    }
    return index;
  }

  /** Walton level of a written pressure (`firm` -> 4, `3` -> 3), or undefined if the word is not known. */
  pressureLevel(value: string | number): number | undefined {
    if (typeof value === 'number') {
      return Number.isInteger(value) && value >= 0 && value <= 5 ? value : undefined;
    }
    const trimmed = value.trim();
    if (/^[0-5]$/.test(trimmed)) {
      return Number(trimmed);
    }
    return this.pressureWords.get(termKey(trimmed))?.level;
  }

  /** The pressure vocabulary, lowest level first (contract words, then the packs' and the clinic's). */
  pressures(): PackPressure[] {
    return [...this.pressureWords.values()].sort((a, b) => a.level - b.level);
  }

  /** The word to write for a Walton level (`2` -> `light`), preferring the contract's words. */
  pressureWord(level: number): string {
    return CONTRACT_PRESSURES.find((p) => p.level === level)?.word ?? String(level);
  }

  /** Region ids from `id` up to the root, `id` first. Guards against cycles in a clinic's pack. */
  ancestors(regionId: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = regionId;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = this.get('region', current)?.parent;
    }
    return chain;
  }

  /** True when one region lies within the other (or they are the same): treating the lower limb covers the calf. */
  regionsOverlap(a: string, b: string): boolean {
    return this.ancestors(a).includes(b) || this.ancestors(b).includes(a);
  }

  /** True when `target` lies distal to `site` along the same limb chain (the foot is distal to the lower leg). */
  isDistal(target: string, site: string): boolean {
    const t = this.limbSegment(target);
    const s = this.limbSegment(site);
    if (!t || !s || t.limb !== s.limb) {
      return false;
    }
    return (t.order ?? 0) > (s.order ?? 0);
  }

  /** The nearest region at or above `regionId` that is a segment of a limb chain. */
  private limbSegment(regionId: string): PackRegion | undefined {
    for (const id of this.ancestors(regionId)) {
      const region = this.get('region', id);
      if (region?.limb && region.order !== undefined) {
        return region;
      }
    }
    return undefined;
  }
}
