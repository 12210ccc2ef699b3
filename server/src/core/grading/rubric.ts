import type { ValidateFunction } from 'ajv';
import rubricSchema from '../../../../schemas/rubric.schema.json';
import { validateRubric } from '../../generated/rubricValidator';
import { append } from '../append';
import { DEFAULT_LIMITS, parseYaml } from '../parse';
import { DOCUMENT_START } from '../ranges';
import { schemaChecker } from '../schemaValidation';
import type { Finding } from '../types';
import { firstLineRange, nodeAtPath } from '../yamlNodes';
import type { Document } from 'yaml';

/** What a criterion asks of a note; each is judged from the engine's analysis (see `criteria.ts`). */
export type CheckKind = 'sections-filled' | 'objective-findings' | 'treatment-justified' | 'pain-reassessed' | 'home-care' | 'no-unknown-terms' | 'no-conflicts' | 'signed';

/**
 * One criterion of a rubric (`schemas/rubric.schema.json`):
 * ```yaml
 * - {id: findings, check: objective-findings, min: 2, points: 2, message: Record at least two objective findings.}
 * ```
 */
export interface Criterion {
  id: string;
  check: CheckKind;
  points: number;
  message: string;
  /** For `sections-filled`: dotted paths that must be present and not empty. */
  sections?: string[];
  /** For `objective-findings`: the least number of entries. */
  min?: number;
}

/** A grading rubric, `.soapnote/rubric.yaml`. */
export interface Rubric {
  soapnote_rubric: 1;
  title?: string;
  criteria: Criterion[];
}

/** The rule id of findings about a rubric file (they make `soapnote grade` exit 2). */
export const RUBRIC_INVALID = 'rubric.invalid';

/** Reads a rubric's text: the rubric when valid, else the positioned findings that say why (a rubric with errors is never half-applied). */
export function parseRubric(text: string): { rubric?: Rubric; findings: Finding[] } {
  const parsed = parseYaml(text);
  const findings = parsed.findings.map((f) => ({ ...f, ruleId: RUBRIC_INVALID }));
  if (findings.length > 0 || !parsed.doc) {
    return { findings };
  }
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: DEFAULT_LIMITS.maxAliasCount });
  } catch {
    return { findings: [{ ruleId: RUBRIC_INVALID, severity: 'error', message: 'The rubric could not be read.', range: DOCUMENT_START }] };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { findings: [{ ruleId: RUBRIC_INVALID, severity: 'error', message: "A rubric is a mapping: 'soapnote_rubric: 1' and a list of criteria.", range: DOCUMENT_START }] };
  }
  const schemaFindings = schemaChecker(rubricSchema, validateRubric as ValidateFunction).check(parsed, data, RUBRIC_INVALID);
  append(findings, schemaFindings.map((f) => ({ ...f, message: f.message.replace('the note format knows', 'a rubric knows').replace('The note', 'The rubric') })));
  if (findings.length > 0) {
    return { findings };
  }
  const rubric = data as Rubric;
  const seen = new Set<string>();
  rubric.criteria.forEach((criterion, i) => {
    if (seen.has(criterion.id)) {
      const node = nodeAtPath(parsed.doc as Document, ['criteria', i]).node;
      const range = firstLineRange(parsed.lineCounter, text, node) ?? DOCUMENT_START;
      findings.push({ ruleId: RUBRIC_INVALID, severity: 'error', message: `The criterion id '${criterion.id}' is used twice; each criterion needs its own id.`, range });
    }
    seen.add(criterion.id);
  });
  return findings.length > 0 ? { findings } : { rubric, findings };
}
