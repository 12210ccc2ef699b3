import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, REPO } from './client';

const MISSPELLED = readFileSync(join(REPO, 'examples', 'conflicts', 'misspelled-terms.soap.yaml'), 'utf8');
const UNKNOWN = 'vocabulary.unknown-term';

/** The severities of the unknown-term diagnostics (1 error, 2 warning, ...). */
const unknownTerms = (diagnostics: Diagnostic[]): number[] => diagnostics.filter((d) => d.code === UNKNOWN).map((d) => d.severity ?? 0);

/** Retries until `check` passes: settings and reloads take effect on the server's next turns. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`${what}: not reached within 3 s`);
}

describe('language server: soapnote.rules from the editor settings', function () {
  this.timeout(30_000);
  let root: string;
  let nextDoc = 0;
  const clients: LspClient[] = [];
  const noteUri = (): string => pathToFileURL(join(root, `visit-${++nextDoc}.soap.yaml`)).toString();
  const start = async (options: Parameters<typeof LspClient.start>[0]): Promise<LspClient> => {
    const client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 }, ...options });
    clients.push(client);
    return client;
  };
  const latest = (client: LspClient, uri: string): Diagnostic[] | undefined => client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-settings-'));
    mkdirSync(join(root, '.soapnote'));
    // The config silences a rule the settings then turn back on: the settings win.
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'rules: {record.future-date: off}\n');
  });
  after(async () => {
    for (const client of clients) {
      if (client.alive) {
        await client.shutdown();
      }
    }
    rmSync(root, { recursive: true, force: true });
  });

  const pulled: [string, Record<string, string>, (severities: number[]) => boolean][] = [
    ['off: the rule disappears', { [UNKNOWN]: 'off' }, (s) => s.length === 0],
    ['error: its warnings become errors', { [UNKNOWN]: 'error' }, (s) => s.length === 2 && s.every((x) => x === 1)],
    ['nothing: the default warnings', {}, (s) => s.length === 2 && s.every((x) => x === 2)],
  ];
  for (const [name, rules, expected] of pulled) {
    it(`fetches them at start with workspace/configuration (${name}), before the first diagnostics`, async () => {
      // The answer comes after the note is open: its diagnostics wait for it.
      const client = await start({ capabilities: { workspace: { configuration: true } }, settings: { soapnote: { rules } }, settingsDelayMs: 300 });
      const uri = noteUri();
      await client.open(uri, MISSPELLED, 1);
      const first = await client.waitForDiagnostics(uri, 1);
      assert.ok(expected(unknownTerms(first.diagnostics)), JSON.stringify(unknownTerms(first.diagnostics)));
    });
  }

  it('re-checks open notes when the pushed settings change, and overrides the config', async () => {
    const client = await start({});
    const uri = noteUri();
    await client.open(uri, MISSPELLED.replace('date: 2026-10-05', 'date: 2999-01-01'), 1);
    await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(unknownTerms(latest(client, uri) ?? []), [2, 2]);
    assert.ok(!latest(client, uri)?.some((d) => d.code === 'record.future-date'), 'the config silences the future date');

    const push = (rules: unknown) => client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { soapnote: { rules } } });
    await push({ [UNKNOWN]: 'off', 'record.future-date': 'error' });
    await eventually(() => unknownTerms(latest(client, uri) ?? []).length === 0, 'unknown terms off');
    assert.equal(latest(client, uri)?.find((d) => d.code === 'record.future-date')?.severity, 1);

    await push({ [UNKNOWN]: 'error', 'record.future-date': 'loud' }); // not a severity: ignored, the config applies
    await eventually(() => unknownTerms(latest(client, uri) ?? []).join() === '1,1', 'unknown terms as errors');
    assert.ok(!latest(client, uri)?.some((d) => d.code === 'record.future-date'));
  });

  it('fetches them again when a pull client says they changed', async () => {
    const settings = { soapnote: { rules: {} as Record<string, string> } };
    const client = await start({ capabilities: { workspace: { configuration: true } }, settings });
    const uri = noteUri();
    await client.open(uri, MISSPELLED, 1);
    await client.waitForDiagnostics(uri, 1);
    settings.soapnote.rules = { [UNKNOWN]: 'off' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await eventually(() => unknownTerms(latest(client, uri) ?? []).length === 0, 'unknown terms off');
  });
});

describe('language server: watching packs listed outside .soapnote/', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  const pack = (technique: string): string =>
    `soapnote_pack: 1\nid: clinic\nname: Clinic pack\ntechniques:\n  - {id: ${technique}, name: ${technique.replace(/-/g, ' ')}, description: A clinic technique., pressure: 2}\n`;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-watch-'));
    mkdirSync(join(root, '.soapnote', 'packs'), { recursive: true });
    mkdirSync(join(root, 'clinic'));
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'packs: [clinic/terms.yaml, .soapnote/packs/inside.yaml]\n');
    writeFileSync(join(root, 'clinic', 'terms.yaml'), pack('bamboo-fusion'));
    writeFileSync(join(root, '.soapnote', 'packs', 'inside.yaml'), pack('inside-glide').replace('id: clinic', 'id: inside'));
    const capabilities = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 }, capabilities });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  const watchers = (): unknown[] =>
    client.registrations.flatMap((r) => r.registrations).flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));

  it('registers a watcher for the listed pack outside .soapnote/ (only), and reloads when it changes', async () => {
    const uri = pathToFileURL(join(root, 'visit.soap.yaml')).toString();
    const techniques = async (): Promise<string[]> =>
      (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 15 } })).items.map((i) => i.label);
    await client.open(uri, 'soapnote: 1\ntreatment:\n  - technique: \n', 1);
    assert.ok((await techniques()).includes('bamboo fusion'));
    const clinic = { baseUri: pathToFileURL(join(root, 'clinic')).toString(), pattern: 'terms.yaml' };
    await eventually(() => watchers().some((w) => JSON.stringify(w) === JSON.stringify(clinic)), 'pack watcher registered');
    assert.deepEqual(watchers(), ['**/.soapnote/**', '**/*.soap.{yaml,yml}', '**/*.review.yaml', clinic]);

    writeFileSync(join(root, 'clinic', 'terms.yaml'), pack('hot-stone-glide'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'clinic', 'terms.yaml')).toString(), type: 2 }] });
    let labels: string[] = [];
    await eventually(async () => (labels = await techniques()).includes('hot stone glide'), 'new pack term completes');
    assert.ok(!labels.includes('bamboo fusion'));
  });
});
