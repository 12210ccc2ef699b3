import type { Analysis } from '../engine';
import { translator, type Locale, type MessageKey, type Translator } from '../l10n/localize';
import type { Side } from '../types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { DRAWN_REGIONS, FIGURE_HEIGHT, FIGURE_PARTS, FIGURE_WIDTH, type Shape, type View } from './bodyFigure';
import { escapeHtml } from './escape';
import { findingsOfEntry, isConflict } from './reportModel';
import { LIGHT_PALETTE } from './bodyMapPalette';

/** Which side of the body a drawn shape stands for; `mid` for the head and neck, drawn once. */
export type PartSide = 'left' | 'right' | 'mid';

/** How a treatment was sided, for the shading: left only, right only, or both / not said. */
export type Shading = 'left' | 'right' | 'both';

/** What happened to one drawn shape (a region on one side). */
export interface PartMark {
  region: string;
  side: PartSide;
  shading: Set<Shading>;
  /** "effleurage on gastrocnemius (light)", one per treatment entry. */
  treatments: string[];
  /** Messages of conflict findings on those entries. */
  conflicts: string[];
  /** Conditions recorded with a region here. */
  conditions: string[];
}

/** One line of the body map's text summary (for Markdown, screen readers and print). */
export interface BodyMapLine {
  region: string;
  /** "left lower leg", "head" */
  label: string;
  shading?: Shading;
  treatments: string[];
  conflict: boolean;
  conditions: string[];
}

/**
 * The drawn regions a region id maps to: the nearest drawn ancestor (`popliteal-region` -> knee),
 * or, for a container that is not drawn itself, every drawn region inside it (`back` -> upper, mid
 * and lower back). The whole body maps to nothing: shading everything would say nothing.
 */
export function drawnRegionsFor(regionId: string, vocabulary: Vocabulary): string[] {
  for (const id of vocabulary.ancestors(regionId)) {
    if (DRAWN_REGIONS.has(id)) {
      return [id];
    }
    if (id === 'body') {
      return [];
    }
    const inside = [...DRAWN_REGIONS].filter((d) => vocabulary.ancestors(d).includes(id));
    if (inside.length > 0) {
      return inside;
    }
  }
  return [];
}

/** Works out which shapes are treated (and on which side), in conflict, or carry a recorded condition. */
export function bodyMarks(analysis: Analysis, vocabulary: Vocabulary): Map<string, PartMark> {
  const marks = new Map<string, PartMark>();
  const markOf = (region: string, side: PartSide): PartMark => {
    const key = `${region}:${side}`;
    let mark = marks.get(key);
    if (!mark) {
      mark = { region, side, shading: new Set(), treatments: [], conflicts: [], conditions: [] };
      marks.set(key, mark);
    }
    return mark;
  };
  const partSides = (region: string, side: Side | undefined): PartSide[] => {
    if (!FIGURE_PARTS.some((p) => p.region === region && p.lateral)) {
      return ['mid'];
    }
    return side === 'left' ? ['left'] : side === 'right' ? ['right'] : ['left', 'right'];
  };

  for (const t of analysis.treatments) {
    if (!t.place) {
      continue;
    }
    const shading: Shading = t.side === 'left' || t.side === 'right' ? t.side : 'both';
    const technique = t.technique?.name ?? t.entry.technique?.value ?? 'treatment';
    const pressure = t.level !== undefined ? `, ${vocabulary.pressureWord(t.level)}` : '';
    const sideText = t.side ? `${t.side}${pressure}` : pressure.slice(2);
    const label = `${technique} on ${t.place.term.name}${sideText ? ` (${sideText})` : ''}`;
    const conflicts = findingsOfEntry(analysis, t.entry.index)
      .filter(isConflict)
      .map((f) => f.message);
    for (const region of drawnRegionsFor(t.place.region, vocabulary)) {
      for (const side of partSides(region, t.side)) {
        const mark = markOf(region, side);
        mark.shading.add(shading);
        mark.treatments.push(label);
        mark.conflicts.push(...conflicts);
      }
    }
  }
  for (const c of analysis.conditions) {
    if (!c.place) {
      continue;
    }
    for (const region of drawnRegionsFor(c.place.region, vocabulary)) {
      for (const side of partSides(region, c.side)) {
        markOf(region, side).conditions.push(c.label);
      }
    }
  }
  return marks;
}

/** The single shading a shape gets: both when it was treated on both sides or with both one-sided and bilateral work. */
function shadingOf(mark: PartMark | undefined): Shading | undefined {
  if (!mark || mark.shading.size === 0) {
    return undefined;
  }
  if (mark.shading.has('both') || (mark.shading.has('left') && mark.shading.has('right'))) {
    return 'both';
  }
  return mark.shading.has('left') ? 'left' : 'right';
}

function regionName(region: string, vocabulary: Vocabulary): string {
  return vocabulary.get('region', region)?.name ?? region.replace(/-/g, ' ');
}

