import { RuleId } from '../ruleIds';
import type { Finding, FindingSubject, Located } from '../types';
import type { TermKind, Vocabulary } from '../vocabulary/vocabulary';
import { resolveCondition, type RuleFamily } from './context';

const PLACE: TermKind[] = ['target', 'region', 'site'];

/** `vocabulary.unknown-term`: a technique, target, region, condition, finding or pressure word the vocabulary does not know, with the closest known term. */
export const unknownTerms: RuleFamily = {
  id: RuleId.unknownTerm,
  check(context) {
    const v = context.vocabulary;
    const out: Finding[] = [];
    const check = (subject: FindingSubject, what: string, kinds: TermKind[], node: Located<string | number> | undefined): void => {
      if (!node || typeof node.value !== 'string' || node.value.trim() === '') {
        return;
      }
      const text = node.value;
      if (kinds.some((k) => (k === 'target' ? v.resolvePlace(text) : k === 'condition' ? resolveCondition(text, v) : v.resolve(k, text)))) {
        return;
      }
      out.push({ ...unknown(v, what, kinds, node as Located<string>), subject });
    };
    for (const t of context.note.treatment) {
      const subject: FindingSubject = { list: 'treatment', index: t.index };
      check(subject, 'technique', ['technique'], t.technique);
      check(subject, 'target', PLACE, t.target);
      if (t.pressure && typeof t.pressure.value === 'string' && v.pressureLevel(t.pressure.value) === undefined) {
        out.push({ ...unknownPressure(v, t.pressure as Located<string>), subject });
      }
    }
    for (const c of context.note.conditions) {
      const subject: FindingSubject = { list: 'conditions', index: c.index };
      check(subject, 'condition', ['condition'], c.condition);
      check(subject, 'region', PLACE, c.region);
    }
    for (const f of context.note.findings) {
      const subject: FindingSubject = { list: 'findings', index: f.index };
      check(subject, 'target', PLACE, f.target);
      check(subject, 'finding', ['finding'], f.finding);
    }
    return out;
  },
};

function unknown(v: Vocabulary, what: string, kinds: TermKind[], node: Located<string>): Finding {
  const suggestion = v.suggest(kinds, node.value);
  const base = `Unknown ${what} '${node.value}'.`;
  if (!suggestion) {
    return { ruleId: RuleId.unknownTerm, severity: 'warning', message: `${base} It is not in the vocabulary; check the spelling, or add it to a clinic vocabulary pack.`, range: node.range };
  }
  return {
    ruleId: RuleId.unknownTerm,
    severity: 'warning',
    message: `${base} Did you mean '${suggestion.name}'?`,
    range: node.range,
    fix: { replace: [{ range: node.range, text: suggestion.name, title: `Change to '${suggestion.name}'` }] },
  };
}

function unknownPressure(v: Vocabulary, node: Located<string>): Finding {
  const words = v.pressures().map((p) => p.word);
  return {
    ruleId: RuleId.unknownTerm,
    severity: 'warning',
    message: `Unknown pressure '${node.value}'. Use one of ${words.join(', ')}, or a Walton level 0-5.`,
    range: node.range,
  };
}
