import { canonicalContent } from '../integrity';
import { RuleId } from '../ruleIds';
import type { RuleFamily } from './context';

/** `signature.mismatch`: a signed note whose content no longer matches `signed.sha256`. */
export const signatureMismatch: RuleFamily = {
  id: RuleId.signatureMismatch,
  check(context) {
    const signed = context.note.signed;
    const recorded = signed?.sha256?.value;
    if (!signed || typeof recorded !== 'string' || context.note.data === undefined) {
      return [];
    }
    const actual = context.host.sha256(canonicalContent(context.note.data));
    if (actual === recorded.toLowerCase()) {
      return [];
    }
    return [
      {
        ruleId: RuleId.signatureMismatch,
        severity: 'error',
        message: `This note was signed${signed.by ? ` by ${signed.by.value}` : ''}${signed.at ? ` at ${signed.at.value}` : ''}, but its content has changed since. A signed note is never edited: restore the signed content and put corrections in 'addenda'.`,
        range: signed.keyRange,
      },
    ];
  },
};
