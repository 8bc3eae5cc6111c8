/**
 * Draws the Teams app icons, deterministically, and writes them to infra/teams/:
 *   color.png    192x192, a white speech bubble with three dots on the accent colour
 *   outline.png   32x32, the same bubble as a white outline on a transparent background
 *
 * Usage: tsx scripts/make-icons.ts   (the PNGs are committed; rerun only to change the design)
 * The unit tests redraw both icons and compare them with the committed files pixel by pixel.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

/** The manifest's accentColor; also the colour icon's background. GOV.UK blue: 5.2:1 against white. */
export const ACCENT = '#1D70B8';

export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

function hex(colour: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`make-icons: '${colour}' is not a #rrggbb colour`);
  return { r: parseInt(m[1], 16), g: parseInt(m[2], 16), b: parseInt(m[3], 16) };
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/** A shape as "is this point inside?", in the icon's own pixel coordinates. */
type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - radius;
  const hy = (y1 - y0) / 2 - radius;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    const inside = Math.min(Math.max(qx, qy), 0);
    return outside + inside - radius <= 0;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number): number => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    const negative = d1 < 0 || d2 < 0 || d3 < 0;
    const positive = d1 > 0 || d2 > 0 || d3 > 0;
    return !(negative && positive);
  };
}

function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Fraction of a pixel covered by a shape, from SAMPLES x SAMPLES points: smooth, repeatable edges. */
const SAMPLES = 4;
function coverage(shape: Shape, px: number, py: number): number {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      if (shape(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES)) hits += 1;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

const mix = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);

/** 192x192 colour icon: white bubble and accent-coloured dots on a solid accent background. */
export function renderColourIcon(): PNG {
  const size = 192;
  const accent = hex(ACCENT);
  const bubble = union(roundedRect(36, 44, 156, 132, 22), triangle(58, 128, 58, 160, 96, 128));
  const dots = union(circle(66, 88, 10), circle(96, 88, 10), circle(126, 88, 10));
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const white = coverage(bubble, x, y) * (1 - coverage(dots, x, y));
      const i = (y * size + x) * 4;
      png.data[i] = mix(accent.r, WHITE.r, white);
      png.data[i + 1] = mix(accent.g, WHITE.g, white);
      png.data[i + 2] = mix(accent.b, WHITE.b, white);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32x32 outline icon: white only, on transparent; the bubble's outline, its tail and three dots. */
export function renderOutlineIcon(): PNG {
  const size = 32;
  const outer = roundedRect(3, 5, 29, 23, 5);
  const inner = roundedRect(5, 7, 27, 21, 3);
  const tail = triangle(8, 21, 8, 29, 15, 21);
  const dots = union(circle(10.5, 14, 1.6), circle(16, 14, 1.6), circle(21.5, 14, 1.6));
  const shape = union(minus(outer, inner), tail, dots);
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(shape, x, y));
    }
  }
  return png;
}

export function writeIcons(dir: string): string[] {
  const files = [
    { file: join(dir, ICON_FILES.color), png: renderColourIcon() },
    { file: join(dir, ICON_FILES.outline), png: renderOutlineIcon() },
  ];
  for (const { file, png } of files) writeFileSync(file, PNG.sync.write(png));
  return files.map((f) => f.file);
}

if (require.main === module) {
  const dir = resolve(__dirname, '..', 'infra', 'teams');
  for (const file of writeIcons(dir)) process.stdout.write(`make-icons: wrote ${file}\n`);
}
