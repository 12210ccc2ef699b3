import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { createEngine } from '../../server/src/core/engine';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { generateLongNote, generateNote } from '../generateNotes';
import { medianMs } from './median';

/** The hostile shapes the reliability tests feed the engine (they check the findings; this measures the time). */
function hostileCases(): [string, string][] {
  const bomb = ['soapnote: 1', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) {
    bomb.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
  }
  return [
    ['alias bomb, 9 levels', bomb.join('\n') + '\n'],
    ['10 MB note (over maxNoteBytes)', `soapnote: 1\nsubjective:\n  notes: ${'x'.repeat(10 * 1024 * 1024)}\n`],
    ['100,000 lines (over maxNoteLines)', generateLongNote(100_000)],
    ['10,000 nested [', '['.repeat(10_000)],
    ['10,000 nested {a:', '{a: '.repeat(10_000)],
    ['5,000 treatment entries', generateNote(5, 5_000)],
  ];
}

/**
 * Time to analyse each hostile note, as a ratio against a normal 200-line note analysed in the
 * same run; the nesting cases also under `Error.stackTraceLimit = Infinity` (as mocha sets it),
 * which once made them 50 times slower (see server/src/core/shortStackTraces.ts).
 */
export function benchHostile(): string[] {
  const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
  const roomy = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { ...DEFAULT_CONFIG, maxNoteLines: 200_000 } });
  const normal = generateLongNote(200);
  medianMs(5, () => engine.analyze(normal));
  const peer = medianMs(9, () => engine.analyze(normal));
  const lines = [`hostile notes (median ms; ratio against a normal 200-line note, ${peer.toFixed(1)} ms, same run):`];
  const cases = hostileCases();
  cases.push(['100,000 short keys (maxNoteLines raised)', Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n')]);
  for (const [name, text] of cases) {
    const target = name.includes('raised') ? roomy : engine;
    const ms = medianMs(3, () => target.analyze(text));
    let line = `  ${name}: ${ms.toFixed(0)} ms  ratio ${(ms / peer).toFixed(1)}`;
    if (name.includes('nested')) {
      const saved = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      try {
        const unbounded = medianMs(3, () => target.analyze(text));
        line += `  (also under stackTraceLimit Infinity: ${unbounded.toFixed(0)} ms)`;
      } finally {
        Error.stackTraceLimit = saved;
      }
    }
    lines.push(line);
  }
  return lines;
}

if (require.main === module) {
  console.log(benchHostile().join('\n'));
}
