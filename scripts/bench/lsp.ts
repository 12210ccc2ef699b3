import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-protocol';
import { LspClient, REPO } from '../../test/lsp/client';
import { generateLongNote } from '../generateNotes';

/** yaml-language-server, the generic peer a therapist could use instead: same note, the note schema attached. */
const YAML_LS = join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Cursor positions on value lines (technique/target/side/pressure), two characters into the value, cycled to `count`. */
function completionPositions(text: string, count: number): Position[] {
  const spots: Position[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^(\s*(?:- )?(?:technique|target|side|pressure): )\S/.exec(line);
    if (m?.[1]) {
      spots.push({ line: i, character: m[1].length + 2 });
    }
  });
  return Array.from({ length: count }, (_, i) => spots[Math.floor((i * spots.length) / count)] as Position);
}

/** Round-trip times of completion requests at `positions`, one after the other, after a warm-up. */
async function timeCompletions(client: LspClient, uri: string, positions: Position[]): Promise<number[]> {
  for (const position of positions.slice(0, 10)) {
    await client.request('textDocument/completion', { textDocument: { uri }, position });
  }
  const times: number[] = [];
  for (const position of positions) {
    const start = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position });
    times.push(performance.now() - start);
  }
  return times;
}

/** Completion right after an edit (so the note is re-read first): insert and delete a space on the last line, then complete. */
async function timeCompletionsAfterEdit(client: LspClient, uri: string, text: string, positions: Position[]): Promise<number[]> {
  const last = text.split('\n').length - 1;
  const times: number[] = [];
  let version = 100;
  for (const position of positions) {
    const edit = version % 2 === 0
      ? { range: { start: { line: last, character: 0 }, end: { line: last, character: 0 } }, text: ' ' }
      : { range: { start: { line: last, character: 0 }, end: { line: last, character: 1 } }, text: '' };
    await client.change(uri, ++version, [edit]);
    const start = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position });
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Runs `work` against our server. Completion is measured with the editor's default diagnostics
 * debounce, as a therapist types; `debounceMs: 0` (diagnostics latency) makes every edit trigger a
 * full check at once, which a completion request right after the edit would then queue behind.
 */
async function ours<T>(work: (client: LspClient) => Promise<T>, debounceMs?: number): Promise<T> {
  const client = await LspClient.start(debounceMs === undefined ? {} : { initializationOptions: { debounceMs } });
  try {
    return await work(client);
  } finally {
    await client.shutdown();
  }
}

async function theirs<T>(work: (client: LspClient) => Promise<T>): Promise<T> {
  const schema = pathToFileURL(join(REPO, 'schemas', 'note.schema.json')).toString();
  const yaml = { schemas: { [schema]: '*.soap.yaml' }, completion: true, validate: true, hover: true };
  // yaml-language-server 2 pulls its settings (workspace/configuration) when told they changed; older ones read them from the notification.
  const client = await LspClient.start({ args: ['--stdio'], capabilities: { workspace: { configuration: true } }, settings: { yaml } }, YAML_LS);
  try {
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml } });
    return await work(client);
  } finally {
    await client.shutdown();
  }
}

/** Spawn of the language server (`script`, default the out/ build) to the first publishDiagnostics of an opened note, in ms. */
export async function timeToFirstDiagnostics(text: string, script?: string, args?: string[]): Promise<number> {
  const start = performance.now();
  const client = await LspClient.start(args ? { args } : {}, script);
  const uri = 'file:///bench/first.soap.yaml';
  await client.open(uri, text, 1);
  await client.waitForDiagnostics(uri, 1);
  const elapsed = performance.now() - start;
  await client.shutdown();
  return elapsed;
}

/**
 * Median round trip, edit to `publishDiagnostics`, of 20 edits of the note at `uri` (opened with
 * `text`; the server started with `debounceMs: 0`), after 30 edits that warm the server's JIT.
 */
