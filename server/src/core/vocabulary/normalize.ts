/**
 * British -> American spelling folds applied before comparison, so `cross-fibre friction`
 * and `cross fiber friction`, `haematoma` and `hematoma` resolve alike.
 */
const SPELLING_FOLDS: [RegExp, string][] = [
  [/fibre/g, 'fiber'],
  [/centre/g, 'center'],
  [/oedema/g, 'edema'],
  [/oesophag/g, 'esophag'],
  [/haem/g, 'hem'],
  [/aemi/g, 'emi'],
  [/ischaem/g, 'ischem'],
  [/paed/g, 'ped'],
  [/isation/g, 'ization'],
  [/ise(d|s)?\b/g, 'ize$1'],
  [/our\b/g, 'or'],
  [/tre\b/g, 'ter'],
];

/** Text outside ASCII: only it needs Unicode decomposition and the œ/æ/ß folds. */
const NON_ASCII = /[^\x00-\x7f]/;

/** True when some spelling fold could apply (each fold's literal start); most terms skip all twelve replaces. */
const MAY_FOLD = /fibre|centre|oe|haem|aemi|paed|isation|ise|our|tre/;

/**
 * The comparison key of a term: lower case, diacritics and punctuation removed, spaces and
 * hyphens dropped, British spellings folded. `IT band` -> `itband`, `Golfer's elbow` -> `golferselbow`.
 * Called for every word of every pack at start-up (thousands): the two tests above skip work that
 * cannot change an ASCII or fold-free word, with the same result as running every step.
 */
export function termKey(text: string): string {
  // œ and æ do not decompose: fold them by hand so `lymphœdème` and `lymphoedeme` meet.
  let s = NON_ASCII.test(text)
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
    : text.toLowerCase();
  if (MAY_FOLD.test(s)) {
    for (const [pattern, replacement] of SPELLING_FOLDS) {
      s = s.replace(pattern, replacement);
    }
  }
  return s.replace(/[^a-z0-9]+/g, '');
}
