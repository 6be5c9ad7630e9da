// The map engine in the browser: vector tiles for the view only, parents
// standing in while children load, the LRU bound, overzoom, drawing only
// on change, gestures, and renderedFeatures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, parseHex, snapshot } from './support/pixels.mjs';

const viewport = { width: 1024, height: 768 };
const seaColour = parseHex('#A9CFE0');
const schoolColour = parseHex('#2F5BD3');
// The pyramid fetches this many CSS pixels around the viewport.
const marginPx = 128;

function readLayer(id) {
  return JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', `${id}.geojson`), 'utf8'));
}

// A named school with no other point within about 150 m.
function isolatedSchool() {
  const points = ['sekolah', 'faskes', 'faskes-osm', 'ibadah', 'pantai', 'halte']
    .flatMap((id) => readLayer(id).features)
    .filter((feature) => feature.geometry?.type === 'Point')
    .map((feature) => feature.geometry.coordinates);
  const limit = (150 / 111_000) ** 2;
  const school = readLayer('sekolah').features.find((feature) => {
    if (feature.geometry?.type !== 'Point' || !feature.properties?.name) return false;
    const [x, y] = feature.geometry.coordinates;
    return points.filter(([a, b]) => (a - x) ** 2 + (b - y) ** 2 <= limit).length === 1;
  });
  assert.ok(school, 'the sekolah layer has no isolated named school');
  return school;
}

// Web Mercator world units (0..1) of a position.
function toWorld(lon, lat) {
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: lon / 360 + 0.5, y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI) };
}

