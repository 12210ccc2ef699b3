import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repoRoot';

/** A validator for FHIR R4 JSON against the official schema subset in test/fixtures/fhir (draft-06). */
export interface FhirSchema {
  /** Validates a whole Bundle; returns readable errors (empty when valid). */
  bundle(value: unknown): string[];
  /** Validates one resource against its own definition, for errors that name the resource. */
  resource(value: { resourceType: string }): string[];
}

let cached: FhirSchema | undefined;

/** Compiles the schema once per run (it is large). */
export function fhirSchema(): FhirSchema {
  if (cached) {
    return cached;
  }
  const { id, ...schema } = JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'fhir', 'fhir-r4-subset.schema.json'), 'utf8')) as { id: string };
  const draft06 = JSON.parse(readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-06.json'), 'utf8')) as object;
  // strict: false for the official schema's OpenAPI `discriminator` keyword. Its root `id` is the
  // draft-04 spelling, which Ajv 8 refuses, so the fixture's id is passed as `$id` (the file stays verbatim).
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ $id: id, ...schema });
  const validators = new Map<string, ValidateFunction>();
  const get = (ref: string): ValidateFunction => {
    let validate = validators.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (!validate) {
        throw new Error(`no schema ${ref}`);
      }
      validators.set(ref, validate);
    }
    return validate;
  };
  const run = (ref: string, value: unknown): string[] => {
    const validate = get(ref);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };
  cached = {
    bundle: (value) => run(`${id}#/definitions/Bundle`, value),
    resource: (value) => run(`${id}#/definitions/${value.resourceType}`, value),
  };
  return cached;
}
