// The foundation slice end to end: the real badung-cityd serves the real
// wasm build and the data built from the Badung sources to headless Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, parseHex, snapshot } from './support/pixels.mjs';

// Category colour of schools (pendidikan) in the map style.
const schoolColour = parseHex('#2F5BD3');
const viewport = { width: 1024, height: 768 };

function readLayer(id) {
  return JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', `${id}.geojson`), 'utf8'));
}

// Squared distance in degrees², good enough to rank neighbours at Badung's scale.
function squaredDegrees(a, b) {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}

// A named school with no other point feature within about 150 m, so the
// pixel at its position can only be the school's marker.
function isolatedSchool() {
  const points = [];
  for (const id of ['sekolah', 'faskes', 'faskes-osm', 'ibadah', 'pantai', 'halte']) {
    for (const feature of readLayer(id).features) {
      if (feature.geometry?.type === 'Point') points.push(feature.geometry.coordinates);
    }
  }

  const limit = (150 / 111_000) ** 2;
  const school = readLayer('sekolah').features.find((feature) => {
    if (feature.geometry?.type !== 'Point' || !feature.properties?.name) return false;
    const position = feature.geometry.coordinates;
    const neighbours = points.filter((other) => squaredDegrees(position, other) <= limit);
    return neighbours.length === 1; // the school itself
  });
  assert.ok(school, 'the sekolah layer has no isolated named school');
  return school;
}

function queryDatabase(databasePath, sql) {
  const output = execFileSync('sqlite3', ['-json', databasePath, sql], { encoding: 'utf8' });
  return output.trim() === '' ? [] : JSON.parse(output);
}

