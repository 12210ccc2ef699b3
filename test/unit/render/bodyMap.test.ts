import * as assert from 'node:assert/strict';
import { FIGURE_PARTS } from '../../../server/src/core/render/bodyFigure';
import { bodyMapSummary, drawnRegionsFor, renderBodyMap } from '../../../server/src/core/render/bodyMap';
import { testEngine } from './renderHelpers';

describe('render/bodyMap', () => {
  const engine = testEngine();

  it('draws every region it names from the knowledge base', () => {
    const missing = FIGURE_PARTS.filter((p) => !engine.vocabulary.get('region', p.region)).map((p) => p.region);
    assert.deepEqual(missing, []);
  });

  const mapping: [written: string, drawn: string[]][] = [
    ['calf', ['lower-leg']],
    ['gastrocnemius', ['lower-leg']],
    ['popliteal fossa', ['knee']],
    ['plantar fascia', ['foot']],
    ['upper trapezius', ['posterior-neck']],
    ['sternocleidomastoid', ['anterior-neck']],
    ['erector spinae', ['upper-back', 'mid-back', 'lower-back']],
    ['neck', ['anterior-neck', 'posterior-neck']],
    ['gluteus maximus', ['gluteal-region']],
    ['forearm extensors', ['forearm']],
    ['deltoid', ['shoulder']],
  ];
  for (const [written, drawn] of mapping) {
    it(`maps ${written} to ${drawn.join(', ')}`, () => {
      const place = engine.vocabulary.resolvePlace(written);
      assert.ok(place, `${written} resolves`);
      assert.deepEqual(drawnRegionsFor(place.region, engine.vocabulary).sort(), [...drawn].sort());
    });
  }

  it('maps the whole body to nothing rather than shading everything', () => {
    assert.deepEqual(drawnRegionsFor('body', engine.vocabulary), []);
  });

  const sides: [side: string, expected: string[]][] = [
    ['left', ['left thigh: left']],
    ['right', ['right thigh: right']],
    ['bilateral', ['right thigh: both', 'left thigh: both']],
    ['', ['right thigh: both', 'left thigh: both']],
  ];
  for (const [side, expected] of sides) {
    it(`shades the hamstrings by side: ${side || 'not given'}`, () => {
      const note = `soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\ntreatment:\n  - {technique: effleurage, target: hamstrings${side ? `, side: ${side}` : ''}}\n`;
      const lines = bodyMapSummary(engine.analyze(note), engine.vocabulary);
      assert.deepEqual(lines.map((l) => `${l.label}: ${l.shading}`), expected);
    });
  }

  it('puts the client\'s left on the viewer\'s right in the front view and on the left in the back view', () => {
    const note = 'soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\ntreatment:\n  - {technique: effleurage, target: hamstrings, side: left}\n';
    const svg = renderBodyMap(engine.analyze(note), engine.vocabulary);
    const group = (view: string): string => svg.match(new RegExp(`<g class="bm-region" data-region="thigh" data-side="left" data-view="${view}"[^>]*>`))?.[0] ?? '';
    assert.match(group('front'), /transform="translate\(200 0\) scale\(-1 1\)"/, 'front: mirrored to the viewer\'s right');
    assert.doesNotMatch(group('back'), /transform=/, 'back: on the viewer\'s left');
  });
});
