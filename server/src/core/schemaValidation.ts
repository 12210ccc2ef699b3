import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { commaInFlowMap } from './flowComma';
import type { ParsedYaml } from './parse';
import { SIDES } from '../generated/sides';
import { DOCUMENT_START } from './ranges';
import { RuleId } from './ruleIds';
import { subjectOfPath } from './subjects';
import type { Finding, Range } from './types';
import { firstLineRange, nodeAtPath, nodeRange } from './yamlNodes';

/** A compiled schema validator that reports ajv errors as positioned findings. */
export interface SchemaChecker {
  /** Validates plain data and maps each ajv error back to the YAML node it is about. */
  check(parsed: ParsedYaml, data: unknown, ruleId?: string): Finding[];
}

let sharedAjv: Ajv | undefined;

/** One Ajv instance for the process: compiling is the slow part, so every schema is compiled once. */
function ajv(): Ajv {
  if (!sharedAjv) {
    // Loaded on first use: notes are checked by the build-time validator, so a language server with no
    // config or pack of its own never pays for loading ajv before its first diagnostics.
    const AjvClass = (require('ajv') as typeof import('ajv')).default;
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    // strictNumbers: `.nan`, `.inf` and `1e999` are numbers to YAML, never a usable value (as in scripts/generate.mjs).
    sharedAjv = new AjvClass({ allErrors: true, strict: false, allowUnionTypes: true, strictNumbers: true });
    addFormats(sharedAjv, ['date', 'date-time']);
  }
  return sharedAjv;
}

const compiled = new Map<object, ValidateFunction>();

/** Compiles (once) a JSON Schema, or takes its build-time standalone validator, and returns a {@link SchemaChecker} for it. */
export function schemaChecker(schema: object, precompiled?: ValidateFunction): SchemaChecker {
  let validate = compiled.get(schema) ?? precompiled;
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  const fn = validate;
  return {
    check(parsed, data, ruleId = RuleId.schemaInvalid) {
      if (fn(data)) {
        return [];
      }
      const findings: Finding[] = [];
      for (const error of dedupe(fn.errors ?? [])) {
        // Only a note's lists are subjects; a pack or config error is about that file.
        const subject = ruleId === RuleId.schemaInvalid ? subjectOfPath(pathSegments(error.instancePath)) : undefined;
        const finding: Finding = { ruleId, severity: 'error', message: describe(error, data), range: rangeOf(parsed, error), ...(subject ? { subject } : {}) };
        const comma = error.keyword === 'additionalProperties' && parsed.doc ? commaInFlowMap(parsed, nodeAtPath(parsed.doc, pathSegments(error.instancePath)).node, String((error.params as Record<string, unknown>)['additionalProperty'])) : undefined;
        if (comma && !comma.first) {
          continue;
        }
        findings.push(comma ? { ...finding, message: comma.message, fix: comma.fix } : finding);
      }
      return findings;
    },
  };
}

/** `anyOf`/`oneOf` produce an error per branch plus a summary; the summary alone reads better. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (unions.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      return false;
    }
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** A therapist-readable sentence for an ajv error (`data` is the validated value, to name what was written). */
function describe(error: ErrorObject, data: unknown): string {
  const where = fieldName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, pathSegments(error.instancePath));
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `'${where}' is not a usable number (${Number.isNaN(value) ? 'not a number' : 'infinite or too large'}). Write a plain number.`;
  }
  if (error.keyword === 'pattern' && error.schemaPath === '#/definitions/side/pattern') {
    return `'${where}' must be one of: ${SIDES.map((s) => s.forms.join(' / ')).join(', ')} (any case).`;
  }
  switch (error.keyword) {
    case 'required':
      return `${where === 'the note' ? 'The note' : `'${where}'`} is missing the required field '${String(params['missingProperty'])}'.`;
    case 'additionalProperties':
      return `'${String(params['additionalProperty'])}' is not a field the note format knows${where === 'the note' ? '' : ` in '${where}'`}. Check the spelling.`;
    case 'type':
      return `'${where}' should be ${article(String(params['type']))}.`;
    case 'enum':
      return `'${where}' must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}.`;
    case 'const':
      return `'${where}' must be ${JSON.stringify(params['allowedValue'])}.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `'${where}' is out of range: it ${String(error.message)}.`;
    case 'format':
      return `'${where}' is not a valid ${String(params['format'])} (expected ${params['format'] === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDThh:mm:ssZ'}).`;
    case 'pattern':
      return `'${where}' has an unexpected form${where.endsWith('sha256') ? ' (64 hexadecimal digits)' : ''}.`;
    case 'anyOf':
    case 'oneOf':
      return `'${where}' is not a valid value here.`;
    default:
      return `'${where}' ${String(error.message)}.`;
  }
}

/** The value at a path of keys and indexes in plain data. */
function valueAt(data: unknown, path: (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'a mapping of fields', array: 'a list', string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', null: 'empty' };
  return type.split(',').map((t) => words[t] ?? t).join(' or ');
}

function pathSegments(instancePath: string): (string | number)[] {
  if (!instancePath) {
    return [];
  }
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function fieldName(instancePath: string): string {
  const segments = pathSegments(instancePath);
  if (segments.length === 0) {
    return 'the note';
  }
  return segments.map((s, i) => (typeof s === 'number' ? `[${s + 1}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The range of the node an error is about; for a missing or unknown key, the key itself or the mapping's first line. */
function rangeOf(parsed: ParsedYaml, error: ErrorObject): Range {
  const doc = parsed.doc;
  if (!doc) {
    return DOCUMENT_START;
  }
  const params = error.params as Record<string, unknown>;
  const segments = pathSegments(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    segments.push(String(params['additionalProperty']));
    const found = nodeAtPath(doc, segments);
    if (found.depth === segments.length && found.key) {
      return nodeRange(parsed.lineCounter, found.key) ?? DOCUMENT_START;
    }
  }
  const found = nodeAtPath(doc, segments);
  if (error.keyword === 'required' || found.node === null || found.node === undefined) {
    // A missing field is reported where its mapping starts; at the top level that is line 1.
    if (segments.length === 0) {
      return firstLineRange(parsed.lineCounter, parsed.text, doc.contents) ?? DOCUMENT_START;
    }
    return (found.key ? nodeRange(parsed.lineCounter, found.key) : firstLineRange(parsed.lineCounter, parsed.text, found.node)) ?? DOCUMENT_START;
  }
  if ('items' in found.node) {
    return (found.key ? nodeRange(parsed.lineCounter, found.key) : firstLineRange(parsed.lineCounter, parsed.text, found.node)) ?? DOCUMENT_START;
  }
  return nodeRange(parsed.lineCounter, found.node) ?? DOCUMENT_START;
}
