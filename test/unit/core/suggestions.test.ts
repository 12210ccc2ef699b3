import * as assert from 'node:assert/strict';
import { distance } from 'fastest-levenshtein';
import { createEngine } from '../../../server/src/core/engine';
import { SuggestionBudget } from '../../../server/src/core/vocabulary/nearestTerm';
import { termKey } from '../../../server/src/core/vocabulary/normalize';
import type { Term, TermKind, Vocabulary } from '../../../server/src/core/vocabulary/vocabulary';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const vocabulary = createEngine({ packs: builtinPackSources(), host: nodeHost() }).vocabulary;

/**
 * The linear scan soapnote suggested with before the index (every key of similar length, full edit
 * distance, first smallest wins), kept as the oracle the indexed search must agree with.
 */
function linearSuggest(v: Vocabulary, kinds: TermKind[], text: string): Term | undefined {
  const key = termKey(text);
  if (key.length < 3) {
    return undefined;
  }
  let best: { term: Term; cost: number } | undefined;
  for (const kind of kinds) {
    for (const [candidate, term] of v.keyedTerms(kind)) {
      if (Math.abs(candidate.length - key.length) > 3) {
        continue;
      }
      const cost = distance(key, candidate);
      if (!best || cost < best.cost) {
        best = { term, cost };
      }
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
  return best && best.cost <= allowed ? best.term : undefined;
}

/** Typos of a word at a few deterministic places: a letter dropped, doubled, swapped with the next, replaced; and two or four edits at once. */
function typos(word: string): string[] {
  const out = new Set<string>([word]);
  const places = [0, Math.floor(word.length / 2), word.length - 1].filter((p) => p >= 0 && p < word.length);
  for (const p of places) {
    out.add(word.slice(0, p) + word.slice(p + 1));
    out.add(word.slice(0, p) + (word[p] ?? '') + word.slice(p));
    out.add(word.slice(0, p) + (word[p + 1] ?? '') + (word[p] ?? '') + word.slice(p + 2));
    out.add(word.slice(0, p) + (word[p] === 'e' ? 'a' : 'e') + word.slice(p + 1));
  }
  out.add(`x${word.slice(1, -1)}q`);
  out.add(`${word.slice(2)}zz`.slice(0, word.length + 1));
  out.add(`qq${word.slice(2, -2)}zz`);
  return [...out];
}

const KIND_SETS: TermKind[][] = [['technique'], ['condition'], ['finding'], ['target', 'region', 'site'], ['medication']];

describe('nearest-term suggestions', function () {
  // The oracle is a linear scan over every term for every typo: ~20 s of CPU for the conditions alone,
  // more on a loaded CI machine. It is a correctness check, so it gets time rather than fewer cases.
  this.timeout(180_000);
  for (const kinds of KIND_SETS) {
    it(`agree with the linear scan for typos of every built-in ${kinds.join('/')} word`, () => {
      const words = [...new Set(kinds.flatMap((k) => vocabulary.all(k).flatMap((t) => [t.id, t.name, ...(t.synonyms ?? [])])))];
      let compared = 0;
      let suggested = 0;
      for (const word of words) {
        for (const typo of typos(word)) {
          const expected = linearSuggest(vocabulary, kinds, typo);
          const actual = vocabulary.suggest(kinds, typo);
          assert.equal(actual && `${actual.kind}:${actual.id}`, expected && `${expected.kind}:${expected.id}`, `'${typo}' (from '${word}')`);
          compared++;
          suggested += expected ? 1 : 0;
        }
      }
      // The typos must exercise both outcomes, or the comparison proves little.
      assert.ok(compared > 200 && suggested > compared / 3 && suggested < compared, `${suggested} of ${compared}`);
    });
  }

  it('gives the same answer with a budget, and remembers repeated words', () => {
    const budget = new SuggestionBudget();
    assert.equal(vocabulary.suggest(['technique'], 'efleurage', budget)?.id, 'effleurage');
    const spent = budget.remaining;
    assert.equal(vocabulary.suggest(['technique'], 'efleurage', budget)?.id, 'effleurage');
    assert.equal(budget.remaining, spent);
  });

  it('stops searching, without a suggestion, once a note has spent its budget', () => {
    const budget = new SuggestionBudget(10);
    assert.equal(vocabulary.suggest(['technique'], 'efleurage', budget), undefined);
    assert.equal(budget.exhausted, true);
  });
});
