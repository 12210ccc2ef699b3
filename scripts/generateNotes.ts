/** Deterministic generator of realistic notes for benchmarks and fuzzing seeds (no randomness from the clock). */

const TECHNIQUES = ['effleurage', 'petrissage', 'myofascial release', 'trigger point therapy', 'passive STR', 'cross-fibre friction', 'compression', 'skin rolling'];
const TARGETS = ['upper trapezius', 'erector spinae', 'gastroc', 'IT band', 'quadratus lumborum', 'levator scapulae', 'hamstrings', 'gluteus medius', 'rhomboids', 'piriformis'];
const SIDES = ['left', 'right', 'bilateral'];
const PRESSURES = ['light', 'moderate', 'firm', 2, 3];
const CONDITIONS = ['low back pain', 'tension headache', 'diabetes', 'varicose veins', 'plantar fasciitis', 'postural tension'];

/** A small seeded PRNG (mulberry32), so every run generates the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One realistic note; `entries` treatment entries (a 2,000-line note has ~330). */
export function generateNote(index: number, entries = 4): string {
  const random = prng(index + 1);
  const day = String((index % 28) + 1).padStart(2, '0');
  const lines = [
    'soapnote: 1',
    `client: C-${String(1000 + (index % 9000)).padStart(4, '0')}`,
    `date: 2026-10-${day}`,
    'therapist: J. Lee, RMT',
    `visit: ${(index % 12) + 1}`,
    'duration: 600',
    '',
    'health:',
    '  conditions:',
    `    - condition: ${pick(random, CONDITIONS)}`,
    `      side: ${pick(random, SIDES)}`,
    '      region: lower leg',
    '  medications: [ibuprofen as needed]',
    '',
    'subjective:',
    '  complaint: Aching between the shoulder blades after long days at the desk',
    `  pain: ${Math.floor(random() * 8) + 2}`,
    '  goals: Work a full day without pain',
    '',
    'objective:',
    '  posture: Forward head, rounded shoulders',
    '  findings:',
    `    - {target: ${pick(random, TARGETS)}, side: ${pick(random, SIDES)}, finding: hypertonic}`,
    `    - {target: ${pick(random, TARGETS)}, side: ${pick(random, SIDES)}, finding: trigger point}`,
    '  rom:',
    '    - {movement: cervical rotation, degrees: 60}',
    '',
    'treatment:',
  ];
  for (let i = 0; i < entries; i++) {
    lines.push(
      `  - technique: ${pick(random, TECHNIQUES)}`,
      `    target: ${pick(random, TARGETS)}`,
      `    side: ${pick(random, SIDES)}`,
      `    pressure: ${pick(random, PRESSURES)}`,
      `    minutes: 1`,
    );
  }
  lines.push(
    '',
    'assessment:',
    '  summary: Tone reduced through the upper back',
    `  pain_after: ${Math.floor(random() * 3)}`,
    '  response: Tolerated well',
    '',
    'plan:',
    '  frequency: weekly',
    `  next_visit: 2026-11-${day}`,
    '  home_care: [foam roller to upper back daily, hydrate]',
    '',
  );
  return lines.join('\n');
}

/** A note of roughly `lineCount` lines (treatment entries are 5 lines each). */
export function generateLongNote(lineCount: number): string {
  return generateNote(7, Math.max(1, Math.round((lineCount - 45) / 5)));
}
