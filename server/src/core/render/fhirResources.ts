/**
 * Builders for the clinical resources of the FHIR export, one function per resource kind. Each takes
 * what it is about plus a {@link FhirContext} and returns a plain JSON resource without `id` (the
 * Bundle assembler in `fhir.ts` gives ids, so every id comes from one place).
 */
import type { ConditionEntry } from '../model';
import { normaliseSide } from '../model';
import type { ActiveCondition, ResolvedTreatment } from '../rules/context';
import type { Finding, Side } from '../types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { AMBULATORY, ClinicalStatus, FhirSystem, Laterality, PAIN_NPRS, SURVEY_CATEGORY } from './fhirCodes';
import { fhirDate, textOf } from './fhirIds';

/** A FHIR Reference: to an entry of the Bundle (`urn:uuid:`), or logical (identifier / display only). */
export interface FhirReference {
  reference?: string;
  identifier?: { system: string; value: string };
  display?: string;
}

/** A JSON FHIR resource. */
export type FhirResource = { resourceType: string } & Record<string, unknown>;

/** What every clinical resource of one note shares. */
export interface FhirContext {
  /** The client, by pseudonymous identifier only: no Patient resource, no names. */
  subject: FhirReference;
  encounter: FhirReference;
  /** The session date (YYYY-MM-DD), when the note gives a valid one. */
  date?: string;
  therapist?: string;
}

/**
 * A body site with its laterality. R4 has no laterality element on Procedure or Condition (only
 * BodyStructure.locationQualifier, reached through an extension, which is more machinery than one
 * side warrants), so the site is one CodeableConcept: `text` says the whole site as the therapist
 * means it ("left gastrocnemius"), and the only coding is the SNOMED CT laterality qualifier the
 * domain spec cites. A coding may be less specific than `text`; a coding for the muscle itself
 * would be a SNOMED code we cannot verify here, so it is left out rather than guessed.
 * ```ts
 * bodySite('gastrocnemius', 'left') // [{ text: 'left gastrocnemius', coding: [{ system: 'http://snomed.info/sct', code: '7771000', display: 'Left' }] }]
 * ```
 */
export function bodySite(site: string | undefined, side: Side | undefined): Record<string, unknown>[] | undefined {
  if (!site && !side) {
    return undefined;
  }
  const text = site ? (side ? `${side} ${site}` : site) : `${side} side`;
  return [side ? { text, coding: [Laterality[side]] } : { text }];
}

/** Encounter for the visit: finished, ambulatory, the session date as period, the duration in UCUM minutes. */
export function encounterResource(duration: number | undefined, ctx: FhirContext): FhirResource {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: AMBULATORY,
    subject: ctx.subject,
    ...(ctx.therapist ? { participant: [{ individual: { display: ctx.therapist } }] } : {}),
    ...(ctx.date ? { period: { start: ctx.date, end: ctx.date } } : {}),
    ...(duration !== undefined && Number.isFinite(duration) && duration > 0
      ? { length: { value: duration, unit: 'min', system: FhirSystem.ucum, code: 'min' } }
      : {}),
  };
}

/** Procedure for one treatment entry: technique as text, target and side as body site, pressure and minutes as a note. */
export function procedureResource(treatment: ResolvedTreatment, vocabulary: Vocabulary, ctx: FhirContext): FhirResource {
  const entry = treatment.entry;
  const technique = treatment.technique?.name ?? textOf(entry.technique?.value);
  const target = treatment.place?.term.name ?? textOf(entry.target?.value);
  const details: string[] = [];
  if (entry.pressure !== undefined) {
    const level = vocabulary.pressureLevel(entry.pressure.value);
    const written = String(entry.pressure.value);
    details.push(level === undefined ? `Pressure: ${written}.` : typeof entry.pressure.value === 'number' || /^\d$/.test(written.trim()) ? `Pressure: Walton level ${level} (${vocabulary.pressureWord(level)}).` : `Pressure: ${written} (Walton level ${level}).`);
  }
  if (entry.minutes !== undefined && Number.isFinite(entry.minutes.value)) {
    details.push(`${entry.minutes.value} minute${entry.minutes.value === 1 ? '' : 's'}.`);
  }
  const site = bodySite(target, treatment.side);
  return {
    resourceType: 'Procedure',
    status: 'completed',
    ...(technique ? { code: { text: technique } } : {}),
    subject: ctx.subject,
    encounter: ctx.encounter,
    ...(ctx.date ? { performedDateTime: ctx.date } : {}),
    ...(ctx.therapist ? { performer: [{ actor: { display: ctx.therapist } }] } : {}),
    ...(site ? { bodySite: site } : {}),
    ...(details.length > 0 ? { note: [{ text: details.join(' ') }] } : {}),
  };
}

