/**
 * `soapnote render FILE --format fhir`: a note as an HL7 FHIR R4 document Bundle (JSON).
 *
 * Bundle type `document`, so the Composition comes first and every `reference` in the Bundle
 * resolves to an entry in it. The client travels only as a logical reference by pseudonymous
 * identifier (`urn:soapnote:client`), never as a Patient resource, and the therapist only as a
 * display name; neither has a `reference` to resolve, so the document stays self-contained.
 * Codes are only those cited in `fhirCodes.ts`; everything else is text.
 */
import type { Analysis } from '../engine';
import { subjectsOf } from '../subjects';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { FhirSystem, PROGRESS_NOTE, SectionCode, type Coding } from './fhirCodes';
import { fhirDate, textOf, uuidFor } from './fhirIds';
import { sectionNarrative } from './fhirNarrative';
import {
  conditionResource,
  detectedIssueResource,
  encounterResource,
  flagResource,
  isContraindicationFinding,
  isStandingAlert,
  painObservation,
  procedureResource,
  type FhirContext,
  type FhirReference,
  type FhirResource,
} from './fhirResources';
import { attester, provenanceResource, validSignature } from './fhirSignature';

/** How the host parameterises the export. */
export interface FhirOptions {
  /** stable id seed, e.g. the file path, so ids are deterministic */
  idSeed: string;
  /** sha256 function from the host (core has no node:crypto) */
  sha256: (text: string) => string;
}

interface Entry {
  fullUrl: string;
  resource: FhirResource;
}

/**
 * Renders an analysed note as a FHIR R4 document Bundle. Pure and deterministic: ids are UUIDs
 * derived from `options.idSeed`, and no clock is read, so the same note and seed give identical JSON.
 * ```ts
 * const bundle = renderFhir(engine.analyze(text), engine.vocabulary, { idSeed: 'notes/a.soap.yaml', sha256: nodeHost().sha256 });
 * ```
 */
