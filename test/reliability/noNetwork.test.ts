import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../unit/repoRoot';

const ROOT = repoRoot();
const PRELOAD = join(ROOT, 'test', 'reliability', 'blockNetwork.js');
const BIN = join(ROOT, 'bin', 'soapnote.js');

/** Every example note, as paths relative to the repo root. */
function examplePaths(): string[] {
  return ['clean', 'conflicts', 'signed'].flatMap((folder) =>
    readdirSync(join(ROOT, 'examples', folder))
      .filter((n) => n.endsWith('.soap.yaml'))
      .sort()
      .map((n) => join('examples', folder, n)),
  );
}

describe('reliability: no network access (CLI and language server, networking disabled in Node)', function () {
  this.timeout(180_000);
  let dir: string;
  let log: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'soapnote-nonet-'));
    log = join(dir, 'network.log');
    writeFileSync(log, '');
    // NODE_OPTIONS would leak into the children the CLI may spawn (git); --require on the command line is enough here.
    env = { ...process.env, NO_COLOR: '1', SOAPNOTE_NET_LOG: log };
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    const attempts = readFileSync(log, 'utf8');
    assert.equal(attempts, '', `network calls attempted during "${this.currentTest?.title}":\n${attempts}`);
  });

  it('the preload really blocks and logs (self-test)', () => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', "try { require('node:net').connect(80, '127.0.0.1'); } catch { process.exit(3); }"], { env, encoding: 'utf8' });
    assert.equal(r.status, 3);
    assert.match(readFileSync(log, 'utf8'), /net\.connect/);
    writeFileSync(log, '');
  });

  /** Runs the CLI under the preload in the repo root. */
  const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('`check examples/` works as usual', () => {
    const r = run(['check', 'examples', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr); // the conflict examples have errors on purpose
    const report = JSON.parse(r.stdout) as { files: unknown[] };
    assert.equal(report.files.length, examplePaths().length);
    assert.doesNotMatch(r.stderr, /network access is disabled/);
  });

  for (const format of ['html', 'md', 'fhir']) {
    it(`\`render --format ${format}\` works for every example`, () => {
      for (const path of examplePaths()) {
        const r = run(['render', path, '--format', format]);
        assert.equal(r.code, 0, `${path}: ${r.stderr}`);
        assert.ok(r.stdout.length > 200, `${path}: output too short`);
        if (format === 'fhir') {
          assert.equal((JSON.parse(r.stdout) as { resourceType: string }).resourceType, 'Bundle');
        }
      }
    });
  }

  it('`history` works', () => {
    for (const format of ['text', 'html', 'json']) {
      const r = run(['history', 'C-0142', 'examples/clean', '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /C-0142/);
    }
  });

  it('the language server over stdio: initialize, open every example, completion, hover, render, shutdown', async () => {
    const child = spawn(process.execPath, ['--require', PRELOAD, join(ROOT, 'out', 'server', 'src', 'lspMain.js'), '--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).toString(), capabilities: {}, workspaceFolders: null });
      await connection.sendNotification('initialized', {});
      for (const path of examplePaths()) {
        const uri = pathToFileURL(join(ROOT, path)).toString();
        const text = readFileSync(join(ROOT, path), 'utf8');
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'soapnote', version: 1, text } });
        const lines = text.split('\n');
        const techniqueLine = lines.findIndex((l) => /technique: /.test(l));
        const line = techniqueLine >= 0 ? techniqueLine : 0;
        // Right after `technique: `: every technique is a candidate.
        const character = techniqueLine >= 0 ? (lines[line] ?? '').indexOf('technique: ') + 'technique: '.length : 0;
        const completion = await connection.sendRequest<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
        const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
        assert.ok(items.length > 0, `${path}: empty completion at ${line}:${character}`);
        const column = (lines[line] ?? '').indexOf('technique: ') + 'technique: '.length + 1;
        const hover = await connection.sendRequest<unknown>('textDocument/hover', { textDocument: { uri }, position: { line, character: column } });
        assert.ok(techniqueLine < 0 || hover !== null, `${path}: no hover on the technique`);
        for (const format of ['html', 'md'] as const) {
          const rendered = await connection.sendRequest<{ html?: string; markdown?: string } | null>('soapnote/render', { uri, format, nonce: 'bm9uZXRub25jZTEy' });
          assert.ok(rendered?.html ?? rendered?.markdown, `${relative(ROOT, path)}: no ${format} render`);
        }
      }
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
      }
    }
    assert.doesNotMatch(stderr, /network access is disabled/);
  });
});
