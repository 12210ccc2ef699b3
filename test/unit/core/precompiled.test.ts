import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config';
import { createEngine } from '../../../server/src/core/engine';
import { loadPack } from '../../../server/src/core/vocabulary/packs';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

/** Runs `fn` with the global `Function` constructor (what `new Function(code)` and ajv's compile use) throwing, as a CSP without `unsafe-eval` makes it. */
function withoutCodeGeneration<T>(fn: () => T): T {
  const original = globalThis.Function;
  const refuse = function (): never {
    throw new Error('code generation at run time');
  };
  Object.defineProperty(globalThis, 'Function', { value: refuse, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    Object.defineProperty(globalThis, 'Function', { value: original, configurable: true, writable: true });
  }
}

describe('schema validators are compiled at build time (no code generated at run time)', () => {
  const cases: { name: string; run: () => string[] }[] = [
    {
      name: 'a note with a schema error',
      run: () => createEngine({ packs: builtinPackSources(), host: nodeHost() }).check('soapnote: 1\nclient: C-1\ndate: 2026-13-40\ntherapist: T\nvisit: zero\n').map((f) => f.ruleId),
    },
    { name: 'a config with a schema error', run: () => parseConfig('rules:\n  contraindication.absolute: loud\nunknown: 1\n').findings.map((f) => f.ruleId) },
    { name: 'a pack with a schema error', run: () => loadPack({ uri: 'memory:/p.yaml', text: 'soapnote_pack: 1\nid: p\ntechniques:\n  - id: 7\n' }).findings.map((f) => f.ruleId) },
  ];
  for (const c of cases) {
    it(`finds the schema errors of ${c.name} with code generation refused`, () => {
      const ids = withoutCodeGeneration(c.run);
      assert.ok(ids.some((id) => id === 'schema.invalid' || id === 'config.invalid'), JSON.stringify(ids));
    });
  }
});
