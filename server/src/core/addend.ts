import { isSeq } from 'yaml';
import type { Analysis } from './engine';
import { brokenAddenda, canonicalAddendum, canonicalContent } from './integrity';
import { RuleId } from './ruleIds';
import { valueOf } from './yamlNodes';

/** What an addendum says: who, when (ISO 8601 date and time) and the correction itself. */
export interface AddendumInput {
  by: string;
  at: string;
  text: string;
}

/** The result of adding an addendum: the new note text and the addendum's hash, or why it was refused. */
export type AddendOutcome = { text: string; sha256: string } | { refused: string };

/**
 * Appends one addendum to a signed note whose signature and addenda chain verify. Its `sha256`
 * chains it to the last hash recorded (the signature's, or the previous addendum's). The note's
 * bytes are kept exactly: the addendum is appended as text, nothing is re-serialised.
 * ```yaml
 * addenda:
 *   - at: "2026-11-21T09:00:00Z"
 *     by: "J. Lee, RMT"
 *     text: "Client phoned: mild soreness, settled."
 *     sha256: "<64 hex>"
 * ```
 */
export function addendNote(text: string, analysis: Analysis, input: AddendumInput, sha256: (text: string) => string): AddendOutcome {
  const signed = analysis.note.signed;
  if (!signed || typeof signed.sha256?.value !== 'string') {
    return { refused: 'This note is not signed. Addenda are corrections to a signed note; an unsigned note is simply edited.' };
  }
  const broken = analysis.findings.find((f) => f.ruleId === RuleId.signatureMismatch || f.ruleId.startsWith('yaml.'));
  if (broken) {
    return { refused: `This note does not verify, so nothing can be added to it (line ${broken.range.start.line + 1}: ${broken.message})` };
  }
  // Verified here as well, not only through the findings: a config must never let an addendum seal a tampered note.
  if (sha256(canonicalContent(analysis.note.data)) !== signed.sha256.value.toLowerCase() || brokenAddenda(analysis.note.data, sha256).length > 0) {
    return { refused: 'This note does not verify (its content, signature or addenda changed after signing), so nothing can be added to it.' };
  }
  const by = input.by.trim();
  const body = input.text.trim();
  if (!by || !body) {
    return { refused: 'An addendum needs who writes it (--by) and what it says (--text).' };
  }
  const root = analysis.note.root;
  const addendaNode = valueOf(root, 'addenda');
  const last = root?.items[root.items.length - 1];
  let indent = '  ';
  if (addendaNode !== undefined) {
    // Appending lines extends the list only when it is a block list and the last thing in the note.
    if (!isSeq(addendaNode) || addendaNode.flow || last?.value !== addendaNode || !addendaNode.range) {
      return { refused: "The note's addenda are not a block list at the end of the note, so a new one cannot be appended safely. Move 'addenda:' to the end, one '- ' entry per line." };
    }
    const start = addendaNode.range[0];
    indent = ' '.repeat(start - (text.lastIndexOf('\n', start - 1) + 1));
  }
  // The chain continues from the last hash recorded (the checker has just verified every link).
  const recorded = (analysis.note.data as { addenda?: unknown }).addenda;
  const lastAddendum = Array.isArray(recorded) ? (recorded[recorded.length - 1] as { sha256?: unknown } | undefined) : undefined;
  const previous = lastAddendum ? lastAddendum.sha256 : signed.sha256.value;
  const hash = sha256(canonicalAddendum(previous, { at: input.at, by, text: body }));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const head = text.endsWith('\n') || text.length === 0 ? text : text + eol;
  const lines = [
    ...(addendaNode === undefined ? ['addenda:'] : []),
    `${indent}- at: ${JSON.stringify(input.at)}`,
    `${indent}  by: ${JSON.stringify(by)}`,
    `${indent}  text: ${JSON.stringify(body)}`,
    `${indent}  sha256: "${hash}"`,
  ];
  return { text: head + lines.join(eol) + eol, sha256: hash };
}
