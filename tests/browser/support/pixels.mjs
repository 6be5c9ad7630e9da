// Reads pixels of what the page shows, from a real screenshot.
import { PNG } from 'pngjs';

// The HTML boxes that float over the map (finder, offline state), hidden
// while a screenshot is taken so pixel checks see the map under them.
export const mapOnlyStyle = '#finder, #offline-panel { visibility: hidden !important; }';

// Takes one screenshot of the viewport, once the map has drawn every tile
// of its view, and returns a reader of CSS pixels: at(x, y) -> [r, g, b, a].
export async function snapshot(page) {
  await page.evaluate(() => window.badungMap?.idle?.());
  const scale = await page.evaluate(() => window.devicePixelRatio);
  const image = PNG.sync.read(await page.screenshot({ type: 'png', style: mapOnlyStyle }));

  return {
    width: image.width,
    height: image.height,
    at(x, y) {
      const px = Math.min(image.width - 1, Math.max(0, Math.round(x * scale)));
      const py = Math.min(image.height - 1, Math.max(0, Math.round(y * scale)));
      const i = (py * image.width + px) * 4;
      return Array.from(image.data.subarray(i, i + 4));
    },
  };
}

// Largest per-channel difference between two [r, g, b, ...] colours.
export function colourDistance(a, b) {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

// Parses "#rrggbb" into [r, g, b].
export function parseHex(hex) {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!value) throw new Error(`invalid colour '${hex}': expected #rrggbb`);
  const n = parseInt(value[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
