import { yamlScalar } from '../yamlScalar';

/** A template placeholder: `{{client}}`, `{{date}}`, `{{therapist}}`, `{{visit}}`. */
export const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The placeholders a template may use, with the sample value used when the template itself is checked. */
export const KNOWN_PLACEHOLDERS: Record<string, string> = {
  client: 'C-0000',
  date: '2000-01-01',
  therapist: 'Therapist',
  visit: '1',
};

/** Values to fill a template with. */
export type TemplateValues = Partial<Record<keyof typeof KNOWN_PLACEHOLDERS, string>>;

/** Placeholders whose value is written as it is (a number or an ISO date), never as a quoted string. */
const RAW_PLACEHOLDERS: Record<string, RegExp> = { visit: /^[1-9]\d{0,5}$/, date: /^\d{4}-\d{2}-\d{2}$/ };

/**
 * Fills a template's placeholders. `visit` and `date` go in as a number and a date (a value of
 * another shape is quoted, so the checker reports it instead of misreading it); text values are
 * written as YAML-safe scalars (quoted when they would otherwise change meaning), so a name like
 * `Lee: J` cannot break the note and a client id like `0142` stays a string. The one filler for
 * the command line and the editor (which asks the server for it).
 */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      return whole;
    }
    return RAW_PLACEHOLDERS[name]?.test(value) ? value : yamlScalar(value);
  });
}

/** Where a placeholder was replaced: its offset in the sampled text, and both lengths. */
export interface Substitution {
  at: number;
  sampleLength: number;
  originalLength: number;
}

/**
 * Replaces every placeholder with a sample value so a template can be checked like a note
 * (unknown ones are flagged separately), and records where, so positions can be mapped back.
 */
export function sampleTemplate(text: string): { text: string; substitutions: Substitution[] } {
  const substitutions: Substitution[] = [];
  let shift = 0;
  const sampled = text.replace(PLACEHOLDER, (whole: string, name: string, offset: number) => {
    const sample = KNOWN_PLACEHOLDERS[name] ?? 'placeholder';
    substitutions.push({ at: offset + shift, sampleLength: sample.length, originalLength: whole.length });
    shift += sample.length - whole.length;
    return sample;
  });
  return { text: sampled, substitutions };
}

/** Maps an offset in the sampled text back to the template's own text (inside a sample: its placeholder's start). */
export function originalOffset(offset: number, substitutions: readonly Substitution[]): number {
  let shift = 0;
  for (const s of substitutions) {
    if (offset < s.at) {
      break;
    }
    if (offset < s.at + s.sampleLength) {
      return s.at - shift;
    }
    shift += s.sampleLength - s.originalLength;
  }
  return offset - shift;
}

/** Placeholders a template uses that soapnote does not know, with their offsets, for findings. */
export function unknownPlaceholders(text: string): { name: string; offset: number; length: number }[] {
  const out: { name: string; offset: number; length: number }[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!(name in KNOWN_PLACEHOLDERS)) {
      out.push({ name, offset: match.index ?? 0, length: match[0].length });
    }
  }
  return out;
}
