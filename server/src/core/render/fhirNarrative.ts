/** XHTML narrative (`text.div`) for the FHIR export's Composition sections, built from the note's plain data. */

/** A FHIR Narrative: generated from the structured data, so `status` is `generated`. */
export interface FhirNarrative {
  status: 'generated';
  div: string;
}

/** Escapes text for XHTML, and drops the control characters XML 1.0 cannot carry. */
export function escapeXhtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Labels that the plain key does not spell out. */
const LABELS: Record<string, string> = { rom: 'Range of motion', pain: 'Pain (NPRS 0-10)', pain_after: 'Pain after (NPRS 0-10)' };

/** `next_visit` -> `Next visit`. */
function label(key: string): string {
  const known = LABELS[key];
  if (known) {
    return known;
  }
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function scalarText(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return 'not a usable number';
  }
  return value instanceof Date ? value.toISOString() : String(value);
}

/** One value as inline XHTML: a mapping reads `key: value, key: value`, a list becomes `<ul>`. */
function valueXhtml(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== null && item !== undefined);
    return items.length === 0 ? 'none' : `<ul>${items.map((item) => `<li>${valueXhtml(item)}</li>`).join('')}</ul>`;
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${escapeXhtml(label(k).toLowerCase())}: ${valueXhtml(v)}`)
      .join(', ');
  }
  return escapeXhtml(scalarText(value));
}

/**
 * The narrative for one section: one paragraph per field of each given part of the note, in the
 * order written. A section with nothing recorded says so, since FHIR requires a non-empty div.
 * ```ts
 * sectionNarrative([{ complaint: 'Low back pain', pain: 6 }]).div
 * // '<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Complaint:</b> Low back pain</p><p><b>Pain:</b> 6</p></div>'
 * ```
 */
export function sectionNarrative(parts: unknown[]): FhirNarrative {
  const paragraphs: string[] = [];
  for (const part of parts) {
    if (isRecord(part)) {
      for (const [key, value] of Object.entries(part)) {
        if (value !== null && value !== undefined) {
          paragraphs.push(Array.isArray(value) && value.length > 0 ? `<p><b>${escapeXhtml(label(key))}:</b></p>${valueXhtml(value)}` : `<p><b>${escapeXhtml(label(key))}:</b> ${valueXhtml(value)}</p>`);
        }
      }
    } else if (Array.isArray(part) && part.length > 0) {
      paragraphs.push(valueXhtml(part));
    }
  }
  const body = paragraphs.length > 0 ? paragraphs.join('') : '<p>Not recorded.</p>';
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>` };
}
