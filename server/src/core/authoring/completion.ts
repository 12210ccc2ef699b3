import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import configSchemaJson from '../../../../schemas/config.schema.json';
import packSchemaJson from '../../../../schemas/vocabulary-pack.schema.json';
import { md, termDetail, termMarkdown } from '../features/termDocs';
import { cursorContext, lineRange, type CursorContext } from '../features/yamlContext';
import type { TermKind, Vocabulary } from '../vocabulary/vocabulary';
import { yamlScalar } from '../yamlScalar';
import { configSlot, fieldAt, packSlot, type Slot } from './idSlots';
import { packEntries } from './packEntries';
import { isArrayAt, isObjectAt, keysAt, valuesAt, type JsonSchema, type SchemaKeyInfo } from './schemaWalk';

/** The vocabulary pack schema, as the walker reads it. */
export const PACK_SCHEMA = packSchemaJson as unknown as JsonSchema;
/** The workspace config schema, as the walker reads it. */
export const CONFIG_SCHEMA = configSchemaJson as unknown as JsonSchema;

/** What completion in a pack or config needs beyond the text: the workspace's terms and files. */
export interface AuthoringWorld {
  /** The workspace's merged vocabulary (built-in and listed packs). */
  vocabulary: Vocabulary;
  /** YAML files of the workspace's `.soapnote/` folder, as written in `packs:` (workspace-relative, `/`-separated). */
  yamlFiles?: readonly string[];
  /** Folders a `templates:` value may name (workspace-relative). */
  folders?: readonly string[];
  /** The document's uri: a key for reusing its parse. */
  uri?: string;
}

/**
 * Completion in a vocabulary pack or `.soapnote/config.yaml`: the schema's keys not yet written
 * (with their descriptions), ids where ids go (`techniques:` of a rule: technique ids and
 * `tag:NAME`; `regions:`; `implies:`; a target's `region:`; ...), fixed values (`type`, `where`,
 * `category`, `status`, severities), pack files under `packs:` and folders for `templates:`.
 * Reads the place from the text, so it works while the file is mid-edit and does not parse.
 */
export function completeAuthoring(kind: 'pack' | 'config', text: string, position: Position, world: AuthoringWorld): CompletionList {
  const ctx = cursorContext(text, position);
  if (!ctx) {
    return { isIncomplete: false, items: [] };
  }
  const range = lineRange(position.line, ctx.token);
  const root = kind === 'pack' ? PACK_SCHEMA : CONFIG_SCHEMA;
  const slot = kind === 'pack' ? packSlot(ctx) : configSlot(ctx);
  const prefix = ctx.prefix.trim();
  const items = slot ? slotItems(slot, text, world, range, prefix) : schemaItems(root, ctx, range, prefix);
  const field = fieldAt(ctx);
  if (slot && field && !field.item && !ctx.flow && isArrayAt(root, [...field.path, field.field])) {
    // `techniques: |` takes a list: the id goes in as a flow list of one.
    for (const item of items) {
      if (item.textEdit && 'range' in item.textEdit) {
        item.textEdit.newText = `[${item.textEdit.newText}]`;
      }
    }
  }
  items.sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : (a.sortText ?? a.label) > (b.sortText ?? b.label) ? 1 : 0));
  return { isIncomplete: prefix !== '', items };
}

/** Keys or fixed values from the schema at the cursor. */
function schemaItems(root: JsonSchema, ctx: CursorContext, range: Range, prefix: string): CompletionItem[] {
  const field = fieldAt(ctx);
  if (field) {
    const path = field.item ? [...field.path, field.field, '[]'] : [...field.path, field.field];
    const values = valuesAt(root, path);
    if (values.length > 0 || !isObjectAt(root, ctx.path)) {
      return values.filter((v) => matches(v.value, prefix)).map((v, i) => ({
        label: v.value,
        kind: CompletionItemKind.EnumMember,
        ...(v.description ? { documentation: { kind: MarkupKind.Markdown, value: md(v.description) } } : {}),
        sortText: String(i).padStart(3, '0'),
        textEdit: { range, newText: v.value },
      }));
    }
  }
  if (ctx.slot === 'item' || (ctx.slot === 'key' && isArrayAt(root, ctx.path) && !isObjectAt(root, ctx.path))) {
    // A new item of a list of entries, its `- ` not written yet: the item's keys, each starting one.
    const itemPath = [...ctx.path, '[]'];
    return isObjectAt(root, itemPath) ? keyItems(keysAt(root, itemPath), new Map(), range, prefix, '- ', false, false) : [];
  }
  if (!isObjectAt(root, ctx.path)) {
    return [];
  }
  return keyItems(keysAt(root, ctx.path), ctx.siblings, range, prefix, '', ctx.keyHasColon, ctx.flow);
}

/** Key items: required first, then schema order; a written key is not offered again. */
function keyItems(keys: SchemaKeyInfo[], present: Map<string, string>, range: Range, prefix: string, lead: string, keyHasColon: boolean, flow: boolean): CompletionItem[] {
  return keys
    .filter((k) => !present.has(k.key) && matches(k.key, prefix))
    .map((k, index) => ({
      label: k.key,
      kind: CompletionItemKind.Property,
      detail: `${k.required ? 'required · ' : ''}${shapeWords(k.schemas)}`,
      ...(k.description ? { documentation: { kind: MarkupKind.Markdown, value: md(k.description) } } : {}),
      sortText: `${k.required ? 0 : 1}${String(index).padStart(3, '0')}`,
      textEdit: { range, newText: `${lead}${keyHasColon ? k.key : flow ? `${k.key}: ` : keySnippet(k)}` },
      insertTextFormat: InsertTextFormat.Snippet,
    }));
}

