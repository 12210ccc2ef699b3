import { distance } from 'fastest-levenshtein';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Locale } from '../l10n/localize';
import { termKey } from '../vocabulary/normalize';
import type { Place, Term, TermKind, Vocabulary } from '../vocabulary/vocabulary';
import { termDetail, termMarkdown } from './termDocs';
import { yamlScalar } from '../yamlScalar';

/** A completion item built once per vocabulary, with the keys a typed prefix is matched against. */
export interface PreparedItem {
  /** Label, kind, detail, documentation, filterText and insertText; a request copies it and adds range and rank. */
  item: CompletionItem;
  /** termKey of the id, name and every synonym. */
  keys: string[];
  term: Term;
  /** Where the term is on the body, for targets, regions and sites. */
  place?: Place;
  /** Position in alphabetical order, the tie-breaker for ranking. */
  order: number;
  /** `order` zero-padded, the end of every sortText. */
  sortKey: string;
  /** The text the item writes: its name, quoted when YAML needs it. */
  newText: string;
}

/** The value lists completion offers, per vocabulary. */
export interface PreparedItems {
  technique: PreparedItem[];
  /** Targets, regions and endangerment sites: what `target:` and `region:` accept. */
  place: PreparedItem[];
  condition: PreparedItem[];
  finding: PreparedItem[];
  medication: PreparedItem[];
  /** Every item by `kind:id`, for ranking by term. */
  byTerm: Map<string, PreparedItem>;
}

// Building items (Markdown, synonyms, keys) for a few hundred terms is the costly part of
// completion; a vocabulary never changes once built, so build once (per language of the details) and reuse per request.
const cache = new WeakMap<Vocabulary, Map<Locale, PreparedItems>>();

/** The prepared completion items for a vocabulary, their `detail` in `locale` (default English), built on first use. */
export function preparedItems(vocabulary: Vocabulary, locale: Locale = 'en'): PreparedItems {
  let byLocale = cache.get(vocabulary);
  if (!byLocale) {
    byLocale = new Map();
    cache.set(vocabulary, byLocale);
  }
  let prepared = byLocale.get(locale);
  if (!prepared) {
    prepared = build(vocabulary, locale);
    byLocale.set(locale, prepared);
  }
  return prepared;
}

function build(vocabulary: Vocabulary, locale: Locale): PreparedItems {
  const byTerm = new Map<string, PreparedItem>();
  const list = (kinds: TermKind[]): PreparedItem[] => {
    const seen = new Set<string>();
    const terms: Term[] = [];
    for (const kind of kinds) {
      for (const term of vocabulary.all(kind)) {
        // A word that names a target and a region resolves to the target (see resolvePlace): offer it once.
        const label = term.name.toLowerCase();
        if (!seen.has(label)) {
          seen.add(label);
          terms.push(term);
        }
      }
    }
    terms.sort((a, b) => a.name.localeCompare(b.name));
    return terms.map((term, order) => {
      const prepared: PreparedItem = { item: itemOf(term, vocabulary, locale), keys: keysOf(term), term, place: vocabulary.placeOf(term), order, sortKey: String(order).padStart(4, '0'), newText: yamlScalar(term.name) };
      byTerm.set(`${term.kind}:${term.id}`, prepared);
      return prepared;
    });
  };
  return {
    technique: list(['technique']),
    place: list(['target', 'region', 'site']),
    condition: list(['condition']),
    finding: list(['finding']),
    medication: list(['medication']),
    byTerm,
  };
}

const KIND_ICON: Record<TermKind, CompletionItemKind> = {
  technique: CompletionItemKind.Function,
  target: CompletionItemKind.Value,
  region: CompletionItemKind.Module,
  site: CompletionItemKind.Module,
  condition: CompletionItemKind.Value,
  finding: CompletionItemKind.Value,
  medication: CompletionItemKind.Value,
};

function itemOf(term: Term, vocabulary: Vocabulary, locale: Locale): CompletionItem {
  const synonyms = term.synonyms ?? [];
  return {
    label: term.name,
    kind: KIND_ICON[term.kind],
    detail: termDetail(term, vocabulary, locale),
    documentation: { kind: MarkupKind.Markdown, value: termMarkdown(term, vocabulary) },
    // VS Code filters on filterText: synonyms here let `gastroc` find gastrocnemius and `IT band` the iliotibial band.
    filterText: [term.name, ...synonyms].join(' '),
    insertText: term.name,
  };
}

function keysOf(term: Term): string[] {
  return [...new Set([term.name, term.id, ...(term.synonyms ?? [])].map(termKey).filter((k) => k !== ''))];
}

/**
 * How well a prepared item matches what is typed: 0 when a name or synonym is exactly it (`STR`),
 * 1 when one starts with it, 2 when one contains it, 3 when it is a likely misspelling of one's
 * start (`efleurage`), undefined when none does. An empty prefix matches everything.
 */
export function matchPrefix(keys: readonly string[], prefixKey: string): 0 | 1 | 2 | 3 | undefined {
  if (prefixKey === '') {
    return 1;
  }
  let best: 1 | 2 | undefined;
  for (const key of keys) {
    if (key === prefixKey) {
      return 0;
    }
    if (key.startsWith(prefixKey)) {
      best = 1;
    } else if (best === undefined && key.includes(prefixKey)) {
      best = 2;
    }
  }
  if (best === undefined && prefixKey.length >= 4) {
    // A typo should still be offered its correction, as the checker's suggestion would be.
    const allowed = Math.max(1, Math.floor(prefixKey.length / 4));
    if (keys.some((key) => distance(key.slice(0, prefixKey.length + 1), prefixKey) <= allowed || distance(key.slice(0, prefixKey.length), prefixKey) <= allowed)) {
      return 3;
    }
  }
  return best;
}
