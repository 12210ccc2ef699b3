import noteSchemaJson from '../../../../schemas/note.schema.json';

/** The parts of a JSON Schema node that completion and hover read. */
export interface SchemaNode {
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  anyOf?: SchemaNode[];
}

/** A key allowed at some place of a note, with its schema (refs resolved). */
export interface SchemaKey {
  key: string;
  schema: SchemaNode;
  required: boolean;
}

// The note schema is the one place keys and their descriptions live; completion and hover read it.
const root = noteSchemaJson as unknown as SchemaNode & { definitions?: Record<string, SchemaNode> };

/** Follows a local `#/definitions/NAME` reference. */
export function resolveRef(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) {
    return node;
  }
  const name = node.$ref.replace('#/definitions/', '');
  const target = root.definitions?.[name];
  return target ? { ...target, description: node.description ?? target.description } : undefined;
}

/** The schema at a path of keys and `[]` (sequence item), e.g. `['treatment', '[]']` -> the treatment entry. */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    node = resolveRef(node);
    if (!node) {
      return undefined;
    }
    node = segment === '[]' ? node.items : node.properties?.[segment];
  }
  return resolveRef(node);
}

/** The keys a mapping at `path` may hold, in schema order; empty when `path` is not a mapping. */
export function keysAt(path: readonly string[]): SchemaKey[] {
  const node = schemaAt(path);
  if (!node?.properties) {
    return [];
  }
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties).map(([key, schema]) => ({ key, schema: resolveRef(schema) ?? schema, required: required.has(key) }));
}

/** True when the schema is an object (its values are written on the lines below its key). */
export function isObject(node: SchemaNode | undefined): boolean {
  return node?.type === 'object' || node?.properties !== undefined;
}

/** True when the schema is an array. */
export function isArray(node: SchemaNode | undefined): boolean {
  return node?.type === 'array';
}
