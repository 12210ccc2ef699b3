import { isCollection, isScalar } from 'yaml';
import { RuleId } from '../ruleIds';
import { DOCUMENT_START } from '../ranges';
import type { Finding } from '../types';
import { firstLineRange, pairOf } from '../yamlNodes';
import type { RuleFamily } from './context';

/** `record.required-section`: a section the workspace config requires (e.g. `objective.findings`) is missing or empty. */
export const requiredSections: RuleFamily = {
  id: RuleId.requiredSection,
  check(context) {
    const out: Finding[] = [];
    const root = context.note.root;
    if (!root) {
      return out;
    }
    for (const path of context.required) {
      let node: unknown = root;
      let lastFound: unknown = root;
      for (const key of path.split('.')) {
        node = pairOf(node, key)?.value;
        if (node === undefined || node === null) {
          break;
        }
        lastFound = node;
      }
      const empty = node === undefined || node === null || (isCollection(node) && node.items.length === 0) || (isScalar(node) && String(node.value ?? '').trim() === '');
      if (empty) {
        out.push({
          ruleId: RuleId.requiredSection,
          severity: 'warning',
          message: `This clinic requires '${path}' in every note (.soapnote/config.yaml 'required'), and it is ${node === undefined || node === null ? 'missing' : 'empty'}.`,
          range: firstLineRange(context.parsed.lineCounter, context.parsed.text, lastFound as never) ?? DOCUMENT_START,
        });
      }
    }
    return out;
  },
};