function partLabel(mark: { region: string; side: PartSide }, vocabulary: Vocabulary): string {
  const name = regionName(mark.region, vocabulary);
  return mark.side === 'mid' ? name : `${mark.side} ${name}`;
}

/** The body map as text lines, in drawing order: what the SVG shows, for Markdown and for reading aloud. */
export function bodyMapSummary(analysis: Analysis, vocabulary: Vocabulary): BodyMapLine[] {
  const marks = bodyMarks(analysis, vocabulary);
  const lines: BodyMapLine[] = [];
  const seen = new Set<string>();
  for (const part of FIGURE_PARTS) {
    for (const side of part.lateral ? (['right', 'left'] as const) : (['mid'] as const)) {
      const mark = marks.get(`${part.region}:${side}`);
      if (!mark || seen.has(`${part.region}:${side}`)) {
        continue;
      }
      seen.add(`${part.region}:${side}`);
      lines.push({
        region: part.region,
        label: partLabel(mark, vocabulary),
        shading: shadingOf(mark),
        treatments: mark.treatments,
        conflict: mark.conflicts.length > 0,
        conditions: mark.conditions,
      });
    }
  }
  return lines;
}

function shapeElement(shape: Shape, attributes: string): string {
  switch (shape.kind) {
    case 'ellipse':
      return `<ellipse cx="${shape.cx}" cy="${shape.cy}" rx="${shape.rx}" ry="${shape.ry}"${attributes}/>`;
    case 'rect':
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.r}"${attributes}/>`;
    case 'path':
      return `<path d="${shape.d}"${attributes}/>`;
  }
}

/** Presentation-attribute colours, so the SVG reads on its own; the report's stylesheet overrides them per theme. */
// Presentation attributes for readers without the stylesheet (an SVG copied out); the CSS overrides them per theme.
const FILL: Record<Shading | 'none', string> = { none: LIGHT_PALETTE.part, left: LIGHT_PALETTE.left, right: LIGHT_PALETTE.right, both: LIGHT_PALETTE.both };
const CONFLICT_COLOUR = LIGHT_PALETTE.hatch;
const CONDITION_COLOUR = '#6a1b9a';

/** One drawn shape with its tooltip, shading, condition outline and conflict hatch. */
function partElement(view: View, region: string, side: PartSide, mirrored: boolean, shape: Shape, mark: PartMark | undefined, vocabulary: Vocabulary, t: Translator): string {
  const shading = shadingOf(mark);
  const conflict = (mark?.conflicts.length ?? 0) > 0;
  const condition = (mark?.conditions.length ?? 0) > 0;
  const classes = ['bm-part', shading ? `bm-${shading}` : 'bm-untreated', condition ? 'bm-condition' : '', conflict ? 'bm-conflict' : ''].filter(Boolean).join(' ');
  const transform = mirrored ? ` transform="translate(${FIGURE_WIDTH} 0) scale(-1 1)"` : '';
  const label = partLabel({ region, side }, vocabulary);
  const title = [
    t('bodyMap.part', { view: t(view === 'front' ? 'bodyMap.front' : 'bodyMap.back'), part: label }),
    ...(mark?.treatments ?? []).map((what) => t('bodyMap.treated', { what })),
    ...(mark?.conditions ?? []).map((what) => t('bodyMap.condition', { what })),
    ...[...new Set(mark?.conflicts ?? [])].map((what) => t('bodyMap.conflict', { what })),
  ].join('\n');
  const base = shapeElement(
    shape,
    ` class="${classes}" fill="${FILL[shading ?? 'none']}" stroke="${condition ? CONDITION_COLOUR : '#8c8c9c'}" stroke-width="${condition ? 2 : 1}"${condition ? ' stroke-dasharray="4 2"' : ''}`,
  );
  const hatch = conflict ? shapeElement(shape, ` class="bm-hatch" fill="url(#bm-hatch)" stroke="${CONFLICT_COLOUR}" stroke-width="2.5"`) : '';
  const sideAttr = side === 'mid' ? '' : ` data-side="${side}"`;
  return `<g class="bm-region" data-region="${escapeHtml(region)}"${sideAttr} data-view="${view}" id="bm-${view}-${side === 'mid' ? '' : `${side}-`}${escapeHtml(region)}"${transform}><title>${escapeHtml(title)}</title>${base}${hatch}</g>`;
}