describe('map engine: vector tiles and gestures', () => {
  let server;
  let browser;
  let page;
  let errors;
  const tileRequests = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The service worker would fetch tiles itself, out of reach of the
    // request log and page.route that these tests rely on.
    page = await browser.browser.newPage({ viewport, serviceWorkers: 'block' });
    errors = watchErrors(page);
    page.on('request', (request) => {
      const match = /\/tiles\/badung\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(request.url());
      if (match) tileRequests.push({ z: +match[1], x: +match[2], y: +match[3] });
    });
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function view(lon, lat, zoom) {
    await page.evaluate((v) => window.badungMap.setView(v), { lon, lat, zoom });
    await page.evaluate(() => window.badungMap.idle());
  }

  test('the map is drawn from tiles without errors', async () => {
    const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
    assert.ok(tiles.some((tile) => tile.state === 'ready' && tile.drawn), JSON.stringify(tiles));
    assert.deepEqual(errors, []);
  });

  test('tiles are requested only for the view plus its margin', async () => {
    await view(115.17, -8.65, 13.5);
    tileRequests.length = 0;
    const lon = 115.19;
    const lat = -8.62;
    await view(lon, lat, 14.5);
    assert.ok(tileRequests.length > 0, 'no tile was requested for a new view');

    const centre = toWorld(lon, lat);
    const worldPx = 512 * 2 ** 14.5;
    for (const tile of tileRequests) {
      assert.equal(tile.z, 14, `tile ${JSON.stringify(tile)} is not at the view's tile zoom`);
      const n = 2 ** tile.z;
      // The tile's edges in CSS pixels from the viewport centre.
      const left = (tile.x / n - centre.x) * worldPx;
      const right = ((tile.x + 1) / n - centre.x) * worldPx;
      const top = (tile.y / n - centre.y) * worldPx;
      const bottom = ((tile.y + 1) / n - centre.y) * worldPx;
      const reachX = viewport.width / 2 + marginPx + 1;
      const reachY = viewport.height / 2 + marginPx + 1;
      const name = `tile ${tile.z}/${tile.x}/${tile.y}`;
      assert.ok(right >= -reachX, `${name} lies west of the view and its margin`);
      assert.ok(left <= reachX, `${name} lies east of the view and its margin`);
      assert.ok(bottom >= -reachY, `${name} lies north of the view and its margin`);
      assert.ok(top <= reachY, `${name} lies south of the view and its margin`);
    }
  });

  test('parent tiles are drawn while their children load', async () => {
    // North Badung, away from the views of the other tests, so no z13
    // tile there is cached yet.
    const lon = 115.21;
    const lat = -8.36;
    await view(lon, lat, 12.2);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/\/tiles\/badung\/13\/\d+\/\d+\.mvt$/, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    try {
      await page.evaluate((v) => window.badungMap.setView(v), { lon, lat, zoom: 13.2 });
      await page.waitForFunction(() => window.badungMap.loadedTiles()
        .some((tile) => tile.z === 13 && tile.wanted && tile.state === 'loading'));
      await page.evaluate(() => new Promise((resolve) => {
        const off = window.badungMap.on('frame', () => {
          off();
          resolve();
        });
        window.badungMap.setView({});
      }));
      const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
      const waiting = tiles.filter((tile) => tile.z === 13 && tile.wanted && tile.state === 'loading');
      assert.ok(waiting.length > 0);
      assert.ok(waiting.every((tile) => !tile.drawn));
      for (const child of waiting) {
        assert.ok(tiles.some((tile) => tile.z === 12 && tile.drawn && tile.x === child.x >> 1 && tile.y === child.y >> 1),
          `the parent of 13/${child.x}/${child.y} is not drawn`);
      }
      const centre = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
      const shot = await page.screenshot({ type: 'png' });
      const { PNG } = await import('pngjs');
      const image = PNG.sync.read(shot);
      const i = (Math.round(centre.y) * image.width + Math.round(centre.x)) * 4;
      const pixel = Array.from(image.data.subarray(i, i + 3));
      assert.ok(colourDistance(pixel, seaColour) > 20, `land at the centre shows sea colour ${pixel}`);
    } finally {
      release();
      await page.unroute(/\/tiles\/badung\/13\/\d+\/\d+\.mvt$/);
    }
    await page.evaluate(() => window.badungMap.idle());
    const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
    assert.ok(tiles.some((tile) => tile.z === 13 && tile.drawn && tile.state === 'ready'));
  });

  test('the tile cache stays within its bound after a long pan', async () => {
    for (let i = 0; i < 14; i += 1) {
      await view(115.08 + 0.016 * i, -8.80 + 0.038 * i, 15.2);
    }
    const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
    assert.ok(tiles.length <= 96, `${tiles.length} tiles cached, more than 96`);
    const bytes = tiles.reduce((sum, tile) => sum + tile.bytes, 0);
    assert.ok(bytes <= 48 * 1024 * 1024, `${bytes} bytes cached`);
    assert.ok(tileRequests.length > 96, `only ${tileRequests.length} tiles were fetched`);
  });

  test('overzoom at z18 draws a school', async () => {
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await view(lon, lat, 18);
    const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
    assert.ok(tiles.filter((tile) => tile.wanted).every((tile) => tile.z === 16));

    const { x, y } = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
    const pixel = (await snapshot(page)).at(x, y);
    assert.ok(colourDistance(pixel, schoolColour) <= 40, `school pixel is ${pixel}`);

    const features = await page.evaluate(([a, b]) => window.badungMap.renderedFeatures(a, b), [x, y]);
    const found = features.find((feature) => feature.layer === 'sekolah');
    assert.equal(found?.properties?.name, school.properties.name);
    assert.match(found.tile, /^16\/\d+\/\d+$/);
  });

  test('a tile of more than 65,535 vertices draws', async () => {
    await view(115.17, -8.6, 10.5);
    const tiles = await page.evaluate(() => window.badungMap.loadedTiles());
    const big = tiles.find((tile) => tile.drawn && tile.vertices > 65535);
    assert.ok(big, `no drawn tile has over 65,535 vertices: ${JSON.stringify(tiles.map((t) => t.vertices))}`);

    // Land inside that tile shows land, not sea.
    const n = 2 ** big.z;
    const lonOf = (x) => (x / n) * 360 - 180;
    const latOf = (y) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
    const image = await snapshot(page);
    let checked = 0;
    for (let i = 1; i < 8; i += 1) {
      for (let j = 1; j < 8; j += 1) {
        const lon = lonOf(big.x + i / 8);
        const lat = latOf(big.y + j / 8);
        const p = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);
        if (p.x < 0 || p.y < 0 || p.x >= viewport.width || p.y >= viewport.height) continue;
        const features = await page.evaluate(({ x, y }) => window.badungMap.renderedFeatures(x, y), p);
        if (!features.some((feature) => feature.layer === 'daratan')) continue;
        assert.ok(colourDistance(image.at(p.x, p.y), seaColour) > 20, `land at ${lon}, ${lat} shows sea`);
        checked += 1;
      }
    }
    assert.ok(checked > 0, 'no land point of the tile was on screen');
  });

  test('renderedFeatures lists nothing over open sea', async () => {
    await view(115.0, -8.95, 12);
    const sea = await page.evaluate(() => window.badungMap.project(115.0, -8.95));
    const features = await page.evaluate(({ x, y }) => window.badungMap.renderedFeatures(x, y), sea);
    assert.deepEqual(features.filter((feature) => feature.layer !== 'bali'), []);
    const pixel = (await snapshot(page)).at(sea.x, sea.y);
    assert.ok(colourDistance(pixel, seaColour) <= 6, `sea pixel is ${pixel}`);
  });

  test('an idle map draws no frames', async () => {
    await view(115.17, -8.65, 13);
    const before = await page.evaluate(() => window.badungMap.frameCount());
    await page.waitForTimeout(1000);
    const after = await page.evaluate(() => window.badungMap.frameCount());
    assert.equal(after, before);
  });

  test('the wheel zooms around the cursor', async () => {
    await view(115.17, -8.65, 13);
    const cursor = { x: 700, y: 250 };
    await page.mouse.move(cursor.x, cursor.y);
    const before = await page.evaluate(() => window.badungMap.getView());
    const under = await page.evaluate(({ x, y }) => {
      const view = window.badungMap.getView();
      const a = window.badungMap.project(view.lon, view.lat);
      // lon/lat under the cursor, from two projected reference points
      const b = window.badungMap.project(view.lon + 0.01, view.lat - 0.01);
      return { lon: view.lon + ((x - a.x) / (b.x - a.x)) * 0.01, lat: view.lat - ((y - a.y) / (b.y - a.y)) * 0.01 };
    }, cursor);
    await page.mouse.wheel(0, -200);
    await page.evaluate(() => window.badungMap.idle());
    const afterView = await page.evaluate(() => window.badungMap.getView());
    assert.ok(afterView.zoom > before.zoom + 0.2, `zoom ${before.zoom} -> ${afterView.zoom}`);
    const moved = await page.evaluate(({ lon, lat }) => window.badungMap.project(lon, lat), under);
    assert.ok(Math.abs(moved.x - cursor.x) < 3, `the place under the cursor moved to x ${moved.x}`);
    assert.ok(Math.abs(moved.y - cursor.y) < 3, `the place under the cursor moved to y ${moved.y}`);
  });

  test('a double click zooms in by one level', async () => {
    await view(115.17, -8.65, 12);
    await page.mouse.dblclick(512, 384);
    await page.evaluate(() => window.badungMap.idle());
    const { zoom } = await page.evaluate(() => window.badungMap.getView());
    assert.ok(Math.abs(zoom - 13) < 0.01, `zoom is ${zoom}`);
  });

  test('a double click selects nothing, a click selects once', async () => {
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await view(lon, lat, 16);
    await page.evaluate(() => {
      window.selectEvents = [];
      window.badungMap.on('select', (feature) => window.selectEvents.push(feature ? feature.layer : null));
    });
    const point = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);

    await page.mouse.dblclick(point.x, point.y);
    await page.evaluate(() => window.badungMap.idle());
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.selectEvents), []);
    assert.ok(Math.abs((await page.evaluate(() => window.badungMap.getView())).zoom - 17) < 0.01);

    await view(lon, lat, 16);
    await page.mouse.click(point.x, point.y);
    await page.evaluate(() => window.badungMap.idle());
    assert.deepEqual(await page.evaluate(() => window.selectEvents), ['sekolah']);
  });

  test('a slow double click selects at most once', async () => {
    // The second press comes after the first click's delay but within
    // the browser's double-click interval, so a dblclick event follows.
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await view(lon, lat, 16);
    // Its own list: the listener of the test before stays on this page.
    await page.evaluate(() => {
      window.slowSelects = [];
      window.badungMap.on('select', (feature) => window.slowSelects.push(feature ? feature.layer : null));
    });
    const point = await page.evaluate(([a, b]) => window.badungMap.project(a, b), [lon, lat]);

    await page.mouse.move(point.x, point.y);
    await page.mouse.down({ clickCount: 1 });
    await page.mouse.up({ clickCount: 1 });
    await page.waitForTimeout(380);
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    await page.waitForTimeout(700);
    await page.evaluate(() => window.badungMap.idle());
    const events = await page.evaluate(() => window.slowSelects);
    const zoom = (await page.evaluate(() => window.badungMap.getView())).zoom;
    assert.ok(events.length <= 1, `select events ${JSON.stringify(events)}`);
    assert.ok(Math.abs(zoom - 17) < 0.01, `zoom is ${zoom}`);
  });

  test('arrow keys pan and + zooms when the map has focus', async () => {
    await view(115.17, -8.65, 12);
    await page.focus('#map');
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => window.badungMap.idle());
    const panned = await page.evaluate(() => window.badungMap.getView());
    assert.ok(panned.lon > 115.17 + 0.0001, `lon is ${panned.lon}`);
    await page.keyboard.press('+');
    await page.evaluate(() => window.badungMap.idle());
    const zoomed = await page.evaluate(() => window.badungMap.getView());
    assert.ok(Math.abs(zoomed.zoom - 13) < 0.01, `zoom is ${zoomed.zoom}`);
  });

  test('quick key presses and clicks add up', async () => {
    // Each press comes well within the 250 ms of the step before it, so a
    // step that restarts from the current zoom would lose the rest of the
    // previous one.
    const cases = [
      { keys: ['+', '+', '+'], gapMs: 50, zoom: 3 },
      { keys: ['-', '-'], gapMs: 50, zoom: -2 },
    ];
    for (const { keys, gapMs, zoom } of cases) {
      await view(115.17, -8.65, 12);
      await page.focus('#map');
      for (const key of keys) {
        await page.keyboard.press(key);
        await page.waitForTimeout(gapMs);
      }
      await page.evaluate(() => window.badungMap.idle());
      const after = await page.evaluate(() => window.badungMap.getView());
      assert.ok(Math.abs(after.zoom - (12 + zoom)) < 0.01, `${keys.join(' ')} ended at zoom ${after.zoom}`);
    }

    await view(115.17, -8.65, 12);
    for (let i = 0; i < 3; i += 1) {
      await page.click('#zoom-in');
      await page.waitForTimeout(80);
    }
    await page.evaluate(() => window.badungMap.idle());
    const clicked = await page.evaluate(() => window.badungMap.getView());
    assert.ok(Math.abs(clicked.zoom - 15) < 0.01, `three zoom-in clicks ended at zoom ${clicked.zoom}`);
  });

  test('two arrow keys at once pan both ways', async () => {
    await view(115.17, -8.65, 13);
    await page.focus('#map');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.evaluate(() => window.badungMap.idle());
    const diagonal = await page.evaluate(() => window.badungMap.getView());

    await view(115.17, -8.65, 13);
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => window.badungMap.idle());
    const rightOnly = await page.evaluate(() => window.badungMap.getView());

    assert.ok(diagonal.lon > 115.17 + 0.0001, `ArrowRight then ArrowDown left lon at ${diagonal.lon}`);
    assert.ok(Math.abs(diagonal.lon - rightOnly.lon) < 1e-6, `lon ${diagonal.lon} differs from ArrowRight alone ${rightOnly.lon}`);
    assert.ok(diagonal.lat < -8.65 - 0.0001, `ArrowRight then ArrowDown left lat at ${diagonal.lat}`);
  });

  test('a flung drag coasts on after release', async () => {
    await view(115.17, -8.65, 13);
    const before = await page.evaluate(() => window.badungMap.project(115.17, -8.65));
    // Events fired in the page keep a steady 16 ms between moves, which
    // round trips from the test process cannot promise on a busy machine.
    await page.evaluate(async () => {
      const canvas = document.getElementById('map');
      const fire = (target, type, x) => target.dispatchEvent(new MouseEvent(type, {
        bubbles: true, cancelable: true, clientX: x, clientY: 400, button: 0, buttons: type === 'mouseup' ? 0 : 1,
      }));
      fire(canvas, 'mousedown', 600);
      for (let i = 1; i <= 6; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 16));
        fire(document, 'mousemove', 600 - 20 * i);
      }
      fire(document, 'mouseup', 480);
    });
    await page.evaluate(() => window.badungMap.idle());
    const afterPoint = await page.evaluate(() => window.badungMap.project(115.17, -8.65));
    const dragged = 120;
    assert.ok(before.x - afterPoint.x > dragged + 5,
      `the map moved ${before.x - afterPoint.x} px for a ${dragged} px drag`);
  });
});
