/**
 * The only codes the FHIR export writes. Each is a LOINC or SNOMED CT code published for this use
 * (the note sections, pain score and laterality) or a FHIR R4 core code system value; a code we cannot verify is left
 * out (the concept then travels as `text` only), never guessed.
 */

/** Code system URIs as FHIR R4 names them. */
export const FhirSystem = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  /** ASTM E1762-95 signature types, the system R4's Signature.type binds to. */
  signatureType: 'urn:iso-astm:E1762-95:2013',
  /** RFC 3986 URIs as identifiers: the Bundle's document identifier is its own urn:uuid. */
  rfc3986: 'urn:ietf:rfc:3986',
  /** Our own pseudonymous client ids (`client: C-0142`); never a name. */
  client: 'urn:soapnote:client',
  /** Our own stable rule ids (`contraindication.local`), so a receiver can key on them as CI does. */
  rule: 'urn:soapnote:rule',
} as const;

/** A FHIR Coding. */
export interface Coding {
  system: string;
  code: string;
  display: string;
}

/** LOINC 11506-3: the document type of a progress note. */
export const PROGRESS_NOTE: Coding = { system: FhirSystem.loinc, code: '11506-3', display: 'Progress note' };

/** LOINC section codes for the four SOAP sections. */
export const SectionCode = {
  subjective: { system: FhirSystem.loinc, code: '61150-9', display: 'Subjective' },
  objective: { system: FhirSystem.loinc, code: '61149-1', display: 'Objective' },
  assessment: { system: FhirSystem.loinc, code: '51848-0', display: 'Assessment' },
  plan: { system: FhirSystem.loinc, code: '18776-5', display: 'Plan' },
} as const satisfies Record<string, Coding>;

/** LOINC 72514-3: NPRS pain score, integer 0-10, as reported by the client. */
export const PAIN_NPRS: Coding = { system: FhirSystem.loinc, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' };

/** observation-category `survey`: a score the client reports, which is what NPRS is (not a vital sign). */
export const SURVEY_CATEGORY: Coding = { system: FhirSystem.observationCategory, code: 'survey', display: 'Survey' };

/** v3-ActCode AMB: an ambulatory (outpatient) visit. */
export const AMBULATORY: Coding = { system: FhirSystem.actCode, code: 'AMB', display: 'ambulatory' };

/** SNOMED CT laterality qualifiers, as the domain spec gives them. */
export const Laterality = {
  left: { system: FhirSystem.snomed, code: '7771000', display: 'Left' },
  right: { system: FhirSystem.snomed, code: '24028007', display: 'Right' },
  bilateral: { system: FhirSystem.snomed, code: '51440002', display: 'Right and left' },
} as const satisfies Record<'left' | 'right' | 'bilateral', Coding>;

/** condition-clinical codes; soapnote's `controlled` is still a condition in force, so it maps to `active`. */
export const ClinicalStatus = {
  active: { system: FhirSystem.conditionClinical, code: 'active', display: 'Active' },
  resolved: { system: FhirSystem.conditionClinical, code: 'resolved', display: 'Resolved' },
} as const satisfies Record<string, Coding>;

/** ASTM E1762-95 "Author's Signature", the signature type for the signing therapist. */
export const AUTHOR_SIGNATURE: Coding = { system: FhirSystem.signatureType, code: '1.2.840.10065.1.12.1.1', display: "Author's Signature" };