export async function timeEdits(client: LspClient, uri: string, text: string): Promise<number> {
  await client.open(uri, text, 1);
  await client.waitForDiagnostics(uri, 1, 120_000);
  const times: number[] = [];
  // The first 30 edits warm the server's JIT (a session edits a note far more often than that); the next 20 are timed.
  for (let version = 2; version <= 51; version++) {
    const start = performance.now();
    await client.replace(uri, version, version % 2 ? text : text.replace('pain: ', 'pain:  '));
    await client.waitForDiagnostics(uri, version);
    if (version > 31) {
      times.push(performance.now() - start);
    }
  }
  return percentile(times, 50);
}

/** LSP benchmarks: completion latency (ours and yaml-language-server's), startup, diagnostics after an edit, scaling. */
export async function benchLsp(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const note2k = generateLongNote(2000);
  const positions = completionPositions(note2k, 200);
  const uri = 'file:///bench/long.soap.yaml';

  const oursTimes = await ours(async (client) => {
    await client.open(uri, note2k, 1);
    await client.waitForDiagnostics(uri, 1);
    return { steady: await timeCompletions(client, uri, positions), edited: await timeCompletionsAfterEdit(client, uri, note2k, positions.slice(0, 50)) };
  });
  const theirTimes = await theirs(async (client) => {
    await client.open(uri, note2k, 1, 'yaml');
    await client.waitForDiagnostics(uri, undefined, 30_000); // yaml-language-server publishes without a version
    return { steady: await timeCompletions(client, uri, positions), edited: await timeCompletionsAfterEdit(client, uri, note2k, positions.slice(0, 50)) };
  });
  out['completion p50 ms (2,000 lines)'] = round(percentile(oursTimes.steady, 50));
  out['completion p95 ms (2,000 lines)'] = round(percentile(oursTimes.steady, 95));
  out['yaml-language-server completion p50 ms'] = round(percentile(theirTimes.steady, 50));
  out['yaml-language-server completion p95 ms'] = round(percentile(theirTimes.steady, 95));
  out['completion ratio ours/yaml-ls p50 (goal <= 0.5)'] = round(percentile(oursTimes.steady, 50) / percentile(theirTimes.steady, 50));
  out['completion after edit p50 ms (ours)'] = round(percentile(oursTimes.edited, 50));
  out['completion after edit p50 ms (yaml-ls)'] = round(percentile(theirTimes.edited, 50));
  out['completion after edit ratio ours/yaml-ls'] = round(percentile(oursTimes.edited, 50) / percentile(theirTimes.edited, 50));

  const starts: number[] = [];
  const note200 = generateLongNote(200);
  for (let i = 0; i < 5; i++) {
    starts.push(await timeToFirstDiagnostics(note200));
  }
  out['spawn to first diagnostics ms, out/ build (median of 5)'] = round(percentile(starts, 50));
  // The extension runs the esbuild bundle: one file to load instead of a few hundred modules.
  const bundled = join(REPO, 'dist', 'server.js');
  if (existsSync(bundled)) {
    const bundledStarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      bundledStarts.push(await timeToFirstDiagnostics(note200, bundled));
    }
    out['spawn to first diagnostics ms, bundled dist/server.js without a code cache (median of 5, goal <= 300)'] = round(percentile(bundledStarts, 50));
  }

  out['diagnostics after edit ms (200 lines, round trip, warm, median of 20)'] = round(await ours(async (client) => timeEdits(client, 'file:///bench/edit.soap.yaml', note200), 0));

  for (const lines of [200, 2000, 20000]) {
    const text = generateLongNote(lines);
    const label = lines.toLocaleString('en');
    const [steady, edited] = await ours(async (client) => {
      const doc = `file:///bench/scale-${lines}.soap.yaml`;
      await client.open(doc, text, 1);
      await client.waitForDiagnostics(doc, 1, 60_000);
      const spots = completionPositions(text, 50);
      return [await timeCompletions(client, doc, spots), await timeCompletionsAfterEdit(client, doc, text, spots.slice(0, 10))];
    });
    out[`scaling: completion p50 ms at ${label} lines`] = round(percentile(steady, 50));
    out[`scaling: completion after edit p50 ms at ${label} lines`] = round(percentile(edited, 50));
  }
  return out;
}

if (require.main === module) {
  benchLsp().then((results) => {
    const width = Math.max(...Object.keys(results).map((k) => k.length));
    for (const [name, value] of Object.entries(results)) {
      console.log(`${name.padEnd(width)}  ${value}`);
    }
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
