import type { TermKind } from '../vocabulary/vocabulary';
import type { CursorContext } from '../features/yamlContext';

/** The files an educator writes with editor support: a vocabulary pack, the workspace config, a note template. */
export type AuthoringKind = 'pack' | 'config' | 'template';

/** A pack's term sections and the kind of term each holds. */
export const PACK_SECTIONS: readonly (readonly [string, TermKind])[] = [
  ['regions', 'region'],
  ['techniques', 'technique'],
  ['targets', 'target'],
  ['findings', 'finding'],
  ['conditions', 'condition'],
  ['medications', 'medication'],
  ['endangerment_sites', 'site'],
];

/** The kind of term a pack section (`techniques`, `endangerment_sites`, ...) holds. */
export function sectionKind(section: string | undefined): TermKind | undefined {
  return PACK_SECTIONS.find(([s]) => s === section)?.[1];
}

/** What may be written at a place: ids of some kinds (and `tag:NAME` where techniques go), tag names, files, folders. */
export type Slot =
  | { what: 'ids'; kinds: TermKind[]; tags: boolean }
  /** Technique tag names; `lead` is written before each (`tag:` in a rule's `techniques:`, nothing after a written `tag:`). */
  | { what: 'tags'; lead: string }
  | { what: 'packFiles' }
  | { what: 'folders' };

/** The field being written at the cursor: the mapping's path, the field's key, and whether the cursor is on an item of the field's list. */
export interface Field {
  /** Path of the mapping that holds the field. */
  path: string[];
  field: string;
  item: boolean;
}

/** The field at the cursor: the value after `key:`, or an item of the list written after `key:` (`techniques: [effl|]`, `- effl`). */
export function fieldAt(ctx: CursorContext): Field | undefined {
  if (ctx.slot === 'value' && ctx.key !== undefined) {
    return { path: ctx.path, field: ctx.key, item: false };
  }
  const n = ctx.path.length;
  // A key with its colon in a sequence item (`- type: local`) is a mapping key, not a word of a list.
  if (ctx.slot === 'key' && !ctx.keyHasColon && n >= 2 && ctx.path[n - 1] === '[]' && ctx.path[n - 2] !== undefined) {
    return { path: ctx.path.slice(0, -2), field: ctx.path[n - 2] ?? '', item: true };
  }
  return undefined;
}

const isRulePath = (path: readonly string[]): boolean => {
  const n = path.length;
  return path[0] === 'conditions' && path[n - 1] === '[]' && (path[n - 2] === 'rules' || (path[n - 2] === 'after' && path[n - 3] === 'period'));
};

/** What goes at the cursor of a pack, when it is an id, a tag, or the key of a `synonyms:` section. */
export function packSlot(ctx: CursorContext): Slot | undefined {
  if (ctx.slot === 'key' && ctx.path.length === 2 && ctx.path[0] === 'synonyms') {
    const kind = sectionKind(ctx.path[1]);
    return kind ? { what: 'ids', kinds: [kind], tags: false } : undefined;
  }
  const n = ctx.path.length;
  if (ctx.slot === 'value' && ctx.key === 'tag' && ctx.path[n - 1] === '[]' && ctx.path[n - 2] === 'techniques' && isRulePath(ctx.path.slice(0, -2))) {
    // `techniques: [tag:|]`: YAML reads `tag:` before a bracket or the line end as a key; the name goes after it.
    return { what: 'tags', lead: '' };
  }
  const field = fieldAt(ctx);
  if (!field) {
    return undefined;
  }
  const { path, field: key } = field;
  const entryOf = path.length === 2 && path[1] === '[]' ? path[0] : undefined;
  if (isRulePath(path)) {
    if (key === 'techniques') {
      return { what: 'ids', kinds: ['technique'], tags: true };
    }
    if (key === 'regions') {
      return { what: 'ids', kinds: ['region', 'target'], tags: false };
    }
    return undefined;
  }
  switch (`${entryOf ?? ''}.${key}`) {
    case 'medications.implies':
      return { what: 'ids', kinds: ['condition'], tags: false };
    case 'targets.region':
    case 'regions.parent':
    case 'endangerment_sites.regions':
      return { what: 'ids', kinds: ['region'], tags: false };
    case 'endangerment_sites.targets':
      return { what: 'ids', kinds: ['target'], tags: false };
    case 'findings.suits':
      return { what: 'ids', kinds: ['technique'], tags: false };
    case 'techniques.tags':
      return { what: 'tags', lead: '' };
    default:
      return undefined;
  }
}

/** What goes at the cursor of `.soapnote/config.yaml` beyond the schema's fixed values: pack files, the templates folder. */
export function configSlot(ctx: CursorContext): Slot | undefined {
  const field = fieldAt(ctx);
  if (!field || field.path.length > 0) {
    return undefined;
  }
  if (field.field === 'packs' && field.item) {
    return { what: 'packFiles' };
  }
  if (field.field === 'templates' && !field.item) {
    return { what: 'folders' };
  }
  return undefined;
}

/** The kind of term a note field names (`technique:`, `target:`, an item of `medications:`), for definition and references. */
export function noteFieldKinds(ctx: CursorContext): TermKind[] | undefined {
  const field = fieldAt(ctx);
  if (!field) {
    return undefined;
  }
  switch (field.field) {
    case 'technique':
      return field.item ? undefined : ['technique'];
    case 'target':
    case 'region':
      return field.item ? undefined : ['target', 'region', 'site'];
    case 'condition':
      return field.item ? undefined : ['condition'];
    case 'finding':
      return field.item ? undefined : ['finding'];
    case 'medications':
      return field.item ? ['medication'] : undefined;
    default:
      return undefined;
  }
}
