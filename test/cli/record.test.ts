import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitCommitAll, soapnote, tempDir } from './run';

const HEAD = (date: string, visit: number, client = 'C-0142'): string => `soapnote: 1\nclient: ${client}\ndate: ${date}\ntherapist: J. Lee, RMT\nvisit: ${visit}\n`;
const INTAKE = `${HEAD('2026-09-08', 1)}health:\n  conditions:\n    - condition: deep vein thrombosis\n      region: calf\n      side: left\n      status: active\n`;
const CALF = 'treatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n';
const RESOLVED = `${HEAD('2026-09-15', 2)}health:\n  conditions:\n    - {condition: deep vein thrombosis, region: calf, side: left, status: resolved}\n`;

/** A temporary multi-visit folder (with `.soapnote/` so it is a workspace) holding `files`. */
function folder(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.soapnote'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

function sarifResults(stdout: string): SarifResult[] {
  return (JSON.parse(stdout) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
}

describe('soapnote check: the client record across visits', () => {
  it('a follow-up with calf work and no health section fails with the DVT carried from the intake note, related location in the intake note', () => {
    const dir = folder({ 'C-0142/intake.soap.yaml': INTAKE, 'C-0142/follow-up.soap.yaml': HEAD('2026-09-15', 2) + CALF });
    const run = soapnote(['check', 'C-0142/follow-up.soap.yaml', '--format', 'sarif'], dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const absolute = sarifResults(run.stdout).find((r) => r.ruleId === 'contraindication.absolute');
    assert.ok(absolute, run.stdout);
    assert.match(absolute.message.text, /recorded 2026-09-08, visit 1/);
    assert.match(absolute.locations[0]?.physicalLocation.artifactLocation.uri ?? '', /follow-up\.soap\.yaml$/);
    const related = absolute.relatedLocations?.[0]?.physicalLocation;
    assert.equal(related?.artifactLocation.uri, pathToFileURL(join(dir, 'C-0142/intake.soap.yaml')).toString());
    assert.equal(related?.region.startLine, 8);
    assert.ok(sarifResults(run.stdout).some((r) => r.ruleId === 'record.carried-history'));
  });

  it('stylish output names where the carried condition was recorded', () => {
    const dir = folder({ 'intake.soap.yaml': INTAKE, 'follow-up.soap.yaml': HEAD('2026-09-15', 2) + CALF });
    const run = soapnote(['check', 'follow-up.soap.yaml'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /follow-up\.soap\.yaml:\d+:\d+ +error +.*deep vein thrombosis \(active, recorded 2026-09-08, visit 1\)/);
    assert.match(run.stdout, /intake\.soap\.yaml:8:7  deep vein thrombosis is recorded here \(2026-09-08, visit 1\)/);
  });

  it('resolving the condition in a later note clears the notes after it', () => {
    const dir = folder({ '1.soap.yaml': INTAKE, '2.soap.yaml': RESOLVED, '3.soap.yaml': HEAD('2026-09-22', 3) + CALF });
    const run = soapnote(['check', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stdout);
    const third = (JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] }).files.find((f) => f.path === '3.soap.yaml');
    assert.deepEqual(third?.findings.map((f) => f.ruleId) ?? [], []);
  });

  it('a client id typed differently carries nothing and gets a hint naming the other id', () => {
    const dir = folder({ 'intake.soap.yaml': INTAKE, 'follow-up.soap.yaml': HEAD('2026-09-15', 2, 'C-142') + CALF });
    const run = soapnote(['check', 'follow-up.soap.yaml', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stdout);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; severity: string; message: string }[] }[] }).files[0]?.findings ?? [];
    const hint = findings.find((f) => f.ruleId === 'record.client-id-near-match');
    assert.equal(hint?.severity, 'hint');
    assert.match(hint?.message ?? '', /'C-0142'/);
  });

  it('carryForward: false in the config checks each note alone', () => {
    const dir = folder({ 'intake.soap.yaml': INTAKE, 'follow-up.soap.yaml': HEAD('2026-09-15', 2) + CALF });
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'carryForward: false\n');
    const run = soapnote(['check', 'follow-up.soap.yaml'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    // Never silent: the config line says what it turns off.
    assert.match(run.stdout, /\.soapnote\/config\.yaml:1:1 +info +carryForward: false: .*not carried.*record\.carry-forward-off/);
  });

  it('--changed: a changed intake note re-checks the client\'s later notes', () => {
    const dir = folder({ 'intake.soap.yaml': HEAD('2026-09-08', 1), 'follow-up.soap.yaml': HEAD('2026-09-15', 2) + CALF, 'other.soap.yaml': HEAD('2026-09-15', 1, 'C-0999') });
    gitCommitAll(dir);
    writeFileSync(join(dir, 'intake.soap.yaml'), INTAKE);
    const run = soapnote(['check', '--changed', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const files = (JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] }).files;
    assert.deepEqual(files.map((f) => f.path).sort(), ['follow-up.soap.yaml', 'intake.soap.yaml']);
    assert.ok(files.find((f) => f.path === 'follow-up.soap.yaml')?.findings.some((f) => f.ruleId === 'contraindication.absolute'));
  });

  it('the report shows carried items with their source date; the FHIR export has them as Conditions with their recorded date', () => {
    const dir = folder({ 'intake.soap.yaml': INTAKE, 'follow-up.soap.yaml': HEAD('2026-09-15', 2) + CALF });
    const html = soapnote(['render', 'follow-up.soap.yaml', '--format', 'html'], dir);
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /Carried from earlier notes/);
    assert.match(html.stdout, /<td data-label="Carried">deep vein thrombosis, left calf, active<\/td><td data-label="Recorded"><span class="date">2026-09-08<\/span>, visit 1<\/td>/);
    const md = soapnote(['render', 'follow-up.soap.yaml', '--format', 'md'], dir);
    assert.match(md.stdout, /\*\*Carried from 2026-09-08, visit 1:\*\* deep vein thrombosis, left calf, active/);
    const fhir = JSON.parse(soapnote(['render', 'follow-up.soap.yaml', '--format', 'fhir'], dir).stdout) as { entry: { resource: { resourceType: string; recordedDate?: string; code?: { text: string } } }[] };
    const conditions = fhir.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Condition');
    assert.deepEqual(conditions.map((c) => [c.code?.text, c.recordedDate]), [['deep vein thrombosis', '2026-09-08']]);
  });

  it('soapnote new writes the carried conditions and medications as comments under health:', () => {
    const dir = folder({ 'intake.soap.yaml': INTAKE.replace('    - condition:', '    - condition:').concat('  medications: [warfarin 5 mg daily]\n') });
    const run = soapnote(['new', '--template', 'follow-up', '--client', 'C-0142', '--date', '2026-09-15', '--visit', '2', '--therapist', 'J. Lee, RMT'], dir);
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(join(dir, 'C-0142-2026-09-15.soap.yaml'), 'utf8');
    assert.match(text, /^health:\n  # Health history carried[^\n]*\n  # carried from 2026-09-08, visit 1: deep vein thrombosis, left calf, active\n  # carried from 2026-09-08, visit 1: medication warfarin 5 mg daily\n  conditions: \[\]/m);
  });

  it('soapnote history: "1 visit", regions not muscles, no MCID legend for one visit, and the health timeline', () => {
    const one = folder({ 'follow-up.soap.yaml': INTAKE + CALF });
    const single = soapnote(['history', 'C-0142'], one);
    assert.equal(single.code, 0, single.stderr);
    assert.match(single.stdout, /^Progress for C-0142: 1 visit\n/);
    assert.doesNotMatch(single.stdout, /minimal clinically important difference/);
    assert.match(single.stdout, /effleurage +lower leg$/m);
    assert.doesNotMatch(single.stdout, /gastrocnemius/);
    const dir = folder({ '1.soap.yaml': INTAKE, '2.soap.yaml': RESOLVED, '3.soap.yaml': HEAD('2026-09-22', 3) + CALF });
    const timeline = soapnote(['history', 'C-0142'], dir);
    assert.match(timeline.stdout, /3 visits/);
    assert.match(timeline.stdout, /2026-09-08  1 +condition +recorded +deep vein thrombosis, left calf, active/);
    assert.match(timeline.stdout, /2026-09-15  2 +condition +resolved +deep vein thrombosis, left calf, resolved/);
  });
});
