import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { CLEAN_NOTE, ERROR_NOTE, tempDir, soapnote, WARNING_NOTE } from './run';

const CLEAN = CLEAN_NOTE;
const ERROR = ERROR_NOTE;
const WARNING_ONLY = WARNING_NOTE;

/** A temporary workspace holding the given notes. */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** No output of ours may ever show a Node stack trace. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /\n\s+at .+\(.+:\d+:\d+\)/);
}

describe('soapnote check', () => {
  it('passes the clean example client folder (exit 0)', () => {
    const r = soapnote(['check', 'examples/clean']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // Two clients; C-0388's later notes carry their intake's health history, and a client takes
    // ibuprofen (a precaution): information only, nothing louder.
    assert.match(r.stdout, /\(0 errors, 0 warnings, \d+ info\) in 8 notes/);
  });

  it('fails the conflict examples (exit 1) with file:line:col and rule ids', () => {
    const r = soapnote(['check', 'examples/conflicts']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /examples\/conflicts\/dvt-calf-effleurage\.soap\.yaml:\d+:\d+\s+error\s+.*contraindication\.absolute/);
    assert.match(r.stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ info\) in 10 notes/);
  });

  const exitCodes: { name: string; files: Record<string, string>; args: string[]; code: number }[] = [
    { name: 'clean note', files: { 'a.soap.yaml': CLEAN }, args: [], code: 0 },
    { name: 'warnings within the default limit', files: { 'a.soap.yaml': WARNING_ONLY }, args: [], code: 0 },
    { name: 'warnings over --max-warnings 0', files: { 'a.soap.yaml': WARNING_ONLY }, args: ['--max-warnings', '0'], code: 1 },
    { name: 'warnings within --max-warnings 1', files: { 'a.soap.yaml': WARNING_ONLY }, args: ['--max-warnings', '1'], code: 0 },
    { name: 'an error', files: { 'a.soap.yaml': ERROR }, args: [], code: 1 },
    { name: 'a bad --format', files: { 'a.soap.yaml': CLEAN }, args: ['--format', 'xml'], code: 2 },
    { name: 'a bad --max-warnings', files: { 'a.soap.yaml': CLEAN }, args: ['--max-warnings', 'many'], code: 2 },
    { name: 'an unknown option', files: { 'a.soap.yaml': CLEAN }, args: ['--frobnicate'], code: 2 },
    { name: 'a missing path', files: {}, args: ['nowhere'], code: 2 },
    { name: 'a glob matching nothing', files: {}, args: ['*.soap.yaml'], code: 2 },
    { name: 'a bad config', files: { 'a.soap.yaml': CLEAN, '.soapnote/config.yaml': 'rules:\n  no.such-rule: loud\n' }, args: [], code: 2 },
    { name: 'a config that silences the error', files: { 'a.soap.yaml': ERROR, '.soapnote/config.yaml': 'rules:\n  contraindication.absolute: "off"\n' }, args: [], code: 0 },
  ];
  for (const c of exitCodes) {
    it(`exit ${c.code}: ${c.name}`, () => {
      const r = soapnote(['check', ...c.args], workspace(c.files));
      assert.equal(r.code, c.code, r.stdout + r.stderr);
      assertNoStack(r.stderr);
    });
  }

  it('reports a bad config with its position in the config file', () => {
    const r = soapnote(['check'], workspace({ 'a.soap.yaml': CLEAN, '.soapnote/config.yaml': 'rules:\n  contraindication.absolute: loud\n' }));
    assert.equal(r.code, 2);
    assert.match(r.stdout, /\.soapnote\/config\.yaml:2:\d+\s+error/);
  });

  it('expands globs and skips node_modules', () => {
    const dir = workspace({ 'notes/a.soap.yaml': CLEAN, 'notes/b.soap.yml': CLEAN, 'node_modules/x/c.soap.yaml': ERROR });
    assert.match(soapnote(['check', 'notes/*.soap.y*ml'], dir).stdout, /2 notes checked/);
    assert.match(soapnote(['check'], dir).stdout, /2 notes checked/);
  });

  describe('formats', () => {
    const dir = workspace({ 'n.soap.yaml': ERROR });
    it('json: files with 1-based findings and a summary', () => {
      const r = soapnote(['check', '--format', 'json'], dir);
      const out = JSON.parse(r.stdout);
      const finding = out.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'contraindication.absolute');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.line, 9);
      assert.equal(finding.column, 5);
      assert.equal(finding.related[0].line, 7);
      assert.deepEqual(finding.subject, { list: 'treatment', index: 0 });
      assert.deepEqual(finding.related[0].subject, { list: 'conditions', index: 0 });
      assert.equal(out.summary.errors, 1);
    });
    it('sarif: 2.1.0, one run, ruleId/level/message/physicalLocation', () => {
      const log = JSON.parse(soapnote(['check', '--format', 'sarif'], dir).stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'contraindication.absolute');
      assert.equal(result.level, 'error');
      assert.ok(result.message.text.length > 0);
      const location = result.locations[0].physicalLocation;
      assert.match(location.artifactLocation.uri, /^file:\/\/.*n\.soap\.yaml$/);
      assert.deepEqual([location.region.startLine, location.region.startColumn], [9, 5]);
      assert.ok(location.region.endLine >= 9);
    });
    it('github: one workflow command per finding', () => {
      const r = soapnote(['check', '--format', 'github'], dir);
      assert.match(r.stdout, /^::error file=n\.soap\.yaml,line=9,col=5,endLine=9,endColumn=\d+,title=soapnote contraindication\.absolute::Effleurage/m);
      assert.equal(r.code, 1);
    });
  });

  describe('bad input never crashes', () => {
    const cases: { name: string; content: string | Buffer; rule: RegExp }[] = [
      { name: 'an empty file', content: '', rule: /schema\.invalid/ },
      { name: 'text that is not YAML', content: 'soapnote: 1\nclient: [unclosed\n  date: {', rule: /yaml\.syntax/ },
      { name: 'a YAML list', content: '- a\n- b\n', rule: /schema\.invalid/ },
      { name: 'a scalar', content: 'just words\n', rule: /schema\.invalid/ },
      { name: 'binary bytes', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff]), rule: /x\.soap\.yaml:1:1\s+error\s+.*note\.encoding/ },
      { name: 'Latin-1 bytes', content: Buffer.from('client: Jos\xe9\n', 'latin1'), rule: /x\.soap\.yaml:1:12\s+error\s+.*note\.encoding/ },
      { name: 'a 5 MB note', content: CLEAN + `subjective:\n  notes: "${'x'.repeat(5_000_000)}"\n`, rule: /note\.too-large/ },
      { name: 'an alias bomb', content: 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n', rule: /yaml\.alias/ },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const r = soapnote(['check', '--format', 'stylish'], workspace({ 'x.soap.yaml': c.content }));
        assertNoStack(r.stdout + r.stderr);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, c.rule);
      });
    }
  });

  it('checks the bundled examples from a copy of the repo folder layout', () => {
    const dir = tempDir();
    cpSync(join(repoRoot(), 'examples'), join(dir, 'examples'), { recursive: true });
    assert.equal(soapnote(['check', 'examples/clean'], dir).code, 0);
  });
});

