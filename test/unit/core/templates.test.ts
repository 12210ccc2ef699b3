import * as assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { checkTemplate } from '../../../server/src/core/templates/checkTemplate';
import { fillTemplate, originalOffset, sampleTemplate } from '../../../server/src/core/templates/placeholders';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const engine = createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-21' } });

describe('templates', () => {
  it('fills placeholders with YAML-safe values', () => {
    assert.equal(fillTemplate('client: {{client}}\ntherapist: {{therapist}}\n', { client: 'C-1', therapist: 'Lee: J, RMT' }), 'client: C-1\ntherapist: "Lee: J, RMT"\n');
  });

  it('maps sampled offsets back to the template text', () => {
    const { text, substitutions } = sampleTemplate('a {{client}} b {{date}} c');
    assert.equal(text, 'a C-0000 b 2000-01-01 c');
    assert.equal(originalOffset(text.indexOf('b'), substitutions), 'a {{client}} b'.length - 1);
    assert.equal(originalOffset(text.indexOf('c'), substitutions), 'a {{client}} b {{date}} c'.length - 1);
    assert.equal(originalOffset(text.indexOf('0000'), substitutions), 2, 'inside a sample: the placeholder start');
  });

  it('reports findings at the template positions, after placeholders of another length', () => {
    const template = 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\ntreatment:\n  - {target: {{client}}, technique: efleurage, side: left}\n';
    const findings = checkTemplate(engine, template).filter((f) => f.message.includes('efleurage'));
    assert.equal(findings.length, 1);
    const line = template.split('\n')[5] ?? '';
    assert.deepEqual(findings[0]?.range.start, { line: 5, character: line.indexOf('efleurage') });
    assert.deepEqual(findings[0]?.range.end, { line: 5, character: line.indexOf('efleurage') + 'efleurage'.length });
  });
});