/** Condition for one `health.conditions` entry; `controlled` is still in force, so it is `active` (and said so in a note). */
export function conditionResource(entry: ConditionEntry, sinceText: string | undefined, vocabulary: Vocabulary, ctx: FhirContext): FhirResource {
  const written = textOf(entry.condition?.value);
  const name = (written ? vocabulary.resolve('condition', written)?.name : undefined) ?? written;
  const writtenRegion = textOf(entry.region?.value);
  const region = writtenRegion ? (vocabulary.resolvePlace(writtenRegion)?.term.name ?? writtenRegion) : undefined;
  const site = bodySite(region, normaliseSide(textOf(entry.side?.value)));
  const since = fhirDate(sinceText);
  const notes: string[] = [];
  if (entry.status === 'controlled') {
    notes.push('Recorded as controlled: still in force, managed.');
  }
  if (entry.clearance) {
    notes.push('Written medical clearance on file.');
  }
  const note = textOf(entry.note?.value);
  if (note) {
    notes.push(note);
  }
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [entry.status === 'resolved' ? ClinicalStatus.resolved : ClinicalStatus.active] },
    ...(name ? { code: { text: name } } : {}),
    ...(site ? { bodySite: site } : {}),
    subject: ctx.subject,
    ...(since ? { onsetDateTime: since } : {}),
    ...(ctx.date ? { recordedDate: ctx.date } : {}),
    ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
  };
}

/** Observation of NPRS pain (LOINC 72514-3) before or after treatment; undefined unless the value is an integer 0-10. */
export function painObservation(value: number | undefined, when: 'before' | 'after', ctx: FhirContext): FhirResource | undefined {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > 10) {
    return undefined;
  }
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [SURVEY_CATEGORY] }],
    code: { coding: [PAIN_NPRS], text: `Pain ${when} treatment (NPRS 0-10)` },
    subject: ctx.subject,
    encounter: ctx.encounter,
    ...(ctx.date ? { effectiveDateTime: ctx.date } : {}),
    valueInteger: value,
  };
}

/** True when a condition in force carries any rule at its status: then it is a standing alert. */
export function isStandingAlert(active: ActiveCondition): boolean {
  return active.rules.some((rule) => (rule.status ?? ['active', 'controlled']).includes(active.status));
}

/** Flag for a standing alert: a condition (or a medication's implied condition) whose rules are in force. */
export function flagResource(active: ActiveCondition, sinceText: string | undefined, ctx: FhirContext): FhirResource {
  const since = fhirDate(sinceText);
  const text = active.medication ? `${active.condition.name}: ${active.label}` : `${active.condition.name}${active.status === 'controlled' ? ' (controlled)' : ''}`;
  return {
    resourceType: 'Flag',
    status: 'active',
    code: { text },
    subject: ctx.subject,
    ...(since ? { period: { start: since } } : {}),
  };
}

/** DetectedIssue severities by finding severity. */
const ISSUE_SEVERITY: Record<Finding['severity'], 'high' | 'moderate' | 'low'> = { error: 'high', warning: 'moderate', information: 'low', hint: 'low' };

/** True for the findings that become DetectedIssues: contraindication and endangerment-site rules. */
export function isContraindicationFinding(finding: Finding): boolean {
  return finding.ruleId.startsWith('contraindication.') || finding.ruleId.startsWith('endangerment-site.');
}

/** DetectedIssue for a contraindication finding, implicating the Procedure (and Condition) it is about. */
export function detectedIssueResource(finding: Finding, implicated: FhirReference[], ctx: FhirContext): FhirResource {
  return {
    resourceType: 'DetectedIssue',
    status: 'final',
    // Our own stable rule id, the key CI and config use; no external code is claimed.
    code: { coding: [{ system: FhirSystem.rule, code: finding.ruleId }], text: finding.ruleId },
    severity: ISSUE_SEVERITY[finding.severity],
    patient: ctx.subject,
    ...(ctx.date ? { identifiedDateTime: ctx.date } : {}),
    ...(implicated.length > 0 ? { implicated } : {}),
    detail: finding.message,
  };
}
