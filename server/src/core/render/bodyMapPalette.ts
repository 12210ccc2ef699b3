/**
 * The body map's colours, one set per theme. Each side's fill keeps 3:1 against the empty body part
 * and the page, and the conflict hatch keeps 3:1 against every fill it is drawn over (WCAG 1.4.11,
 * non-text contrast); test/unit/render/contrast.test.ts computes the ratios from these values.
 * The hues are Okabe-Ito's blue, orange and green, darkened (light) or lightened (dark) to get there.
 */
export interface BodyMapPalette {
  /** The page behind the map. */
  page: string;
  /** An untreated body part. */
  part: string;
  left: string;
  right: string;
  both: string;
  /** The hatch over a part where treatment conflicts with a condition. */
  hatch: string;
}

/** Light theme, print, and a browser in light mode. */
export const LIGHT_PALETTE: BodyMapPalette = { page: '#ffffff', part: '#ececf1', left: '#0072b2', right: '#b85c00', both: '#00805c', hatch: '#1b1b1b' };

/** VS Code dark themes, and a browser in dark mode. */
export const DARK_PALETTE: BodyMapPalette = { page: '#1e1e1e', part: '#3a3d44', left: '#3592d0', right: '#c47f0a', both: '#23a57c', hatch: '#ffffff' };
