/**
 * Finds rows of glyph-like marks: small connected components of one polarity (bright marks, or
 * dark marks on a bright ground) that sit side by side on a common baseline, the way letters of
 * burned-in text do and anatomy does not. Sizes are in pixels, not millimetres: text is drawn in
 * screen pixels whatever the field of view.
 */
import type { Component } from './burned-in-components.js';

/** Whether the marks are brighter or darker than their surroundings. */
export type Polarity = 'bright' | 'dark';

/** One row of glyph-like marks: its bounding box (inclusive, pixels) and the marks in it. */
export interface GlyphLine {
  readonly polarity: Polarity;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** The median height of the marks, in pixels (about the capital height of the font). */
  readonly glyphHeight: number;
  readonly glyphs: readonly Component[];
}

// Capital heights of screen text on a 512-pixel slice run from about 6 to 20 pixels; marks
// shorter than 5 pixels are punctuation or noise, and taller ones (per 512 pixels of the
// image's smaller side) are ribs, vessels and table parts.
const MIN_GLYPH_HEIGHT = 5;
const MAX_GLYPH_HEIGHT_PER_512 = 24;
// Letters that touch merge into one mark; wider than four letters' worth is a line or an edge.
const MAX_WIDTH_PER_HEIGHT = 4;
// A filled box is no letter, except a narrow bar (I, l, 1, |).
const MAX_FILL = 0.85;
const BAR_WIDTH = 3;
// Neighbours in a line: gap up to a word space, heights within a capital/lower-case ratio,
// and at least half the smaller mark's height shared.
const MAX_GAP_PER_HEIGHT = 1.5;
const MAX_HEIGHT_RATIO = 2.2;
const MIN_VERTICAL_OVERLAP = 0.5;
// A line needs this many marks, most of them ending on one baseline (descenders excepted).
const MIN_GLYPHS_PER_LINE = 4;
const MIN_BASELINE_SHARE = 0.6;
const BASELINE_TOLERANCE = 0.2;

/** The tallest mark that can pass for a letter in an image of the given size, in pixels. */
export function maxGlyphHeight(rows: number, columns: number): number {
  return Math.round(MAX_GLYPH_HEIGHT_PER_512 * Math.max(1, Math.min(rows, columns) / 512));
}

/** True when a component has the size and shape of a letter or digit. */
export function isGlyphLike(component: Component, maxHeight: number): boolean {
  const height = component.maxY - component.minY + 1;
  const width = component.maxX - component.minX + 1;
  if (height < MIN_GLYPH_HEIGHT || height > maxHeight) return false;
  if (width > MAX_WIDTH_PER_HEIGHT * height) return false;

  const fill = component.area / (width * height);
  return fill <= MAX_FILL || width <= BAR_WIDTH;
}

/** Groups glyph-like components (at most `maxHeight` tall) into lines of text-like marks. */
export function groupIntoLines(
  glyphs: readonly Component[],
  polarity: Polarity,
  maxHeight: number,
): GlyphLine[] {
  const sorted = [...glyphs].sort((a, b) => a.minX - b.minX);
  const parent = sorted.map((_, index) => index);

  for (let i = 0; i < sorted.length; i++) {
    const left = sorted[i];
    if (left === undefined) continue;
    const leftHeight = left.maxY - left.minY + 1;
    for (let j = i + 1; j < sorted.length; j++) {
      const right = sorted[j];
      if (right === undefined) continue;
      // Sorted by left edge: once the gap is too wide for the tallest possible mark, stop.
      if (right.minX - left.maxX - 1 > MAX_GAP_PER_HEIGHT * maxHeight) break;
      if (areNeighbours(left, leftHeight, right)) join(parent, i, j);
    }
  }

  const clusters = new Map<number, Component[]>();
  sorted.forEach((glyph, index) => {
    const root = rootOf(parent, index);
    const members = clusters.get(root) ?? [];
    members.push(glyph);
    clusters.set(root, members);
  });

  const lines: GlyphLine[] = [];
  for (const members of clusters.values()) {
    const line = asLine(members, polarity);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

function areNeighbours(left: Component, leftHeight: number, right: Component): boolean {
  const rightHeight = right.maxY - right.minY + 1;
  const tallest = Math.max(leftHeight, rightHeight);
  const shortest = Math.min(leftHeight, rightHeight);
  if (tallest > MAX_HEIGHT_RATIO * shortest) return false;

  const gap = right.minX - left.maxX - 1;
  if (gap > MAX_GAP_PER_HEIGHT * tallest) return false;

  const overlap = Math.min(left.maxY, right.maxY) - Math.max(left.minY, right.minY) + 1;
  return overlap >= MIN_VERTICAL_OVERLAP * shortest;
}

function asLine(members: Component[], polarity: Polarity): GlyphLine | undefined {
  if (members.length < MIN_GLYPHS_PER_LINE) return undefined;

  const heights = members.map((glyph) => glyph.maxY - glyph.minY + 1);
  const glyphHeight = median(heights);
  const baseline = median(members.map((glyph) => glyph.maxY));
  const tolerance = Math.max(1, Math.round(BASELINE_TOLERANCE * glyphHeight));
  const onBaseline = members.filter((glyph) => Math.abs(glyph.maxY - baseline) <= tolerance);
  if (onBaseline.length < Math.max(MIN_GLYPHS_PER_LINE - 1, MIN_BASELINE_SHARE * members.length)) {
    return undefined;
  }

  return {
    polarity,
    minX: Math.min(...members.map((glyph) => glyph.minX)),
    minY: Math.min(...members.map((glyph) => glyph.minY)),
    maxX: Math.max(...members.map((glyph) => glyph.maxX)),
    maxY: Math.max(...members.map((glyph) => glyph.maxY)),
    glyphHeight,
    glyphs: members,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function rootOf(parent: number[], index: number): number {
  let root = index;
  while ((parent[root] ?? root) !== root) root = parent[root] ?? root;
  return root;
}

function join(parent: number[], a: number, b: number): void {
  const rootA = rootOf(parent, a);
  const rootB = rootOf(parent, b);
  if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
}
