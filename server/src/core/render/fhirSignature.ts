/** The signature of a signed note in FHIR: Composition.attester (legal) and a Provenance carrying the Signature. */
import type { Analysis } from '../engine';
import { RuleId } from '../ruleIds';
import { AUTHOR_SIGNATURE } from './fhirCodes';
import { base64Utf8, fhirInstant, textOf } from './fhirIds';
import { signatureHolds } from './reportModel';
import type { FhirReference, FhirResource } from './fhirResources';

/** A note's signature as the export uses it. */
export interface NoteSignature {
  by: string;
  /** FHIR instant. */
  at: string;
  sha256: string;
}

/**
 * The note's signature when it is complete and still holds. A note whose content no longer matches
 * `signed.sha256` (`signature.mismatch`) is exported as unsigned: a receiver must not see a final,
 * legally attested document whose text is not what was signed.
 */
export function validSignature(analysis: Analysis): NoteSignature | undefined {
  const signed = analysis.note.signed;
  const at = fhirInstant(signed?.at?.value);
  const by = textOf(signed?.by?.value);
  const sha256 = textOf(signed?.sha256?.value);
  if (!at || !by || !sha256 || !signatureHolds(analysis) || analysis.findings.some((f) => f.ruleId === RuleId.signatureMismatch)) {
    return undefined;
  }
  return { by, at, sha256 };
}

/** Composition.attester for the signer: `legal` attestation at the signing time. */
export function attester(signature: NoteSignature): Record<string, unknown> {
  return { mode: 'legal', time: signature.at, party: { display: signature.by } };
}

/** Provenance of the Composition: who signed, when, and the note's content hash as the signature data (base64 of the hex text). */
export function provenanceResource(signature: NoteSignature, composition: FhirReference): FhirResource {
  const who = { display: signature.by };
  return {
    resourceType: 'Provenance',
    target: [composition],
    recorded: signature.at,
    agent: [{ who }],
    signature: [{ type: [AUTHOR_SIGNATURE], when: signature.at, who, data: base64Utf8(signature.sha256) }],
  };
}
