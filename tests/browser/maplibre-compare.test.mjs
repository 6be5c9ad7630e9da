// The same view drawn by MapLibre GL JS (from the vector tiles, the shipped
// style and the project's glyphs) and by our app. On a coarse grid, each
// cell is classed as water, land, road or other by its colours, and at
// least 95 % of the cells must agree.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

import { launchBrowser } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, mapOnlyStyle, parseHex } from './support/pixels.mjs';

// Kuta and Tuban: sea on both sides, land, kecamatan areas and bus-corridor
// roads. Zoom 12.5 is inside every layer's zoom range in the style and the
// tiles, so both renderers draw the same layers.
const view = { lon: 115.185, lat: -8.715, zoom: 12.5 };
// Under 600 px wide the app's panel starts collapsed to its title bar,
// which the skipped top rows cover.
const viewport = { width: 560, height: 560 };
const cellSize = 20;
const skippedTopRows = 2;
const minAgreement = 0.95;

const land = parseHex('#F4F1E8');
const kecamatanColours = ['#F6C28B', '#A8D5A2', '#F4A6B7', '#E6D3A3', '#D9C3F0', '#F9E29C', '#D4E09B'];
// kecamatan fills are drawn at opacity 0.55 over the land.
const over = (top, alpha, bottom) => top.map((c, i) => Math.round(alpha * c + (1 - alpha) * bottom[i]));
const areas = [land, ...kecamatanColours.map((hex) => over(parseHex(hex), 0.55, land))];
// Roads: the road fill and casing, and the bus routes (at opacity 0.85)
// that run on most of the bus-corridor roads.
const busRoute = parseHex('#D55E00');
const references = [
  { cls: 'water', colour: parseHex('#A9CFE0') },
  ...areas.map((colour) => ({ cls: 'land', colour })),
  { cls: 'road', colour: parseHex('#FFF4C9') },
  { cls: 'road', colour: parseHex('#B89A5A') },
  ...areas.map((area) => ({ cls: 'road', colour: over(busRoute, 0.85, area) })),
];
const maxColourDistance = 12;

function classifyPixel(pixel) {
  let best = 'other';
  let bestDistance = maxColourDistance + 1;
  for (const { cls, colour } of references) {
    const distance = colourDistance(pixel, colour);
    if (distance < bestDistance) {
      best = cls;
      bestDistance = distance;
    }
  }
  return best;
}

// Classes each cell: road when at least 10 % of its pixels are road (a
// road is a few pixels wide, never most of a cell), else its most common
// class of water, land and other.
function classifyCells(png) {
  const cells = [];
  for (let cy = skippedTopRows; cy < Math.floor(png.height / cellSize); cy += 1) {
    for (let cx = 0; cx < Math.floor(png.width / cellSize); cx += 1) {
      const counts = { water: 0, land: 0, road: 0, other: 0 };
      for (let y = cy * cellSize; y < (cy + 1) * cellSize; y += 1) {
        for (let x = cx * cellSize; x < (cx + 1) * cellSize; x += 1) {
          const i = (y * png.width + x) * 4;
          counts[classifyPixel(png.data.subarray(i, i + 3))] += 1;
        }
      }
      const total = cellSize * cellSize;
      let cls = 'other';
      if (counts.road >= total * 0.1) {
        cls = 'road';
      } else {
        cls = ['water', 'land', 'other'].reduce((a, b) => (counts[b] > counts[a] ? b : a));
      }
      cells.push({ cx, cy, cls });
    }
  }
  return cells;
}

function countClasses(cells) {
  const counts = { water: 0, land: 0, road: 0, other: 0 };
  for (const cell of cells) counts[cell.cls] += 1;
  return counts;
}

function maplibrePage(origin) {
  return `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<script src="/maplibre/maplibre-gl.js"></script>
<style>html, body, #map { margin: 0; width: 100%; height: 100%; }</style>
</head><body><div id="map"></div><script>
window.mapErrors = [];
window.map = new maplibregl.Map({
  container: 'map', style: '${origin}/styles/badung.json',
  center: [${view.lon}, ${view.lat}], zoom: ${view.zoom},
  attributionControl: false, fadeDuration: 0, interactive: false,
});
window.map.on('error', (event) => window.mapErrors.push(String(event.error?.message ?? event.error)));
window.mapIdle = new Promise((resolve) => window.map.once('idle', resolve));
</script></body></html>`;
}