/** What to write after a key: a block below for mappings and lists of entries, a flow list for lists of words. */
function keySnippet(k: SchemaKeyInfo): string {
  const object = k.schemas.some((s) => s.type === 'object' || s.properties !== undefined);
  const array = k.schemas.find((s) => s.type === 'array');
  if (object && !array) {
    return `${k.key}:\n  $0`;
  }
  if (array) {
    const itemObject = array.items !== undefined && (array.items.$ref !== undefined || array.items.type === 'object');
    return itemObject ? `${k.key}:\n  - $0` : `${k.key}: [$0]`;
  }
  return `${k.key}: $0`;
}

function shapeWords(schemas: JsonSchema[]): string {
  const words = new Set(schemas.map((s) => (s.type === 'object' || s.properties ? 'mapping' : s.type === 'array' ? 'list' : s.const !== undefined ? String(s.const) : typeof s.type === 'string' ? s.type : 'value')));
  return [...words].join(' or ');
}

/** True when `text` contains what is typed (any case), or nothing is typed. */
function matches(text: string, prefix: string): boolean {
  return prefix === '' || text.toLowerCase().includes(prefix.toLowerCase());
}

/** Ids, tags, files or folders for a slot. */
function slotItems(slot: Slot, text: string, world: AuthoringWorld, range: Range, prefix: string): CompletionItem[] {
  switch (slot.what) {
    case 'ids':
      return [...idItems(slot.kinds, text, world, range, prefix), ...(slot.tags ? tagItems(world.vocabulary, range, prefix, 'tag:') : [])];
    case 'tags':
      return tagItems(world.vocabulary, range, prefix, slot.lead);
    case 'packFiles':
      return (world.yamlFiles ?? []).filter((f) => matches(f, prefix)).map((f) => ({ label: f, kind: CompletionItemKind.File, detail: 'vocabulary pack file', textEdit: { range, newText: yamlScalar(f) } }));
    case 'folders':
      return (world.folders ?? []).filter((f) => matches(f, prefix)).map((f) => ({ label: f, kind: CompletionItemKind.Folder, detail: 'templates folder', textEdit: { range, newText: yamlScalar(f) } }));
  }
}

/** Ids of the vocabulary and of the pack being written (its own entries may not be loaded: it may not parse yet or not be listed). */
function idItems(kinds: readonly TermKind[], text: string, world: AuthoringWorld, range: Range, prefix: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const typed = prefix.toLowerCase();
  const hit = (id: string, name: string | undefined, synonyms: readonly string[] = []): boolean =>
    typed === '' || [id, name ?? '', ...synonyms].some((w) => w.toLowerCase().includes(typed));
  kinds.forEach((kind, k) => {
    for (const entry of packEntries(text, world.uri)) {
      if (entry.kind === kind && !seen.has(`${kind}:${entry.id}`) && hit(entry.id, entry.name)) {
        seen.add(`${kind}:${entry.id}`);
        out.push({ label: entry.id, kind: CompletionItemKind.Reference, detail: `${entry.name ?? entry.id} · ${kind} in this pack`, sortText: `${k}0${entry.id}`, textEdit: { range, newText: entry.id } });
      }
    }
    for (const term of world.vocabulary.all(kind)) {
      if (seen.has(`${kind}:${term.id}`) || !hit(term.id, term.name, term.synonyms)) {
        continue;
      }
      seen.add(`${kind}:${term.id}`);
      // Ids of earlier kinds first (`regions:` of a rule: regions, then targets); a prefix of the id ranks above a match inside.
      const starts = term.id.startsWith(typed) || term.name.toLowerCase().startsWith(typed) ? 0 : 1;
      out.push({
        label: term.id,
        kind: CompletionItemKind.Reference,
        detail: `${term.name} · ${termDetail(term, world.vocabulary)}`,
        documentation: { kind: MarkupKind.Markdown, value: termMarkdown(term, world.vocabulary) },
        filterText: [term.id, term.name, ...(term.synonyms ?? [])].join(' '),
        sortText: `${k}${starts + 1}${term.id}`,
        textEdit: { range, newText: term.id },
      });
    }
  });
  return out;
}

/** Technique tags in use (`tag:deep` where a rule bars techniques by tag; plain names in a technique's `tags:`), with the techniques that carry each. */
function tagItems(vocabulary: Vocabulary, range: Range, prefix: string, lead: string): CompletionItem[] {
  const byTag = new Map<string, string[]>();
  for (const t of vocabulary.all('technique')) {
    for (const tag of t.tags ?? []) {
      byTag.set(tag, [...(byTag.get(tag) ?? []), t.name]);
    }
  }
  const typed = prefix.toLowerCase().replace(/^tag:/, '');
  return [...byTag.entries()]
    .filter(([tag]) => typed === '' || tag.includes(typed))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, names]) => ({
      label: `${lead}${tag}`,
      kind: CompletionItemKind.EnumMember,
      detail: `tag · ${names.length} technique${names.length === 1 ? '' : 's'}`,
      documentation: { kind: MarkupKind.Markdown, value: `Techniques tagged \`${tag}\`: ${names.map(md).join(', ')}` },
      sortText: `9${tag}`,
      textEdit: { range, newText: `${lead}${tag}` },
    }));
}
