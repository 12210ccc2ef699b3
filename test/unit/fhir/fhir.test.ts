import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import { canonicalContent } from '../../../server/src/core/integrity';
import { renderFhir } from '../../../server/src/core/render/fhir';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { repoRoot } from '../repoRoot';
import { fhirSchema } from './fhirSchema';

interface Resource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  identifier?: { system?: string; value?: string };
  timestamp?: string;
  entry: { fullUrl: string; resource: Resource }[];
}

const host = { ...nodeHost(), today: () => '2026-11-21' };
const engine = createEngine({ packs: builtinPackSources(), host });

/** Analyses and renders a note text the way the CLI does. */
function render(text: string, idSeed = 'note.soap.yaml'): Bundle {
  return renderFhir(engine.analyze(text), engine.vocabulary, { idSeed, sha256: host.sha256 }) as Bundle;
}

function resources(bundle: Bundle, type: string): Resource[] {
  return bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
}

/** Every value under `key` anywhere in a JSON value. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => valuesOf(v, key));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (k === key ? [v, ...valuesOf(v, key)] : valuesOf(v, key)));
  }
  return [];
}

function exampleNotes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? exampleNotes(join(dir, d.name)) : /\.soap\.ya?ml$/.test(d.name) ? [join(dir, d.name)] : []))
    .sort();
}

const CONTRAINDICATION = /^(contraindication|endangerment-site)\./;
const SUBJECT = { identifier: { system: 'urn:soapnote:client', value: 'C-0142' } };

describe('FHIR export: every example note', function () {
  this.timeout(60000);
  const root = repoRoot();
  const files = exampleNotes(join(root, 'examples'));

  it('finds the examples', () => {
    assert.ok(files.length >= 10, `only ${files.length} example notes`);
  });

  for (const file of files) {
    const name = relative(root, file);
    describe(name, () => {
      const text = readFileSync(file, 'utf8');
      const analysis = engine.analyze(text);
      const bundle = renderFhir(analysis, engine.vocabulary, { idSeed: name, sha256: host.sha256 }) as Bundle;

      it('passes the FHIR R4 JSON Schema, resource by resource', () => {
        assert.deepEqual(fhirSchema().bundle(bundle), []);
        for (const { resource } of bundle.entry) {
          assert.deepEqual(fhirSchema().resource(resource), [], `${resource.resourceType} ${resource.id}`);
        }
      });

      it('keeps the document rules the schema cannot express', () => {
        assert.equal(bundle.type, 'document');
        assert.equal(bundle.entry[0]?.resource.resourceType, 'Composition', 'bdl-11: the Composition comes first');
        assert.ok(bundle.identifier?.system && bundle.identifier.value, 'bdl-9: a document has an identifier');
        assert.ok(bundle.timestamp, 'bdl-10: a document has a timestamp');
        const urls = bundle.entry.map((e) => e.fullUrl);
        assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
        for (const { fullUrl, resource } of bundle.entry) {
          assert.match(fullUrl, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          assert.equal(fullUrl, `urn:uuid:${resource.id}`);
        }
        for (const reference of valuesOf(bundle, 'reference')) {
          assert.ok(urls.includes(reference as string), `reference ${String(reference)} resolves inside the Bundle`);
        }
        const composition = bundle.entry[0]?.resource as Resource & { section: { text?: unknown; entry?: unknown[] }[] };
        for (const key of ['status', 'type', 'date', 'author', 'title']) {
          assert.ok(composition[key] !== undefined, `Composition.${key} is required`);
        }
        for (const section of composition.section) {
          assert.ok(section.text !== undefined || (section.entry ?? []).length > 0, 'cmp-1: a section has text or entries');
        }
        // Elements the spec makes 1..1 but the JSON Schema leaves optional (a primitive may be split into `_status`).
        const required: Record<string, string[]> = { Encounter: ['status'], Procedure: ['status'], Observation: ['status'], Flag: ['status'], DetectedIssue: ['status'], Provenance: ['recorded'] };
        for (const { resource } of bundle.entry) {
          for (const key of required[resource.resourceType] ?? []) {
            assert.ok(resource[key] !== undefined, `${resource.resourceType}.${key} is required`);
          }
        }
      });

      it('has one Procedure per treatment entry and one DetectedIssue per contraindication finding', () => {
        assert.equal(resources(bundle, 'Procedure').length, analysis.note.treatment.length);
        assert.equal(resources(bundle, 'DetectedIssue').length, analysis.findings.filter((f) => CONTRAINDICATION.test(f.ruleId)).length);
        assert.equal(resources(bundle, 'Condition').length, analysis.note.conditions.length);
      });

      it('implicates the Procedure of the entry a finding is on, and only Procedures and Conditions', () => {
        const typeOf = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
        const findings = analysis.findings.filter((f) => CONTRAINDICATION.test(f.ruleId));
        resources(bundle, 'DetectedIssue').forEach((issue, i) => {
          const types = ((issue.implicated ?? []) as { reference: string }[]).map((r) => typeOf.get(r.reference));
          assert.ok(types.every((t) => t === 'Procedure' || t === 'Condition'), types.join());
          assert.equal(types.includes('Procedure'), findings[i]?.subject?.list === 'treatment');
          assert.equal(issue.detail, findings[i]?.message);
        });
      });

      it('names the client only by pseudonymous id', () => {
        assert.equal(resources(bundle, 'Patient').length, 0);
        assert.deepEqual(valuesOf(bundle, 'name'), []);
        for (const subject of [...valuesOf(bundle, 'subject'), ...valuesOf(bundle, 'patient')]) {
          assert.deepEqual(subject, { identifier: { system: 'urn:soapnote:client', value: analysis.note.client?.value } });
        }
      });

      it('has pain Observations exactly when the note gives pain values', () => {
        const pains = resources(bundle, 'Observation').map((o) => o.valueInteger);
        const expected = [analysis.note.painBefore?.value, analysis.note.painAfter?.value].filter((v) => v !== undefined);
        assert.deepEqual(pains, expected);
      });

      it('is deterministic', () => {
        const again = renderFhir(engine.analyze(text), engine.vocabulary, { idSeed: name, sha256: host.sha256 });
        assert.equal(JSON.stringify(again), JSON.stringify(bundle));
      });
    });
  }
});

const NOTE = `soapnote: 1
client: C-0142
date: 2026-11-20
therapist: J. Lee, RMT
visit: 4
duration: 60
health:
  conditions:
    - condition: deep vein thrombosis
      region: calf
      side: left
    - condition: varicose veins
      region: lower leg
      side: right
      status: resolved
  medications: [warfarin]
subjective:
  complaint: Calves tight <after> running & "hills"
  pain: 6
treatment:
  - technique: effleurage
    target: gastrocnemius
    side: L
    pressure: light
    minutes: 5
  - {technique: petrissage, target: hamstrings, side: right, pressure: 5}
  - {technique: effleurage, target: erector spinae, side: bilat}
  - {technique: effleurage, target: trapezius}
assessment:
  pain_after: 3
`;

describe('FHIR export: content', () => {
  const bundle = render(NOTE);
  const procedures = resources(bundle, 'Procedure');

  it('codes laterality with the SNOMED CT qualifiers and keeps the site as text', () => {
    const table = [
      { site: 'left gastrocnemius', code: '7771000' },
      { site: 'right hamstrings', code: '24028007' },
      { site: 'bilateral erector spinae', code: '51440002' },
      { site: 'trapezius', code: undefined },
    ];
    assert.equal(procedures.length, table.length);
    table.forEach((row, i) => {
      const [site, ...more] = procedures[i]?.bodySite as { text: string; coding?: { system: string; code: string }[] }[];
      assert.equal(more.length, 0, 'one body site per entry');
      assert.equal(site?.text, row.site);
      assert.deepEqual(site?.coding?.map((c) => [c.system, c.code]), row.code ? [['http://snomed.info/sct', row.code]] : undefined);
    });
  });

  it('puts technique, pressure and minutes on the Procedure, without guessed codes', () => {
    assert.deepEqual(procedures[0]?.code, { text: 'effleurage' });
    assert.deepEqual(procedures[0]?.note, [{ text: 'Pressure: light (Walton level 2). 5 minutes.' }]);
    assert.deepEqual(procedures[1]?.note, [{ text: 'Pressure: Walton level 5 (deep).' }]);
    assert.equal(procedures[0]?.status, 'completed');
  });

  it('implicates the Procedure and the Condition, or only the Procedure for a medication', () => {
    const urlOf = (r: Resource | undefined): string => `urn:uuid:${r?.id}`;
    const [dvt] = resources(bundle, 'Condition');
    const issues = resources(bundle, 'DetectedIssue') as (Resource & { implicated?: { reference: string }[]; code: { text: string } })[];
    const onFirst = issues.filter((i) => i.implicated?.some((r) => r.reference === urlOf(procedures[0])));
    assert.ok(onFirst.some((i) => i.code.text === 'contraindication.absolute' && i.implicated?.some((r) => r.reference === urlOf(dvt))));
    // Deep petrissage is over the pressure cap that warfarin implies; DVT is recorded as a condition.
    const fromWarfarin = issues.filter((i) => i.code.text === 'contraindication.pressure');
    assert.equal(fromWarfarin.length, 1, 'warfarin implies the anticoagulant rules');
    assert.deepEqual(fromWarfarin[0]?.implicated, [{ reference: urlOf(procedures[1]) }], 'a medication has no Condition to implicate');
    assert.ok(issues.every((i) => ['high', 'moderate', 'low'].includes(String(i.severity))));
  });

  it('maps condition status, and flags only the conditions in force', () => {
    const status = resources(bundle, 'Condition').map((c) => (c.clinicalStatus as { coding: { code: string }[] }).coding[0]?.code);
    assert.deepEqual(status, ['active', 'resolved']);
    const flags = resources(bundle, 'Flag').map((f) => (f.code as { text: string }).text);
    assert.equal(flags.length, 2, flags.join(' | '));
    assert.ok(flags.some((t) => t.includes('warfarin')));
  });

  it('records pain before and after as NPRS Observations (LOINC 72514-3)', () => {
    const observations = resources(bundle, 'Observation');
    assert.deepEqual(observations.map((o) => o.valueInteger), [6, 3]);
    for (const o of observations) {
      assert.deepEqual((o.code as { coding: { code: string }[] }).coding.map((c) => c.code), ['72514-3']);
      assert.equal(o.effectiveDateTime, '2026-11-20');
    }
  });

  it('escapes the narrative and codes the SOAP sections with LOINC', () => {
    const composition = bundle.entry[0]?.resource as Resource & { section: { title: string; code?: { coding: { code: string }[] }; text: { div: string } }[] };
    assert.deepEqual(composition.section.map((s) => [s.title, s.code?.coding[0]?.code]), [
      ['Subjective', '61150-9'],
      ['Objective', '61149-1'],
      ['Treatment', undefined],
      ['Assessment', '51848-0'],
      ['Plan', '18776-5'],
    ]);
    assert.ok(composition.section[0]?.text.div.includes('Calves tight &lt;after&gt; running &amp; &quot;hills&quot;'));
    assert.match(composition.section[0]?.text.div ?? '', /^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.*<\/div>$/);
    assert.equal(composition.status, 'preliminary');
    assert.deepEqual(composition.subject, SUBJECT);
    assert.deepEqual(composition.type, { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }], text: 'Progress note' });
    assert.deepEqual(resources(bundle, 'Provenance'), []);
  });

  it('gives the Encounter the date and the duration in UCUM minutes', () => {
    const [encounter] = resources(bundle, 'Encounter');
    assert.deepEqual(encounter?.class, { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' });
    assert.deepEqual(encounter?.period, { start: '2026-11-20', end: '2026-11-20' });
    assert.deepEqual(encounter?.length, { value: 60, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' });
    assert.equal(encounter?.status, 'finished');
  });

  it('changes every id with the seed, and none without', () => {
    const other = render(NOTE, 'other.soap.yaml');
    assert.notEqual(other.entry[0]?.fullUrl, bundle.entry[0]?.fullUrl);
    assert.equal(JSON.stringify(render(NOTE)), JSON.stringify(bundle));
  });

  it('is checked by a schema that does reject a wrong Bundle', () => {
    const wrong = JSON.parse(JSON.stringify(bundle)) as Bundle;
    const composition = wrong.entry[0]?.resource as Resource;
    composition.status = 'signed';
    composition.patientName = 'Jane Doe';
    assert.ok(fhirSchema().bundle(wrong).length > 0);
    assert.ok(fhirSchema().resource(composition).length >= 2);
  });

  it('renders a broken or empty note without throwing, and still validly', () => {
    for (const text of ['', 'soapnote: 1\n', '- a list\n', 'soapnote: 1\nclient: C-1\ndate: someday\nduration: long\ntreatment: [{minutes: many}, {}]\nsubjective: {pain: 11}\n']) {
      const broken = render(text);
      assert.deepEqual(fhirSchema().bundle(broken), [], JSON.stringify(text));
    }
  });
});

describe('FHIR export: signature', () => {
  const unsigned = `soapnote: 1
client: C-0142
date: 2026-11-20
therapist: J. Lee, RMT
treatment:
  - {technique: effleurage, target: erector spinae, side: bilateral, pressure: light, minutes: 10}
`;

  /** Signs a note the way `soapnote sign` does: the hash of its canonical content. */
  function signed(text: string): { text: string; sha256: string } {
    const sha256 = host.sha256(canonicalContent(engine.analyze(text).note.data));
    return { text: `${text}signed:\n  by: J. Lee, RMT\n  at: 2026-11-20T18:05:00Z\n  sha256: ${sha256}\n`, sha256 };
  }

  it('a signed note is final, attested, and carries a Provenance with the signature', () => {
    const note = signed(unsigned);
    assert.deepEqual(engine.analyze(note.text).findings.filter((f) => f.ruleId === 'signature.mismatch'), []);
    const bundle = render(note.text);
    assert.deepEqual(fhirSchema().bundle(bundle), []);
    const composition = bundle.entry[0]?.resource;
    assert.equal(composition?.status, 'final');
    assert.deepEqual(composition?.attester, [{ mode: 'legal', time: '2026-11-20T18:05:00Z', party: { display: 'J. Lee, RMT' } }]);
    const [provenance] = resources(bundle, 'Provenance') as (Resource & { signature: { data: string; when: string }[]; target: { reference: string }[] })[];
    assert.deepEqual(provenance?.target, [{ reference: bundle.entry[0]?.fullUrl }]);
    assert.equal(provenance?.signature[0]?.data, Buffer.from(note.sha256, 'utf8').toString('base64'));
    assert.equal(bundle.timestamp, '2026-11-20T18:05:00Z');
  });

  it('a note edited after signing is exported as preliminary, without attestation', () => {
    const bundle = render(`${unsigned}signed:\n  by: J. Lee, RMT\n  at: 2026-11-20T18:05:00Z\n  sha256: ${'a'.repeat(64)}\n`);
    assert.equal(bundle.entry[0]?.resource.status, 'preliminary');
    assert.equal(bundle.entry[0]?.resource.attester, undefined);
    assert.deepEqual(resources(bundle, 'Provenance'), []);
  });
});
