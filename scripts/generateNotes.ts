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

/** One note of a multi-client workspace: its file name (relative to the workspace) and text. */
export interface ClientNote {
  name: string;
  text: string;
}

const INTAKE_CONDITIONS = ['varicose veins', 'postural tension', 'tension headache', 'low back pain'];
const UPPER_TARGETS = ['upper trapezius', 'levator scapulae', 'rhomboids', 'erector spinae'];

/** The id of client `c` in {@link generateClientNotes}. */
export function clientId(c: number): string {
  return `C-${String(c).padStart(4, '0')}`;
}

/**
 * A workspace of `clients` x `visits` notes, `notes/<client>/<date>.soap.yaml`. Visit 1 is an intake
 * recording the health history (every 4th client: varicose veins on the left calf, an active
 * condition); later visits have no health section and treat the upper body, so they carry it.
 */
export function generateClientNotes(clients: number, visits: number): ClientNote[] {
  const notes: ClientNote[] = [];
  const start = Date.UTC(2026, 0, 5);
  for (let c = 0; c < clients; c++) {
    const random = prng(c + 1);
    const id = clientId(c);
    for (let v = 0; v < visits; v++) {
      const date = new Date(start + (v * 7 + (c % 7)) * 86_400_000).toISOString().slice(0, 10);
      const next = new Date(start + ((v + 1) * 7 + (c % 7)) * 86_400_000).toISOString().slice(0, 10);
      const lines = ['soapnote: 1', `client: ${id}`, `date: ${date}`, 'therapist: J. Lee, RMT', `visit: ${v + 1}`, 'duration: 45', ''];
      if (v === 0) {
        const condition = c % 4 === 0 ? 'varicose veins' : (INTAKE_CONDITIONS[1 + (c % 3)] as string);
        lines.push(
          'health:',
          '  conditions:',
          `    - condition: ${condition}`,
          `      region: ${condition === 'varicose veins' ? 'calf' : 'upper back'}`,
          '      side: left',
          '  medications: [cetirizine 10 mg daily]',
          '  allergies: []',
          '',
        );
      }
      lines.push(
        'subjective:',
        '  complaint: Neck and upper shoulder tightness after long days at a laptop',
        `  pain: ${Math.floor(random() * 6) + 3}`,
        '  goals: Work a full day without a headache',
        '',
        'objective:',
        '  findings:',
        `    - {target: ${pick(random, UPPER_TARGETS)}, side: ${pick(random, SIDES)}, finding: hypertonic}`,
        '',
        'treatment:',
        `  - {technique: effleurage, target: ${pick(random, UPPER_TARGETS)}, side: bilateral, pressure: light, minutes: 8}`,
        `  - {technique: petrissage, target: ${pick(random, UPPER_TARGETS)}, side: ${pick(random, SIDES)}, pressure: moderate, minutes: 12}`,
        `  - {technique: ${pick(random, TECHNIQUES)}, target: ${pick(random, UPPER_TARGETS)}, side: ${pick(random, SIDES)}, pressure: ${pick(random, PRESSURES)}, minutes: 6}`,
        '',
        'assessment:',
        '  summary: Upper back tone reduced',
        `  pain_after: ${Math.floor(random() * 3)}`,
        '  response: Tolerated well',
        '',
        'plan:',
        '  frequency: weekly',
        `  next_visit: ${next}`,
        '  home_care: [Chin tucks, 10 twice daily]',
        '',
      );
      notes.push({ name: `notes/${id}/${date}.soap.yaml`, text: lines.join('\n') });
    }
  }
  return notes;
}
