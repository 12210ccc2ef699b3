import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCheck } from '../server/src/cli/check';
import { benchFeatures } from './bench/features';
import { benchHostile } from './bench/hostile';
import { benchEditCompletion, benchScale } from './bench/scale';
import { median } from './bench/median';
import { bigSuggestCase } from './generateSuggestCase';
import { bare, corpus } from './bench/peer';

/** The real thing: `soapnote check DIR --format json --jobs 1` in-process (file discovery, every rule, formatting; one thread, see `-- scale` for more). */
async function check(dir: string): Promise<number> {
  const start = performance.now();
  await runCheck(['notes', '--format', 'json', '--jobs', '1'], { cwd: dir, stdout: () => undefined, stderr: () => undefined, isTTY: false }, 'bench');
  return performance.now() - start;
}

/** Times check against the bare peer on `count` notes, alternating rounds so machine noise hits both alike. */
async function compare(count: number, rounds: number): Promise<{ check: number; bare: number; ratio: number; notesPerSecond: number }> {
  const { dir, files } = corpus(count);
  const checks: number[] = [];
  const bares: number[] = [];
  await check(dir); // warm-up: JIT and schema compilation for both
  bare(files);
  for (let i = 0; i < rounds; i++) {
    checks.push(await check(dir));
    bares.push(bare(files));
  }
  rmSync(dir, { recursive: true, force: true });
  const c = median(checks);
  const b = median(bares);
  return { check: c, bare: b, ratio: c / b, notesPerSecond: (count / c) * 1000 };
}

/** `check` of the worst case for suggestions (a ~1 MB pack of long names, a ~1 MB note of long unknown terms), pack loading included. */
async function worstSuggestions(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'soapnote-bench-'));
  const { pack, note } = bigSuggestCase();
  mkdirSync(join(dir, '.soapnote'));
  writeFileSync(join(dir, '.soapnote', 'long.yaml'), pack);
  writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'packs: [.soapnote/long.yaml]\n');
  writeFileSync(join(dir, 'big.soap.yaml'), note);
  const start = performance.now();
  await runCheck(['big.soap.yaml', '--format', 'json'], { cwd: dir, stdout: () => undefined, stderr: () => undefined, isTTY: false }, 'bench');
  const ms = performance.now() - start;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** The client's record at scale (`scripts/bench/record.ts`), compiled with the LSP bench. */
async function recordSection(): Promise<void> {
  const recordBench = join(__dirname, 'bench', 'record.js');
  if (existsSync(recordBench)) {
    const { benchRecord } = require(recordBench) as { benchRecord: () => Promise<string[]> };
    console.log((await benchRecord()).join('\n'));
  }
}

async function main(): Promise<void> {
  // `npm run bench -- record`: only the record-at-scale section.
  if (process.argv.includes('record')) {
    await recordSection();
    return;
  }
  // `npm run bench -- scale-edit`: only completion right after an edit of a 20,000-line note.
  if (process.argv.includes('scale-edit')) {
    console.log(await benchEditCompletion());
    return;
  }
  // `npm run bench -- scale`: only threads, cache, shards and start-up (`scripts/bench/scale.ts`).
  if (process.argv.includes('scale')) {
    console.log((await benchScale(process.argv.includes('--quick'))).join('\n'));
    return;
  }
  // `npm run bench -- hostile`: only the hostile-notes section.
  if (process.argv.includes('hostile')) {
    console.log(benchHostile().join('\n'));
    return;
  }
  const quick = process.argv.includes('--quick');
  const lines: string[] = ['soapnote benchmark (medians; ratios are against a peer measured in the same run)', ''];
  const main5k = await compare(quick ? 1000 : 5000, quick ? 3 : 5);
  lines.push(
    `check, ${quick ? '1,000' : '5,000'} notes: ${main5k.check.toFixed(0)} ms vs bare yaml+ajv ${main5k.bare.toFixed(0)} ms  ratio ${main5k.ratio.toFixed(2)} (goal <= 1.3)  ${main5k.notesPerSecond.toFixed(0)} notes/s`,
  );
  lines.push(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  lines.push(`suggestions, worst case (3,270 long pack names x 3,390 long unknown terms, ~1 MB each): check ${median([await worstSuggestions(), await worstSuggestions(), await worstSuggestions()]).toFixed(0)} ms (goal < 5,000; was minutes)`);
  if (!quick) {
    lines.push('', 'how check time grows (ms per note should stay flat if linear):');
    for (const n of [1000, 5000, 20000]) {
      const r = await compare(n, 3);
      lines.push(`  ${String(n).padStart(6)} notes: ${r.check.toFixed(0)} ms  ${((r.check / n) * 1000).toFixed(0)} µs/note  ratio ${r.ratio.toFixed(2)}`);
    }
  }
  const root = join(__dirname, '..', '..');
  const sizes = ['dist/client.js', 'dist/server.js', 'soapnote.vsix'].filter((f) => existsSync(join(root, f))).map((f) => `${f} ${(statSync(join(root, f)).size / 1024).toFixed(0)} KB`);
  lines.push(`sizes: ${sizes.length ? sizes.join(', ') : 'run `npm run package` first'}`);
  console.log(lines.join('\n'));
  console.log('');
  for (const [name, value] of Object.entries(benchFeatures())) {
    console.log(`${name}: ${value}`);
  }
  console.log('');
  console.log(benchHostile().join('\n'));
  const lspBench = join(__dirname, 'bench', 'lsp.js');
  if (existsSync(lspBench) && !process.argv.includes('--no-lsp')) {
    console.log('');
     
    const { benchLsp } = require(lspBench) as { benchLsp: () => Promise<Record<string, number | string>> };
    const figures = await benchLsp();
    for (const [name, value] of Object.entries(figures)) {
      console.log(`${name}: ${typeof value === 'number' ? value.toFixed(2) : value}`);
    }
  }
  if (!quick && !process.argv.includes('--no-record')) {
    console.log('');
    await recordSection();
  }
  if (!process.argv.includes('--no-scale')) {
    console.log('');
    console.log((await benchScale(quick)).join('\n'));
  }
}

void main();