describe('MapLibre comparison', () => {
  let server;
  let browser;
  const failedResponses = [];
  const glyphResponses = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function renderMaplibre() {
    const page = await browser.browser.newPage({ viewport });
    page.on('response', (response) => {
      if (response.status() >= 400) failedResponses.push(`HTTP ${response.status()} for ${response.url()}`);
      if (response.url().includes('/fonts/')) glyphResponses.push(response.status());
    });
    const dist = join(root, 'node_modules', 'maplibre-gl', 'dist');
    await page.route(`${server.url}/maplibre/*`, (route) => route.fulfill({
      path: join(dist, new URL(route.request().url()).pathname.split('/').pop()),
    }));
    await page.route(`${server.url}/maplibre-compare.html`, (route) => route.fulfill({
      contentType: 'text/html', body: maplibrePage(server.url),
    }));
    await page.goto(`${server.url}/maplibre-compare.html`);
    await page.evaluate(() => window.mapIdle);
    const labels = await page.evaluate(() => window.map.queryRenderedFeatures({
      layers: ['kecamatan-label', 'desa-label', 'road-label'],
    }).length);
    const errors = await page.evaluate(() => window.mapErrors);
    const png = PNG.sync.read(await page.screenshot({ type: 'png', style: mapOnlyStyle }));
    await page.close();
    return { png, labels, errors };
  }

  async function renderOurs() {
    const page = await browser.browser.newPage({ viewport });
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.addStyleTag({ content: '#zoom-controls, #attribution { display: none !important; }' });
    await page.evaluate((v) => window.badungMap.setView(v), view);
    // The map draws from vector tiles: wait until the view's tiles are drawn.
    await page.evaluate(() => window.badungMap.idle());
    const png = PNG.sync.read(await page.screenshot({ type: 'png', style: mapOnlyStyle }));
    await page.close();
    return { png };
  }

  test('our app and MapLibre agree on 95 % of grid cells', async (t) => {
    const reference = await renderMaplibre();
    assert.deepEqual(reference.errors, [], 'MapLibre reported errors');
    assert.deepEqual(failedResponses, [], 'requests failed while MapLibre loaded');
    assert.ok(glyphResponses.length > 0 && glyphResponses.every((status) => status === 200),
      `glyph requests: ${glyphResponses.join(', ') || 'none'}`);
    assert.ok(reference.labels > 0, 'MapLibre placed no labels with our glyphs');

    const ours = await renderOurs();
    // BADUNG_COMPARE_OUT=DIR keeps both screenshots for a look.
    if (process.env.BADUNG_COMPARE_OUT) {
      writeFileSync(join(process.env.BADUNG_COMPARE_OUT, 'maplibre.png'), PNG.sync.write(reference.png));
      writeFileSync(join(process.env.BADUNG_COMPARE_OUT, 'ours.png'), PNG.sync.write(ours.png));
    }
    const theirs = classifyCells(reference.png);
    const mine = classifyCells(ours.png);
    assert.equal(mine.length, theirs.length);

    // The view must hold every class, or agreement would prove little.
    const counts = countClasses(theirs);
    assert.ok(counts.water >= theirs.length * 0.05, `too little water in MapLibre's view: ${JSON.stringify(counts)}`);
    assert.ok(counts.land >= theirs.length * 0.2, `too little land in MapLibre's view: ${JSON.stringify(counts)}`);
    assert.ok(counts.road >= 5, `no roads in MapLibre's view: ${JSON.stringify(counts)}`);

    const disagreements = theirs.filter((cell, i) => cell.cls !== mine[i].cls);
    const agreement = 1 - disagreements.length / theirs.length;
    const sample = disagreements.slice(0, 10)
      .map((cell, i) => `(${cell.cx},${cell.cy}) maplibre ${cell.cls}, ours ${mine[theirs.indexOf(cell)].cls}`);
    t.diagnostic(`${(agreement * 100).toFixed(1)} % of ${theirs.length} cells agree; MapLibre ${JSON.stringify(counts)}`);
    assert.ok(agreement >= minAgreement,
      `only ${(agreement * 100).toFixed(1)} % of ${theirs.length} cells agree; MapLibre ${JSON.stringify(counts)}, ` +
      `ours ${JSON.stringify(countClasses(mine))}; first: ${sample.join('; ')}`);
  });
});
