/**
 * The hand-drawn human figure of the body map: one shape per drawable region, in a 200 x 410
 * box per view. Lateral shapes are drawn once for the viewer's left and mirrored for the
 * viewer's right. Region ids are the built-in knowledge base's (`server/knowledge/10-regions.yaml`).
 */

/** Which figure a shape belongs to. */
export type View = 'front' | 'back';

/** A shape in figure coordinates. */
export type Shape =
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; r: number }
  | { kind: 'path'; d: string };

/** One drawn body part: a region id, whether it has a left and a right shape, the views it appears in. */
export interface FigurePart {
  region: string;
  /** Lateral parts are drawn twice (left and right); midline ones once. */
  lateral: boolean;
  views: View[];
  shape: Shape;
}

/** Width of one figure; lateral shapes are mirrored about its centre line. */
export const FIGURE_WIDTH = 200;

/** Height of one figure, feet included. */
export const FIGURE_HEIGHT = 410;

const both: View[] = ['front', 'back'];

/** The figure, in drawing order (later parts paint over earlier ones, so shoulders sit over the trunk). */
export const FIGURE_PARTS: readonly FigurePart[] = [
  // Trunk, as left and right halves so one-sided work (e.g. quadratus lumborum, right) shows on its side.
  { region: 'chest', lateral: true, views: ['front'], shape: { kind: 'path', d: 'M100 68 L80 68 Q66 70 64 84 L66 128 L100 128 Z' } },
  { region: 'abdomen', lateral: true, views: ['front'], shape: { kind: 'path', d: 'M100 128 L66 128 Q67 152 70 176 L100 176 Z' } },
  { region: 'pelvis', lateral: true, views: ['front'], shape: { kind: 'path', d: 'M100 176 L70 176 Q66 190 67 204 L100 204 Z' } },
  { region: 'upper-back', lateral: true, views: ['back'], shape: { kind: 'path', d: 'M100 68 L80 68 Q66 70 64 84 L65 112 L100 112 Z' } },
  { region: 'mid-back', lateral: true, views: ['back'], shape: { kind: 'path', d: 'M100 112 L65 112 L67 146 L100 146 Z' } },
  { region: 'lower-back', lateral: true, views: ['back'], shape: { kind: 'path', d: 'M100 146 L67 146 L70 178 L100 178 Z' } },
  { region: 'gluteal-region', lateral: true, views: ['back'], shape: { kind: 'path', d: 'M100 178 L70 178 Q63 200 69 216 Q84 226 100 219 Z' } },
  // Neck and head, midline.
  { region: 'anterior-neck', lateral: false, views: ['front'], shape: { kind: 'rect', x: 89, y: 48, width: 22, height: 22, r: 3 } },
  { region: 'posterior-neck', lateral: false, views: ['back'], shape: { kind: 'rect', x: 89, y: 48, width: 22, height: 22, r: 3 } },
  { region: 'head', lateral: false, views: both, shape: { kind: 'ellipse', cx: 100, cy: 29, rx: 19, ry: 24 } },
  // Upper limb chain.
  { region: 'upper-arm', lateral: true, views: both, shape: { kind: 'rect', x: 44, y: 90, width: 18, height: 54, r: 8 } },
  { region: 'shoulder', lateral: true, views: both, shape: { kind: 'ellipse', cx: 63, cy: 81, rx: 15, ry: 13 } },
  { region: 'forearm', lateral: true, views: both, shape: { kind: 'rect', x: 44, y: 156, width: 17, height: 50, r: 7 } },
  { region: 'elbow', lateral: true, views: both, shape: { kind: 'ellipse', cx: 53, cy: 150, rx: 10, ry: 8 } },
  { region: 'wrist', lateral: true, views: both, shape: { kind: 'rect', x: 45, y: 205, width: 15, height: 9, r: 3 } },
  { region: 'hand', lateral: true, views: both, shape: { kind: 'ellipse', cx: 52, cy: 228, rx: 9, ry: 14 } },
  // Lower limb chain.
  { region: 'thigh', lateral: true, views: both, shape: { kind: 'rect', x: 68, y: 219, width: 28, height: 73, r: 10 } },
  { region: 'hip', lateral: true, views: ['front'], shape: { kind: 'ellipse', cx: 80, cy: 212, rx: 14, ry: 10 } },
  { region: 'lower-leg', lateral: true, views: both, shape: { kind: 'rect', x: 71, y: 305, width: 22, height: 65, r: 8 } },
  { region: 'knee', lateral: true, views: both, shape: { kind: 'ellipse', cx: 82, cy: 298, rx: 13, ry: 10 } },
  { region: 'ankle', lateral: true, views: both, shape: { kind: 'rect', x: 74, y: 369, width: 16, height: 11, r: 3 } },
  { region: 'foot', lateral: true, views: both, shape: { kind: 'ellipse', cx: 81, cy: 391, rx: 12, ry: 11 } },
];

/** Every region id the figure draws. */
export const DRAWN_REGIONS: ReadonlySet<string> = new Set(FIGURE_PARTS.map((p) => p.region));

/** True when a region is drawn as a left and a right shape. */
export function isLateralRegion(region: string): boolean {
  return FIGURE_PARTS.some((p) => p.region === region && p.lateral);
}
