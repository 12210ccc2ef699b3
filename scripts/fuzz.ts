/**
 * `npm run fuzz`: the reliability properties of test/reliability with 100,000 cases in all
 * (`SOAPNOTE_FUZZ_RUNS` overrides; `SOAPNOTE_FUZZ_SEED` replays a reported run). Exit 1 on a counterexample.
 * `npm run fuzz -- WORD` runs only the properties whose name holds WORD (e.g. `yaml`), with all the cases.
 */
import * as fc from 'fast-check';
import { fuzzEngine, fuzzProperties, totalRuns } from '../test/reliability/properties';

function main(): number {
  const total = totalRuns(100_000);
  const seedText = process.env['SOAPNOTE_FUZZ_SEED'];
  const seed = seedText === undefined ? Date.now() % 2 ** 31 : Number(seedText);
  fuzzEngine();
  console.log(`soapnote fuzz: ${total} cases, seed ${seed}`);
  let failed = 0;
  const only = process.argv[2]?.toLowerCase();
  const properties = fuzzProperties().filter((p) => only === undefined || p.name.toLowerCase().includes(only));
  const shares = properties.reduce((sum, p) => sum + p.share, 0);
  for (const { name, share, build } of properties) {
    const numRuns = Math.max(1, Math.round((total * share) / shares));
    const started = Date.now();
    const details = fc.check(build(), { numRuns, seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (details.failed) {
      failed++;
      console.log(`FAIL ${name} after ${details.numRuns} cases (${seconds} s)`);
      console.log(fc.defaultReportMessage(details) ?? '');
    } else {
      console.log(`ok   ${name}: ${numRuns} cases in ${seconds} s`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