/** One figure: its parts in drawing order. On the front view the client's left is on the viewer's right. */
function figure(view: View, marks: Map<string, PartMark>, vocabulary: Vocabulary, t: Translator): string {
  const parts: string[] = [];
  for (const part of FIGURE_PARTS) {
    if (!part.views.includes(view)) {
      continue;
    }
    if (!part.lateral) {
      parts.push(partElement(view, part.region, 'mid', false, part.shape, marks.get(`${part.region}:mid`), vocabulary, t));
      continue;
    }
    // The shapes are drawn for the viewer's left; facing us (front), that is the client's right.
    const viewerLeft: PartSide = view === 'front' ? 'right' : 'left';
    const viewerRight: PartSide = view === 'front' ? 'left' : 'right';
    parts.push(partElement(view, part.region, viewerLeft, false, part.shape, marks.get(`${part.region}:${viewerLeft}`), vocabulary, t));
    parts.push(partElement(view, part.region, viewerRight, true, part.shape, marks.get(`${part.region}:${viewerRight}`), vocabulary, t));
  }
  const leftLetter = t(view === 'front' ? 'bodyMap.rightLetter' : 'bodyMap.leftLetter');
  const rightLetter = t(view === 'front' ? 'bodyMap.leftLetter' : 'bodyMap.rightLetter');
  return (
    `<text class="bm-caption" x="${FIGURE_WIDTH / 2}" y="-8" text-anchor="middle" fill="#1b1b1b">${t(view === 'front' ? 'bodyMap.front' : 'bodyMap.back')}</text>` +
    parts.join('') +
    // Side letters under each hand, so a reader can tell the client's left from right on either figure.
    `<text class="bm-side-letter" x="52" y="262" text-anchor="middle" fill="#1b1b1b">${leftLetter}</text>` +
    `<text class="bm-side-letter" x="${FIGURE_WIDTH - 52}" y="262" text-anchor="middle" fill="#1b1b1b">${rightLetter}</text>`
  );
}

const LEGEND: { cls: string; label: MessageKey; swatch: string }[] = [
  { cls: 'bm-left', label: 'bodyMap.legend.left', swatch: `fill="${FILL.left}" stroke="#8c8c9c"` },
  { cls: 'bm-right', label: 'bodyMap.legend.right', swatch: `fill="${FILL.right}" stroke="#8c8c9c"` },
  { cls: 'bm-both', label: 'bodyMap.legend.both', swatch: `fill="${FILL.both}" stroke="#8c8c9c"` },
  { cls: 'bm-untreated bm-condition', label: 'bodyMap.legend.condition', swatch: `fill="${FILL.none}" stroke="${CONDITION_COLOUR}" stroke-width="2" stroke-dasharray="4 2"` },
  { cls: 'bm-hatch', label: 'bodyMap.legend.conflict', swatch: `fill="url(#bm-hatch)" stroke="${CONFLICT_COLOUR}" stroke-width="2.5"` },
];

function legend(y: number, t: Translator): string {
  return LEGEND.map((item, i) => {
    const x = 14 + (i % 3) * 140;
    const row = y + Math.floor(i / 3) * 22;
    // The hatch swatch is not a body part: the part fill rule would paint over its pattern.
    const cls = item.cls === 'bm-hatch' ? item.cls : `bm-part ${item.cls}`;
    return `<g class="bm-legend-item"><rect class="${cls}" x="${x}" y="${row}" width="16" height="12" rx="2" ${item.swatch}/><text class="bm-legend-text" x="${x + 22}" y="${row + 10}" fill="#1b1b1b">${t(item.label)}</text></g>`;
  }).join('');
}

/**
 * The body map: front and back figures with treated regions shaded by side, regions in conflict
 * hatched and outlined in red, and regions with a recorded condition outlined dashed; a legend
 * below. Self-contained SVG (no external assets); every value from the note is escaped. Captions,
 * legend and tooltips' fixed words are in `locale` (default English).
 */
export function renderBodyMap(analysis: Analysis, vocabulary: Vocabulary, locale?: Locale): string {
  const t = translator(locale);
  const marks = bodyMarks(analysis, vocabulary);
  const summary = bodyMapSummary(analysis, vocabulary);
  const treated = summary.filter((l) => l.treatments.length > 0).map((l) => l.label);
  const conflicts = summary.filter((l) => l.conflict).map((l) => l.label);
  const aria = [
    t('bodyMap.label'),
    treated.length ? t('bodyMap.label.treated', { list: treated.join(', ') }) : t('bodyMap.label.noneTreated'),
    conflicts.length ? t('bodyMap.label.conflict', { list: conflicts.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join('; ');
  const top = 26;
  const legendY = top + FIGURE_HEIGHT + 14;
  const width = FIGURE_WIDTH * 2 + 30;
  const height = legendY + 46;
  const defs =
    '<defs><pattern id="bm-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">' +
    `<line x1="0" y1="0" x2="0" y2="6" stroke="${CONFLICT_COLOUR}" stroke-width="2.5"/></pattern></defs>`;
  return (
    `<svg class="body-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(aria)}">` +
    `<title>${escapeHtml(aria)}</title>${defs}` +
    `<g class="bm-figure bm-front" transform="translate(10 ${top})">${figure('front', marks, vocabulary, t)}</g>` +
    `<g class="bm-figure bm-back" transform="translate(${FIGURE_WIDTH + 20} ${top})">${figure('back', marks, vocabulary, t)}</g>` +
    `<g class="bm-legend">${legend(legendY, t)}</g>` +
    '</svg>'
  );
}
