// Layers that share a category still differ on the map: OSM clinics and
// pharmacies (faskes-osm) are not drawn in the red of faskes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, parseHex, snapshot } from './support/pixels.mjs';

const pointLayers = ['sekolah', 'faskes', 'faskes-osm', 'ibadah', 'pantai', 'halte'];

function readLayer(id) {
  return JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', `${id}.geojson`), 'utf8'));
}

// A point of layer id with no other point within about 150 m, so the pixel
// at its position is its own marker (bus routes are hidden in before()).
function isolatedPoint(id) {
  const points = pointLayers.flatMap((layer) => readLayer(layer).features
    .filter((feature) => feature.geometry?.type === 'Point')
    .map((feature) => feature.geometry.coordinates));
  const limit = (150 / 111_000) ** 2;
  const found = readLayer(id).features.find((feature) => {
    if (feature.geometry?.type !== 'Point') return false;
    const [x, y] = feature.geometry.coordinates;
    return points.filter(([a, b]) => (a - x) ** 2 + (b - y) ** 2 <= limit).length === 1;
  });
  assert.ok(found, `the ${id} layer has no isolated point`);
  return found.geometry.coordinates;
}

describe('layer colours', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.evaluate(() => window.badungMap.setLayerVisible('rute-bus', false));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function markerColour(id) {
    const [lon, lat] = isolatedPoint(id);
    await page.evaluate(([x, y]) => window.badungMap.setView({ lon: x, lat: y, zoom: 16 }), [lon, lat]);
    const { x, y } = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
    return (await snapshot(page)).at(x, y);
  }

  test('faskes-osm markers are pink, faskes markers red', async () => {
    const osm = await markerColour('faskes-osm');
    const faskes = await markerColour('faskes');
    assert.ok(colourDistance(osm, parseHex('#CC79A7')) <= 40, `faskes-osm marker is ${osm}`);
    assert.ok(colourDistance(faskes, parseHex('#D7263D')) <= 40, `faskes marker is ${faskes}`);
  });

  // The layer list's swatches come from the shipped style, also for layers
  // the style hides at the opening zoom (points start at z10 or z12).
  test('swatches keep colours below minzoom', async () => {
    const style = JSON.parse(readFileSync(join(root, 'dist', 'data', 'styles', 'badung.json'), 'utf8'));
    await page.evaluate(() => window.badungMap.setView({ lon: 115.175, lat: -8.545, zoom: 9 }));
    const layers = await page.evaluate(() => window.badungMap.layers());
    const colourOf = (id) => layers.find((layer) => layer.id === id)?.color;

    const circles = style.layers.filter((layer) => layer.type === 'circle' && typeof layer.paint['circle-color'] === 'string');
    assert.ok(circles.length >= 5, `the style has only ${circles.length} circle layers`);
    for (const layer of circles) {
      assert.ok(layer.minzoom > 9, `${layer.id} shows at zoom 9, so this case tests nothing`);
      assert.equal(colourOf(layer['source-layer']), layer.paint['circle-color'].toLowerCase(), layer.id);
    }
    const kecamatanColours = style.layers.find((layer) => layer.id === 'kecamatan-area').paint['fill-color']
      .filter((value) => typeof value === 'string' && value.startsWith('#')).map((value) => value.toLowerCase());
    assert.ok(kecamatanColours.includes(colourOf('kecamatan')), `kecamatan swatch ${colourOf('kecamatan')}`);
    for (const layer of layers) assert.notEqual(layer.color, '#000000', layer.id);
  });
});
