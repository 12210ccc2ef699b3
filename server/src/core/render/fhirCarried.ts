import type { CarriedCondition } from '../record/types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { ClinicalStatus } from './fhirCodes';
import { fhirDate } from './fhirIds';
import { bodySite, type FhirContext, type FhirResource } from './fhirResources';

/** Condition for one condition carried from an earlier note: in force at this visit, `recordedDate` the date of the note that recorded it. */
export function carriedConditionResource(c: CarriedCondition, vocabulary: Vocabulary, ctx: FhirContext): FhirResource {
  const name = vocabulary.resolve('condition', c.condition)?.name ?? c.condition;
  const region = c.region ? (vocabulary.resolvePlace(c.region)?.term.name ?? c.region) : undefined;
  const site = bodySite(region, c.side);
  const since = fhirDate(c.since);
  const recorded = fhirDate(c.from.date);
  const notes = [`Carried from the note of ${c.from.date}${c.from.visit !== undefined ? `, visit ${c.from.visit}` : ''}: not re-recorded at this visit.`];
  if (c.status === 'controlled') {
    notes.push('Recorded as controlled: still in force, managed.');
  }
  if (c.clearance) {
    notes.push('Written medical clearance on file.');
  }
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [ClinicalStatus.active] },
    code: { text: name },
    ...(site ? { bodySite: site } : {}),
    subject: ctx.subject,
    ...(since ? { onsetDateTime: since } : {}),
    ...(recorded ? { recordedDate: recorded } : {}),
    note: notes.map((text) => ({ text })),
  };
}
