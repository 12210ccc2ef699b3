import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { runCheck } from '../../server/src/cli/check';
import { parsePlainBlockYaml } from '../../server/src/core/fastYaml';
import { PARSE_OPTIONS } from '../../server/src/core/parse';
import { LspClient, REPO } from '../../test/lsp/client';
import { generateLongNote } from '../generateNotes';
import { median } from './median';
import { bare, corpus } from './peer';
import { timeToFirstDiagnostics } from './lsp';

/** `soapnote check notes --format json ...args` in-process, in ms. */
async function check(dir: string, args: string[]): Promise<number> {
  const start = performance.now();
  await runCheck(['notes', '--format', 'json', ...args], { cwd: dir, stdout: () => undefined, stderr: () => undefined, isTTY: false }, 'bench');
  return performance.now() - start;
}

/** Wall time of spawning `node ...args` to its exit, in ms. */
function spawnMs(args: string[]): number {
  const start = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - start;
}

/**
 * Completion on a 20,000-line note over stdio (the out/ server), p50 of 30: right after an edit of
 * the last line (the note's line scan reuses every unchanged line) vs without an edit, same server, same run.
 */
export async function benchEditCompletion(): Promise<string> {
  const text = generateLongNote(20000);
  const lines = text.split('\n');
  const last = lines.length - 1;
  const uri = 'file:///bench/edit-20k.soap.yaml';
  const client = await LspClient.start();
  try {
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, 1, 120_000);
    // Value positions in treatment entries spread over the note (`technique: |`).
    const spots = lines.flatMap((l, line) => (l.startsWith('  - technique: ') ? [{ line, character: l.length }] : [])).filter((_, i, all) => i % Math.ceil(all.length / 40) === 0);
    const steady: number[] = [];
    const edited: number[] = [];
    let version = 1;
    for (const [i, position] of spots.entries()) {
      let start = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position });
      if (i >= 10) {
        steady.push(performance.now() - start);
      }
      const edit = version % 2 === 0
        ? { range: { start: { line: last, character: 0 }, end: { line: last, character: 1 } }, text: '' }
        : { range: { start: { line: last, character: 0 }, end: { line: last, character: 0 } }, text: ' ' };
      await client.change(uri, ++version, [edit]);
      start = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position });
      if (i >= 10) {
        edited.push(performance.now() - start);
      }
    }
    return `  completion on a 20,000-line note right after an edit, p50: ${median(edited).toFixed(2)} ms vs without an edit ${median(steady).toFixed(2)} ms: ratio ${(median(edited) / median(steady)).toFixed(2)} (goal <= 5 ms; was 15-34 ms, a rescan of every line)`;
  } finally {
    await client.shutdown();
  }
}

const ms = (n: number): string => `${Math.round(n).toLocaleString('en')} ms`;

/** The fast YAML reader vs the yaml package's parseDocument (same options) over the same texts, medians of `rounds`; and how many took the fast path. */
function fastReaderLine(texts: readonly string[], rounds: number): string {
  const time = (parse: (text: string) => unknown): number => {
    const start = performance.now();
    for (const text of texts) {
      parse(text);
    }
    return performance.now() - start;
  };
  const fast: number[] = [];
  const yaml: number[] = [];
  for (let i = 0; i < rounds; i++) {
    fast.push(time((text) => parsePlainBlockYaml(text, PARSE_OPTIONS)));
    yaml.push(time((text) => parseDocument(text, PARSE_OPTIONS)));
  }
  const taken = texts.filter((text) => parsePlainBlockYaml(text, PARSE_OPTIONS) !== undefined).length;
  return `  YAML reading: the fast reader ${ms(median(fast))} vs yaml parseDocument ${ms(median(yaml))} on the same notes: ratio ${(median(fast) / median(yaml)).toFixed(2)}; ${taken} of ${texts.length} took the fast path`;
}

/**
 * `npm run bench -- scale`: threads, the cache, shards and start-up, each against a peer measured
 * in the same run: `check --jobs 2` and `--jobs 1` vs a bare single-threaded yaml + ajv pass over
 * the same files; a second `--cache` run vs the first (and with `--cache-strategy content`); one of four shards vs the whole; the
 * bundled server's spawn to first diagnostics vs `node -e 0`.
 */
