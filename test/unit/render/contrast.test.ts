import * as assert from 'node:assert/strict';
import { DARK_PALETTE, LIGHT_PALETTE, type BodyMapPalette } from '../../../server/src/core/render/bodyMapPalette';
import { cssString } from '../../../server/src/core/render/escape';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// WCAG 1.4.11 (non-text contrast): a treated side must stand out from an untreated part and from the
// page, and the conflict hatch from every fill it is drawn over; 3:1 each.
describe('render: body map colours meet 3:1 non-text contrast', () => {
  const themes: [string, BodyMapPalette][] = [['light', LIGHT_PALETTE], ['dark', DARK_PALETTE]];
  for (const [theme, p] of themes) {
    for (const side of ['left', 'right', 'both'] as const) {
      const pairs: [string, string][] = [['an untreated part', p.part], ['the page', p.page], ['the conflict hatch', p.hatch]];
      for (const [against, colour] of pairs) {
        it(`${theme}: the ${side} fill against ${against}`, () => {
          const ratio = contrast(p[side], colour);
          assert.ok(ratio >= 3, `${p[side]} on ${colour}: ${ratio.toFixed(2)}:1`);
        });
      }
    }
    it(`${theme}: the conflict hatch against an untreated part`, () => {
      assert.ok(contrast(p.hatch, p.part) >= 3);
    });
  }
});

describe('render: cssString (the printed page header)', () => {
  const cases: [string, string][] = [
    ['Client C-0142 · 2026-11-02', '"Client C-0142 \\b7  2026-11-02"'],
    ['x"; } body { display: none', '"x\\22 \\3b  \\7d  body \\7b  display\\3a  none"'],
    ['</style><script>', '"\\3c \\2f style\\3e \\3c script\\3e "'],
    ['a\\b', '"a\\5c b"'],
  ];
  for (const [input, expected] of cases) {
    it(`quotes ${JSON.stringify(input)} so it cannot leave the string`, () => {
      assert.equal(cssString(input), expected);
    });
  }
});