describe('foundation: map in the browser', () => {
  let server;
  let browser;
  let page;
  let errors;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport });
    errors = watchErrors(page);
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('page loads without errors', () => {
    assert.deepEqual(errors, []);
  });

  test('school marker has the school colour', async () => {
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await page.evaluate(([x, y]) => window.badungMap.setView({ lon: x, lat: y, zoom: 16 }), [lon, lat]);

    const { x, y } = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
    const pixel = (await snapshot(page)).at(x, y);
    assert.ok(colourDistance(pixel, schoolColour) <= 40,
      `pixel at school ${school.properties.name} is ${pixel}, expected about ${schoolColour}`);
  });

  test('pick returns the school under the cursor', async () => {
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await page.evaluate(([x, y]) => window.badungMap.setView({ lon: x, lat: y, zoom: 16 }), [lon, lat]);

    const picked = await page.evaluate(([a, b]) => {
      const { x, y } = window.badungMap.project(a, b);
      return window.badungMap.pick(x, y);
    }, [lon, lat]);
    assert.equal(picked?.layer, 'sekolah');
    assert.equal(picked?.properties?.name, school.properties.name);
  });

  test('sea and land differ in colour', async () => {
    await page.evaluate(() => window.badungMap.setView({ lon: 115.17, lat: -8.55, zoom: 10 }));
    const [sea, land] = await page.evaluate(() => [
      window.badungMap.project(115.0, -8.8),
      window.badungMap.project(115.2, -8.45),
    ]);

    const image = await snapshot(page);
    assert.ok(colourDistance(image.at(sea.x, sea.y), image.at(land.x, land.y)) > 20,
      `sea ${image.at(sea.x, sea.y)} and land ${image.at(land.x, land.y)} look alike`);
  });

  test('map API rejects bad arguments', async () => {
    const cases = [
      ["setLayerVisible('sekolah', 'no')", 'TypeError', /on must be true or false, got "no"/],
      ["setLayerVisible('sekolah')", 'TypeError', /on must be true or false, got undefined/],
      ['setLayerVisible(7, true)', 'TypeError', /layer id must be a string .*got 7/],
      ["setLayerVisible('nope', true)", 'Error', /unknown layer 'nope': use one of .*sekolah/],
      ['setView({lon: 115.2, lat: -8.6, zoom: 12, bearing: 30})', 'TypeError', /setView: unknown field 'bearing'; the fields are lon, lat, zoom/],
      ['flyTo({longitude: 115.2, zoom: 12})', 'TypeError', /flyTo: unknown field 'longitude'/],
      ['setView([115.2, -8.6])', 'TypeError', /setView needs an object \{lon, lat, zoom\}, got \[115.2,-8.6\]/],
      ['setView({lon: NaN})', 'TypeError', /lon must be a finite number, got NaN/],
      ['project(1e308, 1e308)', 'RangeError', /lon must be from -180 to 180 degrees, got 1e\+308/],
      ['project(0, 90)', 'RangeError', /lat must be from -85.0511287798 to 85.0511287798 degrees, got 90/],
      ["project('a', -8.6)", 'TypeError', /lon must be a finite number, got "a"/],
    ];
    for (const [expression, name, message] of cases) {
      const thrown = await page.evaluate((code) => {
        try {
          (0, eval)(`with (window.badungMap) { ${code} }`);
          return null;
        } catch (error) {
          return { name: error.name, message: error.message };
        }
      }, expression);
      assert.ok(thrown, `${expression} did not throw`);
      assert.equal(thrown.name, name, `${expression}: ${thrown.message}`);
      assert.match(thrown.message, message, expression);
    }

    const edge = await page.evaluate(() => window.badungMap.project(180, -85));
    assert.ok(Number.isFinite(edge.x), `x at lon 180 is ${edge.x}`);
    assert.ok(Number.isFinite(edge.y), `y at lat -85 is ${edge.y}`);
    await page.evaluate(() => window.badungMap.setLayerVisible('sekolah', false));
    const hidden = await page.evaluate(() => window.badungMap.layers().find((layer) => layer.id === 'sekolah').visible);
    await page.evaluate(() => window.badungMap.setLayerVisible('sekolah', true));
    assert.equal(hidden, false);
    assert.deepEqual(errors, []);
  });

  test('language switches to English and back', async () => {
    const titles = async () => page.evaluate(() =>
      Object.fromEntries(window.badungMap.layers().map((layer) => [layer.id, layer.title])));

    const indonesian = await titles();
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    const english = await titles();
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'en');
    assert.notEqual(english.sekolah, indonesian.sekolah);
    assert.equal(await page.title(), 'Map of Badung Regency');

    await page.evaluate(() => window.badungMap.setLanguage('id'));
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'id');
    assert.deepEqual(await titles(), indonesian);
    assert.equal(await page.title(), 'Peta Kabupaten Badung');
  });

  test('language choice survives a reload', async () => {
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    await page.reload();
    await page.evaluate(() => window.badungMap.ready);
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'en');
    assert.equal(await page.title(), 'Map of Badung Regency');

    await page.evaluate(() => window.badungMap.setLanguage('id'));
    await page.reload();
    await page.evaluate(() => window.badungMap.ready);
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'id');
  });

  test('report from the page lands in SQLite', async () => {
    const description = `Lubang besar di jalan, uji peramban ${Date.now()}`;
    const item = await page.evaluate((text) => window.badungMap.submitReport({
      service_code: 'JLN-01', lat: -8.65, long: 115.17, description: text,
    }), description);

    // submitReport queues the report; the outbox sends it at once when online.
    let found = null;
    for (const deadline = Date.now() + 15000; !found && Date.now() < deadline;) {
      const items = await page.evaluate(() => window.badungMap.outbox());
      found = items.find((entry) => entry.localId === item.localId && entry.state === 'sent') || null;
      if (!found) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const id = found?.serviceRequestId;
    assert.ok(id, `no service_request_id for ${JSON.stringify(item)}`);
    const rows = queryDatabase(server.databasePath,
      `SELECT service_request_id, service_code, description FROM service_requests WHERE service_request_id = '${id}'`);
    assert.deepEqual(rows, [{ service_request_id: id, service_code: 'JLN-01', description }]);
  });
});
