/**
 * A small JSON Schema walker for completion and hover in pack and config files: follows a YAML
 * path of keys and `[]` (a sequence item) through `properties`, `additionalProperties` and
 * `items`, resolving local `$ref`s and treating `oneOf` / `anyOf` branches as
 * alternatives (a place may be one of several shapes: `period.after` is a list of rules or
 * `resolved`). It reads only what the editor needs; validation stays with the schema checker.
 */

/** The parts of a JSON Schema node the walker reads. */
export interface JsonSchema {
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  $ref?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
}

/** A key a mapping may hold, with its schema alternatives. */
export interface SchemaKeyInfo {
  key: string;
  schemas: JsonSchema[];
  required: boolean;
  description?: string;
}

/** A fixed value a place may hold (an `enum` member, a `const`, `true` / `false`), with what it means. */
export interface SchemaValue {
  value: string;
  description?: string;
}

/** Refs are followed at most this deep: a schema that refers to itself must not loop. */
const MAX_REF_DEPTH = 16;

/**
 * The alternatives a node stands for: its `$ref` target (the referring node's description wins),
 * and each `oneOf` / `anyOf` branch. `allOf` is not read: the soapnote schemas use it only for
 * `if`/`then` conditions (a pressure-cap needs `max`), which say what is required, not what may be written.
 */
export function alternatives(root: JsonSchema, node: JsonSchema | undefined, depth = 0): JsonSchema[] {
  if (!node || depth > MAX_REF_DEPTH) {
    return [];
  }
  if (node.$ref) {
    const target = refTarget(root, node.$ref);
    return alternatives(root, target && node.description ? { ...target, description: node.description } : target, depth + 1);
  }
  const branches = [...(node.oneOf ?? []), ...(node.anyOf ?? [])];
  if (branches.length === 0) {
    return [node];
  }
  const { oneOf: _oneOf, anyOf: _anyOf, ...own } = node;
  const hasOwnShape = own.type !== undefined || own.properties !== undefined || own.items !== undefined || own.enum !== undefined;
  const out = hasOwnShape ? [own] : [];
  for (const branch of branches) {
    // A branch without its own description takes the node's, so hover on either shape reads the same.
    out.push(...alternatives(root, branch.description || !own.description ? branch : { ...branch, description: own.description }, depth + 1));
  }
  return out;
}

/** The node a local `#/definitions/NAME` (or `#/$defs/NAME`) reference points to. */
function refTarget(root: JsonSchema, ref: string): JsonSchema | undefined {
  const match = /^#\/(?:definitions|\$defs)\/(.+)$/.exec(ref);
  if (!match?.[1]) {
    return ref === '#' ? root : undefined;
  }
  const defs = root.definitions ?? (root as { $defs?: Record<string, JsonSchema> }).$defs;
  return defs?.[match[1]];
}

/** The schema alternatives at a path of keys and `[]` from the root; empty when the path leaves the schema. */
export function schemasAt(root: JsonSchema, path: readonly string[]): JsonSchema[] {
  let nodes = alternatives(root, root);
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const node of nodes) {
      const child = segment === '[]' ? node.items : (node.properties?.[segment] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
      next.push(...alternatives(root, child));
    }
    nodes = next;
    if (nodes.length === 0) {
      return [];
    }
  }
  return nodes;
}

/** The keys a mapping at `path` may hold (union over its alternatives), in schema order. */
export function keysAt(root: JsonSchema, path: readonly string[]): SchemaKeyInfo[] {
  const out = new Map<string, SchemaKeyInfo>();
  for (const node of schemasAt(root, path)) {
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const schemas = alternatives(root, child);
      const existing = out.get(key);
      if (existing) {
        existing.schemas.push(...schemas);
        existing.required ||= required.has(key);
      } else {
        out.set(key, { key, schemas, required: required.has(key), description: child.description ?? schemas.find((s) => s.description)?.description });
      }
    }
  }
  return [...out.values()];
}

/** The description of `key` in the mapping at `path`, or of the place itself when `key` is omitted. */
export function descriptionAt(root: JsonSchema, path: readonly string[], key?: string): string | undefined {
  if (key !== undefined) {
    return keysAt(root, path).find((k) => k.key === key)?.description;
  }
  return schemasAt(root, path).find((s) => s.description)?.description;
}

/** The fixed values the place at `path` may hold: enum members, consts, booleans; for an array, its items' values. */
export function valuesAt(root: JsonSchema, path: readonly string[]): SchemaValue[] {
  const out = new Map<string, SchemaValue>();
  const add = (value: unknown, description?: string): void => {
    const text = String(value);
    if (!out.has(text)) {
      out.set(text, { value: text, description });
    }
  };
  for (const node of schemasAt(root, path)) {
    for (const value of node.enum ?? []) {
      add(value, node.description);
    }
    if (node.const !== undefined) {
      add(node.const, node.description);
    }
    if (node.type === 'boolean') {
      add(true, node.description);
      add(false, node.description);
    }
  }
  return [...out.values()];
}

/** True when a place at `path` may be a mapping. */
export function isObjectAt(root: JsonSchema, path: readonly string[]): boolean {
  return schemasAt(root, path).some((s) => s.type === 'object' || s.properties !== undefined);
}

/** True when a place at `path` may be a sequence. */
export function isArrayAt(root: JsonSchema, path: readonly string[]): boolean {
  return schemasAt(root, path).some((s) => s.type === 'array' || s.items !== undefined);
}
