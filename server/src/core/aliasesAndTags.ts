import { append } from './append';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { offsetsToRange } from './ranges';
import { RuleId } from './ruleIds';
import type { Finding } from './types';

/**
 * Finds anchors (`&a`), aliases (`*a`), merge keys (`<<`) and tags (`!!str`, `!foo`) and takes
 * what depends on them out of the document, so that every reader of the tree (rules, report,
 * hover, symbols) and of its plain data (schema, hash, FHIR) sees one and the same note:
 * an alias or a tagged value reads as empty, a merge key or an aliased/tagged key as absent.
 * A health record says each thing once, where it is read. Mutates `doc`; iterative (no recursion).
 * ```yaml
 * subjective: {complaint: &c deep vein thrombosis}   # yaml.alias on the anchor
 * health: {conditions: [{condition: *c}]}            # yaml.alias; the condition reads as empty
 * ```
 */
export function removeAliasesAndTags(doc: Document.Parsed, text: string, lc: LineCounter): Finding[] {
  // Nothing to find in the usual note: skip the walk.
  if (!/[&*!]|<</.test(text)) {
    return [];
  }
  const findings: Finding[] = [];
  const report = (node: Node, ruleId: string, message: string): void => {
    findings.push({ ruleId, severity: 'error', message, range: propertyRange(node, text, lc) });
  };
  // True when the node must not be read: an alias or a tagged node (reported here, once).
  const unreadable = (node: unknown): boolean => {
    if (isAlias(node)) {
      report(node, RuleId.yamlAlias, `'*${node.source}' repeats a value written elsewhere (an alias). A note says each thing once, where it is read: write the value out here. This field was not checked.`);
      return true;
    }
    if (isNode(node)) {
      noteAnchor(node);
      if (node.tag !== undefined) {
        report(node, RuleId.yamlTag, `A tag (${tagText(node.tag)}) changes how a value is read. Notes do not use tags: remove it and write the value plainly (quote it if it should be text). This field was not checked.`);
        return true;
      }
    }
    return false;
  };
  const noteAnchor = (node: Node): void => {
    if (node.anchor) {
      report(node, RuleId.yamlAlias, `'&${node.anchor}' marks a value for repeating elsewhere (an anchor). Notes do not use anchors and aliases: remove '&${node.anchor}' and write each value where it is read.`);
      node.anchor = undefined;
    }
  };
  if (unreadable(doc.contents)) {
    doc.contents = null;
  }
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      node.items = node.items.filter((pair: Pair<unknown, unknown>) => {
        const key = pair.key;
        if (isScalar(key) && key.value === '<<' && key.type === 'PLAIN' && key.tag === undefined && !key.anchor) {
          report(key, RuleId.yamlAlias, "'<<' merges fields from another mapping (a merge key). A note says each thing once, where it is read: write the fields out here. The merged fields were not checked.");
          return false;
        }
        if (unreadable(key)) {
          unreadable(pair.value);
          return false;
        }
        if (unreadable(pair.value)) {
          pair.value = null;
        }
        stack.push(pair.key, pair.value);
        return true;
      });
    } else if (isSeq(node)) {
      node.items = node.items.map((item) => (unreadable(item) ? null : item));
      append(stack, node.items);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return findings;
}

/** `tag:yaml.org,2002:str` as it was written (`!!str`). */
function tagText(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * The range of a node together with its anchor and tag written before it (`&c deep vein`),
 * on the node's first line. The yaml package's node range starts after them.
 */
function propertyRange(node: Node, text: string, lc: LineCounter) {
  const [start, end] = node.range ?? [0, 0];
  let from = start;
  for (let props = 0; props < 2; props++) {
    let i = from - 1;
    while (i >= 0 && /\s/.test(text[i] ?? '')) {
      i--;
    }
    let j = i;
    while (j >= 0 && !/[\s,[\]{}]/.test(text[j] ?? '')) {
      j--;
    }
    const token = text.slice(j + 1, i + 1);
    if (!(token.startsWith('&') || token.startsWith('!'))) {
      break;
    }
    from = j + 1;
  }
  const lineEnd = text.indexOf('\n', from);
  const to = lineEnd === -1 || lineEnd > end ? end : lineEnd;
  return offsetsToRange(lc, from, Math.max(from + 1, to));
}
