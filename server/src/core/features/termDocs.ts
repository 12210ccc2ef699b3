import { translator, type Locale } from '../l10n/localize';
import { durationWords } from '../rules/periods';
import type { PackRule } from '../vocabulary/packTypes';
import type { Term, Vocabulary } from '../vocabulary/vocabulary';

/** Words for a term's kind, as shown after its name. */
const KIND_WORDS: Record<Term['kind'], string> = {
  technique: 'technique',
  target: 'target',
  region: 'region',
  condition: 'condition',
  finding: 'finding',
  medication: 'medication',
  site: 'endangerment site',
};

/** The pressure word and Walton level, e.g. `light (Walton level 2)` (in `locale`, default English). */
export function pressureWords(vocabulary: Vocabulary, level: number, locale?: Locale): string {
  const t = translator(locale);
  const word = vocabulary.pressureWord(level);
  return word === String(level) ? t('completion.waltonLevel', { level }) : t('completion.pressureWord', { word, level });
}

/** Escapes the characters Markdown would read as formatting in a vocabulary string. */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A one-line summary of a term for completion `detail`: kind and region or typical pressure (fixed words in `locale`; names and classes as the vocabulary writes them). */
export function termDetail(term: Term, vocabulary: Vocabulary, locale?: Locale): string {
  const t = translator(locale);
  switch (term.kind) {
    case 'technique':
      return t('completion.term.technique', { pressure: pressureWords(vocabulary, term.pressure, locale) });
    case 'target':
      return `${term.tissue.replace('-', ' ')} · ${vocabulary.get('region', term.region)?.name ?? term.region}`;
    case 'region': {
      const parent = term.parent ? vocabulary.get('region', term.parent)?.name : undefined;
      return parent ? t('completion.term.regionIn', { parent }) : t('completion.term.region');
    }
    case 'site':
      return t('completion.term.site');
    case 'condition':
      return term.category;
    case 'finding':
      return t('completion.term.finding');
    case 'medication':
      return t('completion.term.medication', { drugClass: term.drug_class });
  }
}

/** The Markdown documentation of a term: description, kind-specific facts, synonyms, source. */
export function termMarkdown(term: Term, vocabulary: Vocabulary): string {
  const lines = [`**${md(term.name)}** · ${KIND_WORDS[term.kind]}`, '', md(term.description), ''];
  const facts: string[] = [];
  switch (term.kind) {
    case 'technique':
      facts.push(`Typical pressure: ${pressureWords(vocabulary, term.pressure)}`);
      break;
    case 'target': {
      const region = vocabulary.get('region', term.region);
      facts.push(`Tissue: ${term.tissue.replace('-', ' ')}`, `Region: ${md(region?.name ?? term.region)}`);
      break;
    }
    case 'region': {
      const parent = term.parent ? vocabulary.get('region', term.parent) : undefined;
      if (parent) {
        facts.push(`Inside: ${md(parent.name)}`);
      }
      break;
    }
    case 'site':
      facts.push('Firm or deep pressure here is reported whatever the conditions: use light pressure.');
      facts.push(`Regions: ${term.regions.map((r) => md(vocabulary.get('region', r)?.name ?? r)).join(', ')}`);
      break;
    case 'finding': {
      const suits = (term.suits ?? []).map((id) => vocabulary.get('technique', id)?.name ?? id);
      if (suits.length > 0) {
        facts.push(`Suits: ${suits.map(md).join(', ')}`);
      }
      break;
    }
    case 'medication': {
      const implied = vocabulary.get('condition', term.implies);
      facts.push(`Drug class: ${md(term.drug_class)}`);
      if (implied) {
        facts.push(`Brings the rules of: ${md(implied.name)}`);
      }
      break;
    }
    case 'condition':
      facts.push(`Category: ${term.category}`);
      break;
  }
  if (term.synonyms && term.synonyms.length > 0) {
    facts.push(`Also written: ${term.synonyms.map(md).join(', ')}`);
  }
  lines.push(...facts.map((f) => `- ${f}`));
  if (term.kind === 'condition' && term.rules && term.rules.length > 0) {
    const period = term.period;
    const heading = period ? `**Rules** (for ${durationWords(period.length)} after ${period.from ?? 'onset'}, judged from 'since'; without 'since' they hold)` : '**Rules**';
    lines.push('', heading, '', ...term.rules.map((rule) => `- ${ruleInWords(rule, vocabulary)}`));
    if (period) {
      const after = period.after === 'resolved' ? ['- Nothing: the condition no longer restricts treatment.'] : period.after.map((rule) => `- ${ruleInWords(rule, vocabulary)}`);
      lines.push('', `**After ${durationWords(period.length)}**`, '', ...after);
    }
  }
  if (term.source) {
    lines.push('', `_Source: ${md(term.source)}_`);
  }
  return lines.join('\n').trim();
}

/** A condition rule in plain words, e.g. "No deep tissue massage on the foot, lower leg (while active): <message>". */
export function ruleInWords(rule: PackRule, vocabulary: Vocabulary): string {
  const where = placeWords(rule, vocabulary);
  const techniques = techniqueWords(rule.techniques, vocabulary);
  let head: string;
  switch (rule.type) {
    case 'absolute':
      head = 'No massage at all';
      break;
    case 'local':
      head = `${techniques ? `No ${techniques}` : 'No work'} ${where ?? 'on the recorded region'}${rule.distal ? ' or distal to it in the same limb' : ''}`;
      break;
    case 'technique':
      head = `No ${techniques ?? 'techniques'}${where ? ` ${where}` : ''}`;
      break;
    case 'pressure-cap': {
      const max = rule.max ?? 0;
      head = `Pressure at most ${pressureWords(vocabulary, max)}${techniques ? ` for ${techniques}` : ''}${where ? ` ${where}` : ''}`;
      break;
    }
    case 'clearance':
      head = 'Written medical clearance needed before treatment';
      break;
    case 'precaution':
      head = 'Precaution';
      break;
  }
  const status = rule.status && rule.status.length === 1 ? ` (while ${rule.status[0]})` : '';
  const until = rule.until ? ` (for ${durationWords(rule.until)} after 'since')` : '';
  return `${head}${status}${until}: ${md(rule.message)}`;
}

/** "on the foot, lower leg" for rules placed on regions; undefined for rules that apply everywhere. */
function placeWords(rule: PackRule, vocabulary: Vocabulary): string | undefined {
  const where = rule.where ?? (rule.type === 'local' ? 'site' : 'everywhere');
  if (where === 'everywhere') {
    return undefined;
  }
  const names = (rule.regions ?? []).map((id) => vocabulary.get('region', id)?.name ?? vocabulary.get('target', id)?.name ?? id);
  if (where === 'site') {
    return names.length > 0 ? `on the recorded region (by default the ${names.map(md).join(', ')})` : undefined;
  }
  return names.length > 0 ? `on the ${names.map(md).join(', ')}` : undefined;
}

/** Technique ids and `tag:NAME` entries in words: "deep tissue massage, friction techniques". */
function techniqueWords(list: string[] | undefined, vocabulary: Vocabulary): string | undefined {
  if (!list || list.length === 0) {
    return undefined;
  }
  return list.map((t) => md(t.startsWith('tag:') ? `${t.slice(4)} techniques` : (vocabulary.get('technique', t)?.name ?? t))).join(', ');
}
