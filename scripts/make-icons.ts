// Draws the two Teams app icons with pure pixel maths, so they are reproducible byte for byte.
//   appPackage/color.png    192×192, the accent colour as a rounded square with a white glyph
//   appPackage/outline.png   32×32, the same glyph in white on a fully transparent background
// The glyph is two overlapping rings (two people in attuned interaction) with the shared lens filled.
//
// Run: tsx scripts/make-icons.ts   (writes the files)
// Import: renderIcons()            (returns the PNG bytes, writes nothing)
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

/** Accent colour of the app (manifest accentColor #0F6E6E). */
const TEAL = { r: 0x0f, g: 0x6e, b: 0x6e } as const;
const WHITE = { r: 0xff, g: 0xff, b: 0xff } as const;

/** Sub-samples per pixel along each axis, for antialiasing. */
const SUPERSAMPLE = 8;

interface Glyph {
  /** Centre of the glyph, in pixels. */
  cx: number;
  cy: number;
  /** Horizontal distance from the glyph centre to each ring's centre. */
  offset: number;
  /** Radius of each ring, measured to the middle of its stroke. */
  radius: number;
  /** Stroke width of the rings. */
  stroke: number;
  /** Empty space between the rings' inner edges and the filled lens. */
  gap: number;
}

interface RoundedSquare {
  size: number;
  cornerRadius: number;
}

type Shape = (x: number, y: number) => boolean;

function insideGlyph(g: Glyph): Shape {
  const inner = g.radius - g.stroke / 2;
  const outer = g.radius + g.stroke / 2;
  const lens = inner - g.gap;
  return (x, y) => {
    const dy = y - g.cy;
    const dl = Math.sqrt((x - g.cx + g.offset) ** 2 + dy * dy);
    const dr = Math.sqrt((x - g.cx - g.offset) ** 2 + dy * dy);
    return (dl >= inner && dl <= outer) || (dr >= inner && dr <= outer) || (dl <= lens && dr <= lens);
  };
}

function insideRoundedSquare(s: RoundedSquare): Shape {
  const r = s.cornerRadius;
  return (x, y) => {
    if (x < 0 || y < 0 || x > s.size || y > s.size) return false;
    const nx = Math.min(Math.max(x, r), s.size - r);
    const ny = Math.min(Math.max(y, r), s.size - r);
    return (x - nx) ** 2 + (y - ny) ** 2 <= r * r;
  };
}

/** Fraction of pixel (px, py) covered by a shape, as 0..255. */
function coverage(shape: Shape, px: number, py: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (shape(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) hits++;
    }
  }
  return Math.round((hits * 255) / (SUPERSAMPLE * SUPERSAMPLE));
}

function encode(png: PNG): Buffer {
  // Fixed encoder settings, so the bytes depend only on the pixels.
  return PNG.sync.write(png, { colorType: 6, inputHasAlpha: true, deflateLevel: 9, deflateStrategy: 3, filterType: -1 });
}

function renderColor(): Buffer {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const background = insideRoundedSquare({ size, cornerRadius: 40 });
  // Glyph spans 2 × (offset + radius + stroke / 2) = 118 px: inside the 120 px safe area Teams asks for.
  const glyph = insideGlyph({ cx: 96, cy: 96, offset: 16, radius: 36, stroke: 9, gap: 5 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bg = coverage(background, x, y);
      const fg = coverage(glyph, x, y);
      const mix = (b: number, w: number): number => Math.round((b * (255 - fg) + w * fg) / 255);
      const i = (y * size + x) * 4;
      png.data[i] = mix(TEAL.r, WHITE.r);
      png.data[i + 1] = mix(TEAL.g, WHITE.g);
      png.data[i + 2] = mix(TEAL.b, WHITE.b);
      png.data[i + 3] = bg;
    }
  }
  return encode(png);
}

function renderOutline(): Buffer {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  // The colour glyph redrawn 28 px wide, with a wider gap round the lens so it stays legible at this size.
  const glyph = insideGlyph({ cx: 16, cy: 16, offset: 4, radius: 9, stroke: 2, gap: 1.75 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Teams outline icons are white on transparent: colour is always white, only alpha varies.
      png.data[i] = WHITE.r;
      png.data[i + 1] = WHITE.g;
      png.data[i + 2] = WHITE.b;
      png.data[i + 3] = coverage(glyph, x, y);
    }
  }
  return encode(png);
}

/** Renders both icons. Pure and deterministic: the same bytes on every call. */
export function renderIcons(): { color: Buffer; outline: Buffer } {
  return { color: renderColor(), outline: renderOutline() };
}

/** Where the committed icons live. */
export const iconPaths = {
  color: fileURLToPath(new URL('../appPackage/color.png', import.meta.url)),
  outline: fileURLToPath(new URL('../appPackage/outline.png', import.meta.url)),
} as const;

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const icons = renderIcons();
  writeFileSync(iconPaths.color, icons.color);
  writeFileSync(iconPaths.outline, icons.outline);
  console.log(`wrote ${iconPaths.color} (${icons.color.length} bytes) and ${iconPaths.outline} (${icons.outline.length} bytes)`);
}