export function renderFhir(analysis: Analysis, vocabulary: Vocabulary, options: FhirOptions): object {
  const note = analysis.note;
  const data = record(note.data);
  const entries: Entry[] = [];
  const add = (name: string, resource: FhirResource): FhirReference => {
    const id = uuidFor(options.sha256, options.idSeed, name);
    const fullUrl = `urn:uuid:${id}`;
    const { resourceType, ...rest } = resource;
    entries.push({ fullUrl, resource: { resourceType, id, ...rest } });
    return { reference: fullUrl };
  };
  const refFor = (name: string): FhirReference => ({ reference: `urn:uuid:${uuidFor(options.sha256, options.idSeed, name)}` });

  const client = textOf(note.client?.value);
  const therapist = textOf(note.therapist?.value);
  const date = fhirDate(note.date?.value);
  const signature = validSignature(analysis);
  const ctx: FhirContext = {
    subject: client ? { identifier: { system: FhirSystem.client, value: client } } : { display: 'client id not recorded' },
    encounter: refFor('encounter'),
    date,
    therapist,
  };

  const compositionRef = refFor('composition');
  // Placeholder first: a document Bundle must start with its Composition, built once the entries are known.
  entries.push({ fullUrl: compositionRef.reference ?? '', resource: { resourceType: 'Composition' } });
  add('encounter', encounterResource(note.duration?.value, ctx));

  const painBefore = painObservation(note.painBefore?.value, 'before', ctx);
  const painAfter = painObservation(note.painAfter?.value, 'after', ctx);
  const painBeforeRef = painBefore ? add('observation/pain-before', painBefore) : undefined;
  const painAfterRef = painAfter ? add('observation/pain-after', painAfter) : undefined;

  const conditionSince = (index: number): string | undefined => text(record(array(record(data.health).conditions)[index]).since);
  // Keyed by entry index, never by line: a flow list (`[{...}, {...}]`) puts several entries on one line.
  const conditionRefs = new Map<number, FhirReference>();
  for (const entry of note.conditions) {
    conditionRefs.set(entry.index, add(`condition/${entry.index}`, conditionResource(entry, conditionSince(entry.index), vocabulary, ctx)));
  }
  const flagRefs = analysis.conditions
    .filter(isStandingAlert)
    .map((active, i) => add(`flag/${i}`, flagResource(active, active.entry ? conditionSince(active.entry.index) : undefined, ctx)));

  const procedureRefs = new Map<number, FhirReference>();
  for (const treatment of analysis.treatments) {
    procedureRefs.set(treatment.entry.index, add(`procedure/${treatment.entry.index}`, procedureResource(treatment, vocabulary, ctx)));
  }

  const issueRefs = analysis.findings.filter(isContraindicationFinding).map((finding, i) => {
    // The finding's subject is the treatment entry (or, for per-condition rules such as precaution and
    // clearance, the condition); its related information names the condition of a conflict.
    // Medication-implied conditions have no Condition: nothing to add for them.
    const implicated: FhirReference[] = [];
    for (const subject of subjectsOf(finding)) {
      const ref = subject.list === 'treatment' ? procedureRefs.get(subject.index) : subject.list === 'conditions' ? conditionRefs.get(subject.index) : undefined;
      if (ref && !implicated.includes(ref)) {
        implicated.push(ref);
      }
    }
    return add(`detected-issue/${i}`, detectedIssueResource(finding, implicated, ctx));
  });

  const visit = textOf(note.visit?.value);
  const title = ['Progress note', visit !== undefined ? `visit ${visit}` : undefined, date].filter(Boolean).join(', ');
  const composition: FhirResource = {
    resourceType: 'Composition',
    id: uuidFor(options.sha256, options.idSeed, 'composition'),
    status: signature ? 'final' : 'preliminary',
    type: { coding: [PROGRESS_NOTE], text: PROGRESS_NOTE.display },
    subject: ctx.subject,
    encounter: ctx.encounter,
    ...(date ? { date } : signature ? { date: signature.at } : {}),
    author: [{ display: therapist ?? 'therapist not recorded' }],
    title,
    ...(signature ? { attester: [attester(signature)] } : {}),
    section: [
      section('Subjective', SectionCode.subjective, [data.subjective, data.health], [painBeforeRef, ...conditionRefs.values(), ...flagRefs]),
      section('Objective', SectionCode.objective, [data.objective], []),
      // Treatment has no section code we can cite, so it is titled only (section.code is optional).
      section('Treatment', undefined, [data.treatment], [...procedureRefs.values(), ...issueRefs]),
      section('Assessment', SectionCode.assessment, [data.assessment], [painAfterRef]),
      section('Plan', SectionCode.plan, [data.plan], []),
      ...(array(data.addenda).length > 0 ? [section('Addenda', undefined, [data.addenda], [])] : []),
    ],
  };
  entries[0] = { fullUrl: compositionRef.reference ?? '', resource: composition };

  if (signature) {
    add('provenance', provenanceResource(signature, compositionRef));
  }

  const bundleId = uuidFor(options.sha256, options.idSeed, 'bundle');
  // A document must carry a timestamp; reading the clock would break determinism, so it is the
  // moment the content was fixed: the signing time, else the start of the session date (UTC).
  const timestamp = signature?.at ?? (date ? `${date}T00:00:00Z` : undefined);
  return {
    resourceType: 'Bundle',
    id: bundleId,
    identifier: { system: FhirSystem.rfc3986, value: `urn:uuid:${bundleId}` },
    type: 'document',
    ...(timestamp ? { timestamp } : {}),
    entry: entries,
  };
}

/** One Composition section: title, LOINC code where one exists, narrative from the note's data, entry references. */
function section(title: string, code: Coding | undefined, parts: unknown[], refs: (FhirReference | undefined)[]): Record<string, unknown> {
  const entry = refs.filter((r): r is FhirReference => r !== undefined);
  return {
    title,
    ...(code ? { code: { coding: [code], text: title } } : {}),
    text: sectionNarrative(parts),
    ...(entry.length > 0 ? { entry } : {}),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
