import type { TermOf, Vocabulary } from './vocabulary';

/**
 * What an informal qualifier says about a condition written in everyday clinical shorthand:
 * `history` ("hx of DVT": it may have resolved), `surgery` ("s/p knee replacement": after an
 * operation, date unknown), `recent` ("recent whiplash": inside its period, date unknown),
 * `plain` (a word that does not change the meaning: "known", "dx of", "suspected").
 */
export type QualifierKind = 'history' | 'surgery' | 'recent' | 'plain';

/** A condition read through an informal qualifier. */
export interface InformalReading {
  condition: TermOf<'condition'>;
  kind: QualifierKind;
  /** The qualifier words as written ("hx of", "s/p", "7 months"). */
  qualifier: string;
  /** A place named in the words after the qualifier ("post-op knee" -> "knee"), when the condition came from it. */
  region?: string;
  /** A date written in the words (YYYY-MM-DD), for `since`. */
  date?: string;
}

/** Words before a condition, by what they do to its meaning. Longest first within a kind, so "history of" wins over "history". */
const PREFIXES: { kind: QualifierKind; pattern: RegExp }[] = [
  { kind: 'history', pattern: /^(?:(?:past\s+)?(?:medical\s+)?history\s+of|pmh(?:x)?(?:\s*(?:of|:))?|hx\s+of|hx\.?:?|h\/o|previous|prior|old|former|past|healed)\s+/i },
  { kind: 'surgery', pattern: /^(?:s\/p|status\s+post|post[-\s]?op(?:erative)?|post[-\s]?surg(?:ical|ery)|after\s+(?:surgery\s+(?:for|on)|(?:an?\s+)?operation\s+(?:for|on)))[:.]?\s+/i },
  { kind: 'recent', pattern: /^(?:recent(?:ly)?|new|fresh)\s+/i },
  { kind: 'plain', pattern: /^(?:known|dx(?:\s+of)?|diagnosed(?:\s+with)?|suspected|possible|probable|query|\?)\s*/i },
];

/** Words after a condition that say it belongs to the past ("DVT (resolved)", "fracture, healed", "DVT in 2019"). */
const HISTORY_SUFFIX = /[\s,;-]*[([]?\s*(?:hx|history|resolved|healed|old|in the past|years ago|previously)\s*[)\]]?$/i;

/** "7 months pregnant", "28 weeks pregnant", "pregnant 30 wks", "pregnant (7 months)". */
const PREGNANCY = /^(?:(\d{1,2})\s*(months?|mo|weeks?|wks?|w)\s+(?:pregnant|pregnancy|gestation)|pregnant\s*[(,]?\s*(\d{1,2})\s*(months?|mo|weeks?|wks?|w)\s*\)?)$/i;

const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

/** Longer condition values are not read as shorthand (they are unknown terms, as before). */
const MAX_INFORMAL_LENGTH = 120;

/**
 * Reads a condition written with an informal qualifier (`hx of DVT`, `s/p knee replacement`,
 * `7 months pregnant`), once the words as a whole are not a known term. Undefined when the words
 * after the qualifier are not a known condition either.
 */
export function readInformalCondition(text: string, vocabulary: Vocabulary): InformalReading | undefined {
  // A condition is a few words; longer text is not shorthand, and the patterns need not scan it.
  if (text.length > MAX_INFORMAL_LENGTH) {
    return undefined;
  }
  const pregnancy = PREGNANCY.exec(text.trim());
  if (pregnancy) {
    return pregnancyReading(pregnancy, vocabulary);
  }
  const dateMatch = DATE.exec(text);
  const date = dateMatch?.[1];
  // "DVT 2026-03-02" or "DVT (2026-03-02)": the date is not part of the condition's name.
  const words = (date ? text.replace(/[([]?\s*\d{4}-\d{2}-\d{2}\s*[)\]]?/, ' ') : text).replace(/\s+/g, ' ').trim();
  for (const { kind, pattern } of PREFIXES) {
    const match = pattern.exec(words);
    if (!match) {
      continue;
    }
    const rest = words.slice(match[0].length).replace(HISTORY_SUFFIX, '').trim();
    const reading = readRest(rest, kind, match[0].trim(), vocabulary);
    if (reading) {
      return { ...reading, ...(date ? { date } : {}) };
    }
  }
  const suffix = HISTORY_SUFFIX.exec(words);
  if (suffix && suffix.index > 0) {
    const condition = vocabulary.resolve('condition', words.slice(0, suffix.index));
    if (condition) {
      return { condition, kind: 'history', qualifier: suffix[0].replace(/^[\s,;-]+/, '').trim(), ...(date ? { date } : {}) };
    }
  }
  if (date && words !== text.trim()) {
    const condition = vocabulary.resolve('condition', words);
    if (condition) {
      return { condition, kind: 'recent', qualifier: date, date };
    }
  }
  return undefined;
}

/** The words after a qualifier: a condition, or for "post-op knee" a place (the condition is then recent surgery there). */
function readRest(rest: string, kind: QualifierKind, qualifier: string, vocabulary: Vocabulary): InformalReading | undefined {
  if (rest === '') {
    return undefined;
  }
  const condition = vocabulary.resolve('condition', rest) ?? (kind === 'surgery' ? vocabulary.resolve('condition', `${rest} surgery`) : undefined);
  if (condition) {
    return { condition, kind, qualifier };
  }
  const surgery = kind === 'surgery' ? vocabulary.get('condition', 'recent-surgery') : undefined;
  if (surgery && vocabulary.resolvePlace(rest)) {
    return { condition: surgery, kind, qualifier, region: rest };
  }
  return undefined;
}

/** Pregnancy by month or week: the trimester's own condition when the knowledge base has one, else pregnancy. */
function pregnancyReading(match: RegExpExecArray, vocabulary: Vocabulary): InformalReading | undefined {
  const n = Number(match[1] ?? match[3]);
  const unit = (match[2] ?? match[4] ?? '').toLowerCase();
  const weeks = unit.startsWith('mo') ? n * 4.35 : n;
  const trimester = weeks < 14 ? 'first' : weeks < 28 ? 'second' : 'third';
  const condition =
    vocabulary.resolve('condition', `pregnancy ${trimester} trimester`) ??
    vocabulary.resolve('condition', `${trimester} trimester pregnancy`) ??
    vocabulary.resolve('condition', `${trimester} trimester`) ??
    vocabulary.resolve('condition', 'pregnancy');
  return condition ? { condition, kind: 'plain', qualifier: match[0].replace(/\s*(pregnant|pregnancy|gestation)\s*/i, ' ').replace(/[()]/g, '').trim() } : undefined;
}
