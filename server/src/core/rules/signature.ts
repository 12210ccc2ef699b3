import { isNode, isSeq } from 'yaml';
import { brokenAddenda, canonicalContent } from '../integrity';
import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { firstLineRange, valueOf } from '../yamlNodes';
import type { RuleContext, RuleFamily } from './context';

/**
 * `signature.mismatch`: a signed note whose content (signer and time included) no longer matches
 * `signed.sha256`, an addendum whose chained hash does not hold, or addenda on a note whose
 * signature is gone (nothing left to verify them against).
 */
export const signatureMismatch: RuleFamily = {
  id: RuleId.signatureMismatch,
  check(context) {
    const data = context.note.data;
    if (data === undefined) {
      return [];
    }
    const signed = context.note.signed;
    const findings: Finding[] = [];
    if (!signed) {
      const addenda = valueOf(context.note.root, 'addenda');
      const range = firstLineRange(context.parsed.lineCounter, context.parsed.text, addenda);
      if (isSeq(addenda) && addenda.items.length > 0 && range) {
        findings.push({
          ruleId: RuleId.signatureMismatch,
          severity: 'error',
          message: "This note has addenda but no signature: addenda are corrections to a signed note, and with the 'signed' block gone they cannot be verified. Restore the signed block, or write the corrections into the note itself.",
          range,
        });
      }
      return findings;
    }
    const recorded = signed.sha256?.value;
    if (typeof recorded !== 'string' || context.host.sha256(canonicalContent(data)) !== recorded.toLowerCase()) {
      findings.push({
        ruleId: RuleId.signatureMismatch,
        severity: 'error',
        message: `This note was signed${signed.by ? ` by ${signed.by.value}` : ''}${signed.at ? ` at ${signed.at.value}` : ''}, but its content, signer or signing time has changed since. A signed note is never edited: restore the signed content and put corrections in 'addenda' (soapnote addend).`,
        range: signed.keyRange,
      });
    }
    findings.push(...addendumFindings(context));
    return findings;
  },
};

/** A finding on each addendum whose link in the hash chain does not hold. */
function addendumFindings(context: RuleContext): Finding[] {
  const seq = valueOf(context.note.root, 'addenda');
  const items = isSeq(seq) ? seq.items : [];
  return brokenAddenda(context.note.data, context.host.sha256).flatMap(({ index, reason }) => {
    const item = items[index];
    const range = firstLineRange(context.parsed.lineCounter, context.parsed.text, isNode(item) ? item : isSeq(seq) ? seq : undefined);
    if (!range) {
      return [];
    }
    const which = `Addendum ${index + 1}`;
    return [
      {
        ruleId: RuleId.signatureMismatch,
        severity: 'error' as const,
        message:
          reason === 'no-hash'
            ? `${which} has no sha256, so it cannot be verified: add addenda with 'soapnote addend', which chains each one to the signature.`
            : `${which} does not match its hash: it, or an addendum before it, was edited or removed after it was written. Addenda are appended, never edited.`,
        range,
      },
    ];
  });
}
