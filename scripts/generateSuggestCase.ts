/**
 * The worst case for nearest-term suggestions: a clinic pack of ~990 KB of long technique names
 * and a ~990 KB note of long unknown techniques, every one of them about as long as every
 * vocabulary term (so length alone rules nothing out). Used by a reliability test and `npm run bench`.
 */

const WORDS = ['myofascial', 'release', 'deep', 'transverse', 'friction', 'gliding', 'stroke', 'compression', 'kneading', 'vibration', 'stretch', 'lymphatic', 'drainage', 'neuromuscular', 'trigger', 'point', 'tissue', 'sustained', 'rhythmic', 'rocking'];

/** A deterministic pseudo-random stream (xorshift), so the case is the same on every run. */
function stream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A phrase of about `length` characters of technique words, with a number so that no two are alike. */
function phrase(next: () => number, n: number, length: number): string {
  const words = [String(n)];
  let size = words[0]?.length ?? 0;
  while (size < length) {
    const word = WORDS[Math.floor(next() * WORDS.length)] ?? 'stroke';
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

/** The pack (`terms` technique names of ~`length` characters) and the note (`unknowns` unknown technique entries of the same length). */
export function bigSuggestCase(terms = 3270, unknowns = 3390, length = 232): { pack: string; note: string } {
  const next = stream(42);
  const pack = [
    'soapnote_pack: 1',
    'id: long-names',
    'name: Long names',
    'techniques:',
    ...Array.from({ length: terms }, (_, i) => `  - {id: t${i}, name: "technique ${phrase(next, i, length)}", description: x, pressure: 2}`),
    '',
  ].join('\n');
  const note = [
    'soapnote: 1',
    'client: C-0001',
    'date: 2026-11-02',
    'therapist: T',
    'treatment:',
    ...Array.from({ length: unknowns }, (_, i) => `  - {technique: "technique ${phrase(next, i + terms, length)}", target: calf}`),
    '',
  ].join('\n');
  return { pack, note };
}
