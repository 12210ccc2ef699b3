import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { DEFAULT_SEVERITY } from '../ruleDefaults';
import { md, pressureWords, termMarkdown } from '../features/termDocs';
import { cursorContext, lineRange, unquote } from '../features/yamlContext';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { PACK_SCHEMA, CONFIG_SCHEMA } from './completion';
import { fieldAt } from './idSlots';
import { packEntries, ruleAt } from './packEntries';
import { describeRule, RULE_TYPE_FINDING, type RuleNames } from './ruleDescription';
import { namedAt } from './termAt';
import { keysAt, valuesAt } from './schemaWalk';

/** How a rule's ids read in words with a vocabulary: names where the vocabulary knows them. */
export function vocabularyNames(vocabulary: Vocabulary): RuleNames {
  return {
    technique: (id) => vocabulary.get('technique', id)?.name,
    place: (id) => vocabulary.get('region', id)?.name ?? vocabulary.get('target', id)?.name,
    pressure: (level) => pressureWords(vocabulary, level),
  };
}

/**
 * Hover in a vocabulary pack or `.soapnote/config.yaml`: on a key, the schema's description; on
 * an id, the entry it names (from the vocabulary or this pack); on a fixed value, what the field
 * means; anywhere on a pack rule, what the rule does in plain words and the finding it reports.
 */
export function hoverAuthoring(kind: 'pack' | 'config', text: string, position: Position, vocabulary: Vocabulary, uri = ''): Hover | null {
  const root = kind === 'pack' ? PACK_SCHEMA : CONFIG_SCHEMA;
  const parts: string[] = [];
  let range: Range | undefined;
  const ctx = cursorContext(text, position);
  if (ctx && ctx.token.text.trim() !== '' && position.character >= ctx.token.start && position.character <= ctx.token.end) {
    const word = unquote(ctx.token.text);
    const field = fieldAt(ctx);
    const named = kind === 'pack' ? namedAt('pack', text, position, vocabulary) : undefined;
    if (named && !named.declaration) {
      const own = named.term ? undefined : packEntries(text, uri).find((e) => named.kinds.includes(e.kind) && e.id === named.word);
      const doc = named.term ? termMarkdown(named.term, vocabulary) : own ? `**${md(own.name ?? own.id)}** · ${own.kind} defined in this pack` : `**${md(word)}** · no ${named.kinds.join(' or ')} has this id`;
      parts.push(doc);
      range = named.range;
    } else if (ctx.slot === 'key' && !field) {
      const key = keysAt(root, ctx.path).find((k) => k.key === word);
      if (key?.description) {
        parts.push(`**${md(word)}**\n\n${md(key.description)}`);
        range = lineRange(position.line, ctx.token);
      }
    } else if (field) {
      const path = field.item ? [...field.path, field.field, '[]'] : [...field.path, field.field];
      const value = valuesAt(root, path).find((v) => v.value === word);
      const about = keysAt(root, field.path).find((k) => k.key === field.field)?.description;
      if (value || about) {
        parts.push(`**${md(field.field)}: ${md(word)}**${about ? `\n\n${md(about)}` : ''}`);
        range = lineRange(position.line, ctx.token);
      }
    }
  }
  if (kind === 'pack') {
    const at = ruleAt(text, position, uri);
    if (at) {
      parts.push(ruleMarkdown(at.rule, at.condition, vocabulary));
    }
  }
  return parts.length === 0 ? null : { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/** A rule in words, with the finding it reports and its default severity. */
function ruleMarkdown(rule: Parameters<typeof describeRule>[0], condition: string | undefined, vocabulary: Vocabulary): string {
  const lines = [`**This rule${condition ? ` of \`${condition}\`` : ''}:** ${md(describeRule(rule, vocabulary ? vocabularyNames(vocabulary) : undefined))}.`];
  const type = typeof rule.type === 'string' ? (rule.type as keyof typeof RULE_TYPE_FINDING) : undefined;
  const finding = type ? RULE_TYPE_FINDING[type] : undefined;
  if (finding) {
    lines.push('', `Reports \`${finding}\` (default ${DEFAULT_SEVERITY[finding] ?? 'error'}).`);
  }
  if (typeof rule.message === 'string' && rule.message !== '') {
    lines.push('', `Message: ${md(rule.message)}`);
  }
  return lines.join('\n');
}