export async function benchScale(quick = false): Promise<string[]> {
  const count = quick ? 5000 : 20000;
  const rounds = quick ? 1 : 3;
  const label = count.toLocaleString('en');
  const lines = [`scale (${label} generated notes; medians of ${rounds}; ratios against a peer in the same run):`];
  const { dir, files } = corpus(count, 'soapnote-scale-');
  try {
    await check(dir, ['--jobs', '2']); // warm-up: JIT, file cache
    bare(files);
    const bares: number[] = [];
    const ones: number[] = [];
    const twos: number[] = [];
    for (let i = 0; i < rounds; i++) {
      bares.push(bare(files));
      ones.push(await check(dir, ['--jobs', '1']));
      twos.push(await check(dir, ['--jobs', '2']));
    }
    const b = median(bares);
    const one = median(ones);
    const two = median(twos);
    lines.push(`  check --jobs 2: ${ms(two)} vs bare yaml+ajv (one thread) ${ms(b)}: ratio ${(two / b).toFixed(2)} (goal <= 0.6)`);
    lines.push(`  check --jobs 1: ${ms(one)}: ratio ${(one / b).toFixed(2)}; --jobs 2 / --jobs 1 = ${(two / one).toFixed(2)}`);
    lines.push(fastReaderLine(files.map((file) => readFileSync(file, 'utf8')), rounds));

    const firsts: number[] = [];
    const seconds: number[] = [];
    const edits: number[] = [];
    // A pull request: one note edited since the cached run (its client's notes are checked again, the cache written back).
    const edited = files[files.length >> 1] as string;
    const original = readFileSync(edited, 'utf8');
    for (let i = 0; i < rounds; i++) {
      const location = join(dir, `cache-${i}.json`);
      firsts.push(await check(dir, ['--jobs', '2', '--cache', '--cache-location', location]));
      seconds.push(await check(dir, ['--jobs', '2', '--cache', '--cache-location', location]));
      rmSync(location, { force: true });
    }
    // Apart from the pairs above, so that each pair's second run follows its first as before.
    for (let i = 0; i < rounds; i++) {
      const location = join(dir, `cache-edit-${i}.json`);
      await check(dir, ['--jobs', '2', '--cache', '--cache-location', location]);
      writeFileSync(edited, `${original}# edited ${i}\n`);
      edits.push(await check(dir, ['--jobs', '2', '--cache', '--cache-location', location]));
      writeFileSync(edited, original);
      rmSync(location, { force: true });
    }
    const contents: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const location = join(dir, `cache-content-${i}.json`);
      await check(dir, ['--jobs', '2', '--cache', '--cache-strategy', 'content', '--cache-location', location]);
      contents.push(await check(dir, ['--jobs', '2', '--cache', '--cache-strategy', 'content', '--cache-location', location]));
      rmSync(location, { force: true });
    }
    const first = median(firsts);
    const second = median(seconds);
    const content = median(contents);
    lines.push(`  check --cache, second run over unchanged notes: ${ms(second)} vs first run ${ms(first)}: ratio ${(second / first).toFixed(3)} (goal <= 0.1)`);
    lines.push(`  check --cache after one note was edited (its client checked again, the cache written back): ${ms(median(edits))}: ratio ${(median(edits) / first).toFixed(3)} to the first run`);
    lines.push(`  check --cache --cache-strategy content (every note read and hashed), second run: ${ms(content)}: ratio ${(content / first).toFixed(3)} to the first run`);

    const shards: number[] = [];
    for (let i = 0; i < rounds; i++) {
      shards.push(await check(dir, ['--jobs', '2', '--shard', '1/4']));
    }
    const shard = median(shards);
    lines.push(`  check --shard 1/4: ${ms(shard)} vs the whole run ${ms(two)}: ratio ${(shard / two).toFixed(2)} (ideal 0.25: each CI machine reads every note's client line)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  lines.push(await benchEditCompletion());
  const bundled = join(REPO, 'dist', 'server.js');
  if (existsSync(bundled)) {
    const note = generateLongNote(200);
    // What VS Code runs: dist/server.js with its code cache folder (the extension's global storage).
    const cacheDir = mkdtempSync(join(tmpdir(), 'soapnote-codecache-'));
    const cached = ['--stdio', `--code-cache-dir=${cacheDir}`];
    try {
      await timeToFirstDiagnostics(note, bundled, cached); // warm-up: the OS file cache; writes the code cache at exit
      const cachedStarts: number[] = [];
      const coldStarts: number[] = [];
      const nodes: number[] = [];
      for (let i = 0; i < (quick ? 3 : 9); i++) {
        nodes.push(spawnMs(['-e', '0']));
        cachedStarts.push(await timeToFirstDiagnostics(note, bundled, cached));
        coldStarts.push(await timeToFirstDiagnostics(note, bundled));
      }
      const node = median(nodes);
      const warm = median(cachedStarts);
      const cold = median(coldStarts);
      lines.push(`  start-up: bundled dist/server.js spawn to first diagnostics ${ms(warm)} vs node -e 0 ${ms(node)}: difference ${ms(warm - node)} (goal <= 150 ms; with the code cache every start after the first has)`);
      lines.push(`  start-up without a code cache (the first start of a version): ${ms(cold)}: difference ${ms(cold - node)}; cached / uncached ${(warm / cold).toFixed(2)}`);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  } else {
    lines.push('  start-up: run `npm run bundle` first (measures dist/server.js)');
  }
  return lines;
}
