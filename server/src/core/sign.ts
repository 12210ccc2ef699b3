import type { Analysis } from './engine';
import { canonicalContent } from './integrity';
import { valueOf } from './yamlNodes';

/** The result of signing: the new note text, or the reason it was refused. */
export type SignOutcome = { text: string; sha256: string } | { refused: string };

/**
 * Signs a note: appends a `signed` block with the hash of its canonical content, signer and time
 * included. The original bytes are kept exactly (the block is appended, nothing is re-serialised).
 * Refuses a note that is already signed or has errors: a signature attests a complete, checked record.
 */
export function signNote(text: string, analysis: Analysis, by: string, at: string, sha256: (text: string) => string): SignOutcome {
  if (analysis.note.signed) {
    return { refused: 'This note is already signed. A signed note is never edited or re-signed: add corrections under addenda.' };
  }
  const errors = analysis.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    return { refused: `This note has ${errors.length} error(s); fix them before signing (line ${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? ''}).` };
  }
  if (analysis.note.data === undefined || analysis.note.root === undefined) {
    return { refused: 'This file is not a readable note.' };
  }
  if (!by.trim()) {
    return { refused: 'The name of the person signing is required.' };
  }
  if (valueOf(analysis.note.root, 'addenda') !== undefined) {
    return { refused: "This note has 'addenda' but is not signed: addenda are added after signing (soapnote addend). Write the corrections into the note itself, then sign." };
  }
  const signer = by.trim();
  // The signer and the time are part of what is signed: the hash covers the note as it will read.
  const hash = sha256(canonicalContent({ ...(analysis.note.data as Record<string, unknown>), signed: { by: signer, at } }));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.endsWith('\n') || text.length === 0 ? text : text + eol;
  // Quoted values: an all-digit hash would otherwise read back as a number, and a name may hold ':'.
  const block = ['signed:', `  by: ${JSON.stringify(signer)}`, `  at: ${JSON.stringify(at)}`, `  sha256: "${hash}"`].join(eol) + eol;
  return { text: body + block, sha256: hash };
}
