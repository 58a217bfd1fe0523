// Export of what the diagram shows as a standalone SVG (theme colours resolved and written inline, so the
// file looks the same outside VS Code) and as PNG (that SVG drawn on a canvas at 2x).

const inlined = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** A copy of `svg` showing the whole diagram (not the current pan/zoom), with every style written inline. */
export function standaloneSvg(
  svg: SVGSVGElement,
  viewport: SVGGElement,
  width: number,
  height: number,
  background: string,
): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // copy the computed style of every element onto its twin in the clone
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const copy = copies[i] as SVGElement;
    const cs = getComputedStyle(el);
    const style = inlined
      .map((p) => `${p}:${cs.getPropertyValue(p)}`)
      .filter((s) => !s.endsWith(':'))
      .join(';');
    copy.setAttribute('style', style);
    copy.removeAttribute('class');
  });
  const vp = clone.querySelector(`#${viewport.id}`);
  vp?.setAttribute('transform', 'translate(0,0) scale(1)');
  clone.removeAttribute('id');
  for (const el of clone.querySelectorAll('[id]')) el.removeAttribute('id');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** The SVG rendered to PNG; returns base64 without the `data:` prefix. */
export async function svgToPngBase64(svgText: string, width: number, height: number): Promise<string> {
  // 2x for sharp text, but keep the canvas within what browsers draw (16k px a side, ~128 M px)
  const scale = Math.max(0.25, Math.min(2, 16000 / width, 16000 / height, Math.sqrt(120e6 / (width * height))));
  const img = new Image();
  img.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the browser could not render the SVG'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
