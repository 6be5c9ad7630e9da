// Labels of the map's symbol layers in our app: kecamatan names drawn in
// their colour, no two label boxes overlapping, the same labels after a
// pan, long names broken by text-max-width, and road names along the
// streets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, parseHex, snapshot } from './support/pixels.mjs';

const viewport = { width: 1024, height: 768 };
const kecamatanText = parseHex('#4B2E83');

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(label, margin) {
  return label.x >= margin && label.y >= margin && label.x + label.width <= viewport.width - margin &&
    label.y + label.height <= viewport.height - margin;
}

describe('labels', () => {
  let server;
  let browser;
  let page;
  let errors;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport, deviceScaleFactor: 2 });
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Sets the view and waits until its labels are placed with all glyphs.
  async function view(lon, lat, zoom, layer) {
    await page.evaluate((v) => window.badungMap.setView(v), { lon, lat, zoom });
    await page.evaluate(() => window.badungMap.idle());
    await page.waitForFunction((id) => window.badungMap.renderedLabels().some((label) => label.layer === id), layer);
    await page.evaluate(() => window.badungMap.idle());
    return page.evaluate(() => window.badungMap.renderedLabels());
  }

  test('the kecamatan name is drawn in its colour where it is reported', async () => {
    const labels = await view(115.16, -8.63, 11.5, 'kecamatan-label');
    const label = labels.find((l) => l.text.toLowerCase() === 'kuta utara');
    assert.ok(label, `no Kuta Utara label in ${JSON.stringify(labels)}`);
    assert.equal(label.layer, 'kecamatan-label');
    assert.equal(label.text, 'KUTA UTARA', 'text-transform uppercase is applied');

    const pixels = await snapshot(page);
    if (process.env.BADUNG_LABEL_SHOT) writeFileSync(process.env.BADUNG_LABEL_SHOT, await page.screenshot());
    let dark = 0;
    for (let y = label.y; y < label.y + label.height; y += 0.5) {
      for (let x = label.x; x < label.x + label.width; x += 0.5) {
        if (colourDistance(pixels.at(x, y), kecamatanText) < 40) dark += 1;
      }
    }
    assert.ok(dark > 40, `only ${dark} text pixels in the label box ${JSON.stringify(label)}`);
    assert.deepEqual(errors, []);
  });

  test('no two label boxes overlap, and kecamatan win over desa', async () => {
    const labels = await view(115.18, -8.62, 13, 'desa-label');
    assert.ok(labels.length > 3, JSON.stringify(labels));
    for (let i = 0; i < labels.length; i += 1) {
      for (let j = i + 1; j < labels.length; j += 1) {
        assert.ok(!overlaps(labels[i], labels[j]),
          `${JSON.stringify(labels[i])} overlaps ${JSON.stringify(labels[j])}`);
      }
    }
    const kinds = labels.map((l) => l.layer);
    const firstDesa = kinds.indexOf('desa-label');
    assert.ok(kinds.lastIndexOf('kecamatan-label') < firstDesa || !kinds.includes('kecamatan-label'));
  });

  // A short pan within the loaded tiles and a long one that loads new tiles
  // (a z13 tile is 512 CSS pixels wide).
  for (const dx of [120, 400]) {
    test(`a pan of ${dx} px keeps the labels that stay in view`, async () => {
      const before = await view(115.18, -8.62, 13, 'desa-label');
      const start = await page.evaluate(() => window.badungMap.getView());
      // At zoom 13 a CSS pixel is 360 / (512 * 2^13) degrees of longitude.
      const lon = start.lon + (dx * 360) / (512 * 2 ** 13);
      const after = await view(lon, start.lat, 13, 'desa-label');
      const key = (l) => `${l.layer}|${l.text}`;
      const kept = new Map(after.map((l) => [key(l), l]));
      let compared = 0;
      for (const label of before) {
        const shifted = { ...label, x: label.x - dx };
        if (!inside(shifted, 4)) continue;
        compared += 1;
        const now = kept.get(key(label));
        assert.ok(now, `${key(label)} was dropped by a pan`);
        assert.ok(Math.abs(now.x - shifted.x) < 1.5, `${key(label)} moved from x ${shifted.x} to ${now.x}`);
        assert.ok(Math.abs(now.y - shifted.y) < 1.5, `${key(label)} moved from y ${shifted.y} to ${now.y}`);
      }
      assert.ok(compared > 1, `only ${compared} labels stayed in view`);
    });
  }

  test('a school name sits below its point at zoom 16', async () => {
    const name = 'SD Negeri 1 Seminyak';
    const school = JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', 'sekolah.geojson'), 'utf8'))
      .features.find((feature) => feature.properties?.name === name);
    assert.ok(school, `the sekolah layer has no '${name}'`);
    const [lon, lat] = school.geometry.coordinates;
    const labels = await view(lon + 0.001, lat + 0.001, 16, 'facility-label');
    const label = labels.find((l) => l.layer === 'facility-label' && l.text === name);
    assert.ok(label, JSON.stringify(labels));
    const point = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
    // text-anchor top with text-offset [0, 0.6] em: centred under the point.
    assert.ok(label.y > point.y, `label top ${label.y} is not below the point at ${point.y}`);
    assert.ok(Math.abs(label.x + label.width / 2 - point.x) < 1, `label ${JSON.stringify(label)} is not centred on x ${point.x}`);

    // text-max-width 8 at text-size 11: at most 88 px of text plus the
    // 1.5 px halo on each side, so the name takes two lines of 1.2 em.
    assert.ok(label.width <= 8 * 11 + 3 + 0.01, `label ${JSON.stringify(label)} is wider than text-max-width`);
    assert.ok(Math.abs(label.height - 2 * 11 * 1.2) < 0.01, `label ${JSON.stringify(label)} is not two lines high`);
    const pixels = await snapshot(page);
    const schoolText = parseHex('#2F5BD3');
    const textPixels = (top, bottom) => {
      let count = 0;
      for (let y = top; y < bottom; y += 0.5) {
        for (let x = label.x; x < label.x + label.width; x += 0.5) {
          if (colourDistance(pixels.at(x, y), schoolText) < 60) count += 1;
        }
      }
      return count;
    };
    const middle = label.y + label.height / 2;
    assert.ok(textPixels(label.y, middle) > 20, 'no text drawn in the first line');
    assert.ok(textPixels(middle, label.y + label.height) > 20, 'no text drawn in the second line');
  });

  test('area labels give way to facilities at zoom 16', async () => {
    const name = 'Puskesmas Mengwi I';
    const puskesmas = JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', 'faskes.geojson'), 'utf8'))
      .features.find((feature) => feature.properties?.name === name);
    assert.ok(puskesmas, `the faskes layer has no '${name}'`);
    const [lon, lat] = puskesmas.geometry.coordinates;
    for (const zoom of [16, 17]) {
      const labels = await view(lon - 0.001, lat, zoom, 'health-label');
      assert.ok(labels.some((l) => l.layer === 'health-label' && l.text === name), `z${zoom}: ${JSON.stringify(labels)}`);
      const areas = labels.filter((l) => l.layer === 'kecamatan-label' || l.layer === 'desa-label');
      assert.deepEqual(areas, [], `z${zoom}: area labels still drawn`);
    }
  });

  test('road names are placed along the streets at street level', async () => {
    // Jalan Bypass Ngurah Rai near Kuta, a long and gently curved road.
    const labels = await view(115.1915, -8.722, 16, 'road-label');
    const roads = labels.filter((l) => l.layer === 'road-label');
    assert.ok(roads.length > 0);
    assert.ok(roads.some((l) => l.text === 'Jalan Bypass Ngurah Rai'), JSON.stringify(roads));
    // Along the line: the box of a label on a slanted road is taller than a line of text.
    assert.ok(roads.some((l) => l.height > 20), JSON.stringify(roads));
    assert.deepEqual(errors, []);
  });
});
