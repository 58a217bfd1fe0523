// Pan and zoom arithmetic for the diagram (no DOM: unit-tested in Node). A diagram point p is drawn on
// screen at p * k + (x, y).
import type { ViewTransform } from '../../src/shared/protocol/diagram';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** Zooms by `factor` keeping the diagram point under the screen point (sx, sy) where it is. */
export function zoomAt(t: ViewTransform, factor: number, sx: number, sy: number): ViewTransform {
  const k = clampZoom(t.k * factor);
  const ratio = k / t.k;
  return { k, x: sx - (sx - t.x) * ratio, y: sy - (sy - t.y) * ratio };
}

export const panBy = (t: ViewTransform, dx: number, dy: number): ViewTransform => ({
  k: t.k,
  x: t.x + dx,
  y: t.y + dy,
});

/** The whole of `bounds` in a viewport of width x height, centred, never zoomed in past 1. */
export function fit(bounds: Rect, width: number, height: number, margin = 24): ViewTransform {
  if (bounds.width <= 0 || bounds.height <= 0 || width <= 0 || height <= 0) return { x: margin, y: margin, k: 1 };
  const k = clampZoom(Math.min(1, (width - 2 * margin) / bounds.width, (height - 2 * margin) / bounds.height));
  return { k, x: (width - bounds.width * k) / 2 - bounds.x * k, y: (height - bounds.height * k) / 2 - bounds.y * k };
}

/** Puts the centre of `r` in the middle of the viewport, at zoom `k` (default: the current one, at least 0.6). */
export function centerOn(
  t: ViewTransform,
  r: Rect,
  width: number,
  height: number,
  k = Math.max(t.k, 0.6),
): ViewTransform {
  const z = clampZoom(k);
  return { k: z, x: width / 2 - (r.x + r.width / 2) * z, y: height / 2 - (r.y + r.height / 2) * z };
}

/** Smallest rectangle holding all of `rects` (and `pad` around it). */
export function union(rects: Rect[], pad = 0): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x0 = Math.min(...rects.map((r) => r.x)) - pad;
  const y0 = Math.min(...rects.map((r) => r.y)) - pad;
  const x1 = Math.max(...rects.map((r) => r.x + r.width)) + pad;
  const y1 = Math.max(...rects.map((r) => r.y + r.height)) + pad;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether the screen-space part of a diagram rectangle is fully inside the viewport. */
export function isVisible(t: ViewTransform, r: Rect, width: number, height: number): boolean {
  const x = r.x * t.k + t.x;
  const y = r.y * t.k + t.y;
  return x >= 0 && y >= 0 && x + r.width * t.k <= width && y + r.height * t.k <= height;
}
