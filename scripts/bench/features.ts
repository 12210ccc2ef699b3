import { createEngine } from '../../server/src/core/engine';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { documentSymbols, foldingRanges } from '../../server/src/core/features/symbols';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { generateLongNote } from '../generateNotes';
import { medianMs as median } from './median';

/**
 * In-process cost of the engine and its features on long notes (no protocol): analysis, and
 * completion / hover / symbols after analysis, at 200 / 2,000 / 20,000 lines, to see how cost grows.
 */
export function benchFeatures(): Record<string, string> {
  const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
  const out: Record<string, string> = {};
  for (const lines of [200, 2000, 20000]) {
    const text = generateLongNote(lines);
    const textLines = text.split('\n');
    const analysis = engine.analyze(text);
    const entryLine = textLines.length - 20;
    const at = { line: entryLine, character: 4 };
    median(5, () => complete(text, at, analysis, engine.vocabulary));
    median(lines > 5000 ? 2 : 5, () => engine.analyze(text)); // warm-up: the first analyses run before the JIT has compiled the hot paths
    const analyse = median(lines > 5000 ? 3 : 9, () => engine.analyze(text));
    const completion = median(25, () => complete(text, at, analysis, engine.vocabulary));
    const hovering = median(25, () => hover(text, at, analysis, engine.vocabulary));
    const symbols = median(9, () => {
      documentSymbols(analysis);
      foldingRanges(analysis);
    });
    out[`in-process, ${lines} lines`] = `analyze ${analyse.toFixed(1)} ms, completion ${completion.toFixed(2)} ms, hover ${hovering.toFixed(2)} ms, symbols+folding ${symbols.toFixed(1)} ms`;
  }
  return out;
}

if (require.main === module) {
  for (const [k, v] of Object.entries(benchFeatures())) {
    console.log(`${k}: ${v}`);
  }
}
