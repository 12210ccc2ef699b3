import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { soapnote, tempDir } from './run';

const DVT_NOTE = `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
health:
  conditions:
    - {condition: deep vein thrombosis, side: left}
treatment:
  - {technique: effleurage, target: calf, side: left, pressure: light}
`;

const REPLACING_PACK = `soapnote_pack: 1
id: clinic
name: Clinic
conditions:
  - id: deep-vein-thrombosis
    name: deep vein thrombosis
    category: contraindication
    description: Our own wording.
    rules: []
`;

/** A workspace whose config turns a rule off and whose pack empties the built-in DVT. */
function weakenedWorkspace(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.soapnote', 'packs'), { recursive: true });
  writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'today: 2026-11-21\nrules:\n  record.future-date: "off"\npacks: [.soapnote/packs/clinic.yaml]\n');
  writeFileSync(join(dir, '.soapnote', 'packs', 'clinic.yaml'), REPLACING_PACK);
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'a.soap.yaml'), DVT_NOTE);
  return dir;
}

interface SarifNotification {
  level: string;
  descriptor: { id: string };
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

describe('soapnote check: weakened checks are announced in every format', () => {
  it('stylish: a header listing each change with its file and line, and a summary that says so', () => {
    const r = soapnote(['check', 'notes'], weakenedWorkspace());
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '⚠ Checks weakened by this workspace (2 changes):');
    assert.match(lines[1] ?? '', /^ {2}\.soapnote\/config\.yaml:3 {2}rule 'record\.future-date' is off \(default warning\)/);
    assert.match(lines[2] ?? '', /^ {2}\.soapnote\/packs\/clinic\.yaml:5 {2}the built-in condition 'deep-vein-thrombosis' is replaced by pack 'clinic': 0 rules instead of 2/);
    assert.match(r.stdout, /⚠ 1 note checked, no problems \(with 2 weakened checks, listed above\)/);
    assert.doesNotMatch(r.stdout, /✔/);
  });

  it('json: a top-level weakenings list of {kind, id, detail, file, line}', () => {
    const r = soapnote(['check', 'notes', '--format', 'json'], weakenedWorkspace());
    const out = JSON.parse(r.stdout) as { weakenings: Record<string, unknown>[] };
    assert.deepEqual(out.weakenings.map((w) => [w['kind'], w['id'], w['file'], w['line']]), [
      ['rule-off', 'record.future-date', '.soapnote/config.yaml', 3],
      ['condition-replaced', 'deep-vein-thrombosis', '.soapnote/packs/clinic.yaml', 5],
    ]);
    assert.equal(typeof out.weakenings[0]?.['detail'], 'string');
  });

  it('json: an empty list when nothing is weakened', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.soap.yaml'), DVT_NOTE);
    const out = JSON.parse(soapnote(['check', '--format', 'json'], dir).stdout) as { weakenings: unknown[] };
    assert.deepEqual(out.weakenings, []);
  });

  it('sarif: a toolConfigurationNotification per change, on the file that made it, and run properties', () => {
    const dir = weakenedWorkspace();
    const r = soapnote(['check', 'notes', '--format', 'sarif'], dir);
    const run = (JSON.parse(r.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolConfigurationNotifications: SarifNotification[] }[]; properties: { weakenings: unknown[] } }[] }).runs[0];
    const notes = run?.invocations[0]?.toolConfigurationNotifications ?? [];
    assert.equal(run?.invocations[0]?.executionSuccessful, true);
    assert.deepEqual(notes.map((n) => [n.level, n.descriptor.id, new URL(n.locations[0]?.physicalLocation.artifactLocation.uri ?? '').pathname.endsWith(n === notes[0] ? '/.soapnote/config.yaml' : '/.soapnote/packs/clinic.yaml'), n.locations[0]?.physicalLocation.region.startLine]), [
      ['warning', 'config.weakened', true, 3],
      ['warning', 'config.weakened', true, 5],
    ]);
    assert.match(notes[1]?.message.text ?? '', /deep-vein-thrombosis/);
    assert.equal(run?.properties.weakenings.length, 2);
  });

  it('github: a ::notice per change on the file and line', () => {
    const r = soapnote(['check', 'notes', '--format', 'github'], weakenedWorkspace());
    const notices = r.stdout.split('\n').filter((l) => l.startsWith('::notice'));
    assert.equal(notices.length, 2);
    assert.match(notices[0] ?? '', /^::notice file=\.soapnote\/config\.yaml,line=3,title=soapnote config\.weakened \(rule-off\)::Checks weakened: rule 'record\.future-date' is off/);
    assert.match(notices[1] ?? '', /^::notice file=\.soapnote\/packs\/clinic\.yaml,line=5,title=soapnote config\.weakened \(condition-replaced\)::/);
    assert.match(r.stdout, /2 weakened check\(s\)/);
  });

  it('render: a visible banner in the HTML and Markdown reports', () => {
    const dir = weakenedWorkspace();
    const html = soapnote(['render', 'notes/a.soap.yaml', '--format', 'html'], dir);
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /<section class="weakened" role="note" aria-label="Checks weakened">\n<h2>Checks weakened by this workspace \(2\)<\/h2>/);
    assert.match(html.stdout, /replaced by pack &#39;clinic&#39;: 0 rules instead of 2 <span class="rule muted">\.soapnote\/packs\/clinic\.yaml, line 5<\/span>/);
    const md = soapnote(['render', 'notes/a.soap.yaml', '--format', 'md'], dir);
    assert.match(md.stdout, /## Checks weakened by this workspace \(2\)\n\n> \*\*This report was checked with fewer or quieter safety checks/);
    assert.ok(md.stdout.indexOf('Checks weakened') < md.stdout.indexOf('## Health alerts'));
  });
});

describe('soapnote check: integrity rules cannot be lowered', () => {
  it('`signature.mismatch: off` still fails an edited signed note, says so on the config line, and FHIR stays preliminary', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.soapnote'));
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'today: 2026-11-21\nrules:\n  signature.mismatch: "off"\n');
    const note = join(dir, 'a.soap.yaml');
    writeFileSync(note, DVT_NOTE.replace(/health:[\s\S]*?treatment:/, 'treatment:'));
    assert.equal(soapnote(['sign', 'a.soap.yaml', '--by', 'J. Lee, RMT', '--at', '2026-11-02T18:00:00Z'], dir).code, 0);
    writeFileSync(note, readFileSync(note, 'utf8').replace('pressure: light', 'pressure: deep'));
    const r = soapnote(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stdout);
    const out = JSON.parse(r.stdout) as { weakenings: unknown[]; files: { path: string; findings: { ruleId: string; severity: string; line: number; message: string }[] }[] };
    assert.deepEqual(out.weakenings, []);
    const byPath = new Map(out.files.map((f) => [f.path, f.findings]));
    assert.deepEqual(byPath.get('.soapnote/config.yaml')?.map((f) => [f.ruleId, f.severity, f.line]), [['config.invalid', 'warning', 3]]);
    assert.match(byPath.get('.soapnote/config.yaml')?.[0]?.message ?? '', /'signature\.mismatch' is an integrity rule.*cannot be lowered/);
    assert.deepEqual(byPath.get('a.soap.yaml')?.map((f) => [f.ruleId, f.severity]), [['signature.mismatch', 'error']]);
    const fhir = JSON.parse(soapnote(['render', 'a.soap.yaml', '--format', 'fhir'], dir).stdout) as { entry: { resource: { resourceType: string; status?: string } }[] };
    assert.equal(fhir.entry.find((e) => e.resource.resourceType === 'Composition')?.resource.status, 'preliminary');
  });
});
