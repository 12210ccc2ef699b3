import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { createEngine } from '../../../server/src/core/engine';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const HEADER = 'soapnote: 1\nclient: C-1\ndate: 2026-11-02\ntherapist: T\nsubjective:\n  notes: |\n';
/** 100,000 short lines: well under the byte limit, far over the line limit. */
const LONG = HEADER + '    x\n'.repeat(100_000);

describe('size limits', () => {
  it('a note of 100,000 lines is too large by default, though under the byte limit', () => {
    assert.ok(LONG.length < DEFAULT_CONFIG.maxNoteBytes);
    const findings = createEngine({ packs: builtinPackSources(), host: nodeHost() }).check(LONG);
    assert.deepEqual(findings.map((f) => f.ruleId), ['note.too-large']);
    assert.match(findings[0]?.message ?? '', /100,00\d lines, over the limit of 50,000 \(maxNoteLines/);
  });
  it('the line limit is configurable', () => {
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { ...DEFAULT_CONFIG, maxNoteLines: 200_000 } });
    assert.deepEqual(engine.check(LONG).map((f) => f.ruleId), []);
  });
});