describe('soapnote check --changed', () => {
  it('checks only notes changed against a git ref (committed since, modified, untracked)', () => {
    const dir = workspace({ 'old.soap.yaml': ERROR, 'edited.soap.yaml': CLEAN });
    const git = (...args: string[]): void => {
      const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'base');
    git('add', '.');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-q', '-m', 'notes');
    writeFileSync(join(dir, 'edited.soap.yaml'), WARNING_ONLY);
    writeFileSync(join(dir, 'new.soap.yaml'), CLEAN);
    const sinceHead = JSON.parse(soapnote(['check', '--changed', '--format', 'json'], dir).stdout);
    assert.deepEqual(sinceHead.files.map((f: { path: string }) => f.path).sort(), ['edited.soap.yaml', 'new.soap.yaml']);
    const sinceBase = JSON.parse(soapnote(['check', '--changed=HEAD~1', '--format', 'json'], dir).stdout);
    assert.deepEqual(sinceBase.files.map((f: { path: string }) => f.path).sort(), ['edited.soap.yaml', 'new.soap.yaml', 'old.soap.yaml']);
  });
  it('exit 2 outside a git repository', () => {
    assert.equal(soapnote(['check', '--changed'], workspace({ 'a.soap.yaml': CLEAN })).code, 2);
  });
});
