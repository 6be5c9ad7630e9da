// Draws the app icons (a white map pin on the Badung teal) into
// shell/icons/icon-192.png and icon-512.png. Run once after changing the
// design: node web/make_icons.mjs. The PNGs are committed, so builds need no Node.
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';

const teal = [15, 118, 110];
const white = [255, 255, 255];

// Coverage of the pin at (x, y) in units of the icon size: a circle of
// radius 0.22 centred at (0.5, 0.42) joined to a point at (0.5, 0.82),
// with a hole of radius 0.09.
function insidePin(x, y) {
  const cx = 0.5;
  const cy = 0.42;
  const r = 0.22;
  const d = Math.hypot(x - cx, y - cy);
  if (d < 0.09) return false;
  if (d <= r) return true;
  const tipY = 0.82;
  if (y < cy || y > tipY) return false;
  const halfWidth = r * (tipY - y) / (tipY - cy) * 0.92;
  return Math.abs(x - cx) <= halfWidth;
}

function drawIcon(size) {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (insidePin((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) covered += 1;
        }
      }
      const t = covered / (samples * samples);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) png.data[i + c] = Math.round(teal[c] * (1 - t) + white[c] * t);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../shell/icons/icon-${size}.png`, import.meta.url), drawIcon(size));
}
