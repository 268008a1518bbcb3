// Draws the app icons (a bell) and writes manifest/color.png and manifest/outline.png.
// Run with `npx tsx manifest/make-icons.ts` after changing the drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { encodePng } from './png.js';

type Rgb = readonly [number, number, number];

const accent: Rgb = [0x0f, 0x6c, 0xbd];
const white: Rgb = [0xff, 0xff, 0xff];

/** Samples per pixel side for anti-aliasing: coverage is the share of 4x4 sub-pixel samples inside a shape. */
const samples = 4;

function inCircle(x: number, y: number, cx: number, cy: number, radius: number): boolean {
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * Tests whether a point of the unit square lies on the bell: a round crown, sides that widen
 * downwards, a rim, a knob on top and a clapper below.
 */
function inBell(x: number, y: number): boolean {
  const dx = Math.abs(x - 0.5);
  const crown = inCircle(x, y, 0.5, 0.4, 0.21);
  const sides = y >= 0.4 && y <= 0.7 && dx <= 0.21 + (y - 0.4) * 0.3;
  const rim = y >= 0.68 && y <= 0.75 && dx <= 0.34;
  const knob = inCircle(x, y, 0.5, 0.17, 0.05);
  const clapper = inCircle(x, y, 0.5, 0.8, 0.075);
  return crown || sides || rim || knob || clapper;
}

function coverage(size: number, px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples) / size;
      const y = (py + (sy + 0.5) / samples) / size;
      if (inside(x, y)) {
        hits++;
      }
    }
  }
  return hits / (samples * samples);
}

/** Draws the full-colour icon: a white bell on an opaque accent-coloured square. */
function drawColorIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const bell = coverage(size, px, py, inBell);
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round((accent[channel] ?? 0) * (1 - bell) + (white[channel] ?? 0) * bell);
      }
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

/** Draws the outline icon, white on a transparent background as Teams requires. */
function drawOutlineIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const offset = (py * size + px) * 4;
      pixels.set([...white, Math.round(255 * coverage(size, px, py, inBell))], offset);
    }
  }
  return pixels;
}

const colorPath = fileURLToPath(new URL('./color.png', import.meta.url));
const outlinePath = fileURLToPath(new URL('./outline.png', import.meta.url));
writeFileSync(colorPath, encodePng(192, 192, drawColorIcon(192)));
writeFileSync(outlinePath, encodePng(32, 32, drawOutlineIcon(32)));
console.log(`Wrote ${colorPath} and ${outlinePath}`);
