// The <badung-map> widget on a partner page served from another origin
// than badung-cityd, against the real server, data and wasm build.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchBrowser } from './support/browser.mjs';
import { colourDistance, snapshot } from './support/pixels.mjs';
import { root, startServer } from './support/server.mjs';
import { startStaticServer } from './support/static-server.mjs';

const viewport = { width: 1000, height: 800 };
const readyTimeoutMs = 90_000;

function readLayer(id) {
  return JSON.parse(readFileSync(join(root, 'dist', 'data', 'layers', `${id}.geojson`), 'utf8'));
}

// A named school with no other point feature within about 150 m, so a
// click at its position can only hit the school.
function isolatedSchool() {
  const points = [];
  for (const id of ['sekolah', 'faskes', 'faskes-osm', 'ibadah', 'pantai', 'halte']) {
    for (const feature of readLayer(id).features) {
      if (feature.geometry?.type === 'Point') points.push(feature.geometry.coordinates);
    }
  }
  const limit = (150 / 111_000) ** 2;
  const near = (a, b) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 <= limit;
  const school = readLayer('sekolah').features.find((feature) => feature.geometry?.type === 'Point' &&
    feature.properties?.name && feature.id !== undefined &&
    points.filter((other) => near(feature.geometry.coordinates, other)).length === 1);
  assert.ok(school, 'the sekolah layer has no isolated named school with an id');
  return school;
}

// A config file like the shipped one, with the partner origin allowed.
function writeConfig(folder, partnerOrigin) {
  const shipped = readFileSync(join(root, 'server', 'cityd.conf'), 'utf8')
    .replace(/^services_file\s*=.*$/m, `services_file = ${join(root, 'server', 'services.json')}`)
    .replace(/^embed_allow_origins\s*=.*$/m, `embed_allow_origins = ${partnerOrigin}`);
  const file = join(folder, 'cityd.conf');
  writeFileSync(file, shipped);
  return file;
}

// The map frame inside a <badung-map> element.
async function mapFrame(page, mapId) {
  const handle = await page.locator(`#${mapId} iframe`).elementHandle();
  return handle.contentFrame();
}

function eventsOf(page, mapId, name) {
  return page.evaluate(([id, event]) => window.embedEvents.filter((e) => e.map === id && e.name === event).map((e) => e.data),
    [mapId, name]);
}

function eventCount(page) {
  return page.evaluate(() => window.embedEvents.length);
}

// Waits for an event of the map after the first `since` events, whose data
// passes `check` (a function source taking data).
async function waitForEvent(page, mapId, name, since, check = '() => true') {
  const handle = await page.waitForFunction(([id, event, from, source]) => {
    const test = new Function(`return (${source})`)();
    return window.embedEvents.slice(from).find((e) => e.map === id && e.name === event && test(e.data));
  }, [mapId, name, since, check], { timeout: 20_000 });
  return (await handle.jsonValue()).data;
}

function callMap(page, mapId, method, ...args) {
  return page.evaluate(([id, name, values]) => document.getElementById(id)[name](...values), [mapId, method, args]);
}

// The protocol error code a rejected element method call carries.
function callError(page, mapId, method, ...args) {
  return page.evaluate(([id, name, values]) => document.getElementById(id)[name](...values)
    .then(() => null, (error) => ({ code: error.code, message: error.message })), [mapId, method, args]);
}

// Waits until the page stops scrolling, because wheel scrolls animate and
// touch scrolls may fling on after the finger lifts.
async function waitForScrollToSettle(page) {
  await page.waitForFunction(() => new Promise((resolve) => {
    const start = window.scrollY;
    setTimeout(() => resolve(window.scrollY === start), 300);
  }), null, { timeout: 10_000 });
}

// Colours on a grid over the element's box, from one screenshot.
async function gridColours(page, image, mapId) {
  const box = await page.locator(`#${mapId}`).boundingBox();
  const colours = [];
  for (let i = 1; i < 8; i += 1) {
    for (let j = 1; j < 8; j += 1) colours.push(image.at(box.x + (box.width * i) / 8, box.y + (box.height * j) / 8));
  }
  return colours;
}

describe('embed: <badung-map> on a partner site', () => {
  let partner;
  let outsider;
  let server;
  let browser;
  let page;
  const requestedUrls = [];
  const consoleErrors = [];
  let configDir;
  // Pages of the third origin, filled in once the map server's address is known.
  const outsiderPages = { '/blank.html': '<!doctype html><title>third origin</title>' };

  before(async () => {
    partner = await startStaticServer({ root: join(root, 'docs') });
    outsider = await startStaticServer({ pages: outsiderPages });
    configDir = mkdtempSync(join(tmpdir(), 'badung-embed-'));
    server = await startServer({ extraArgs: ['--config', writeConfig(configDir, partner.url)] });

    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport });
    page.on('request', (request) => requestedUrls.push(request.url()));
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(`${partner.url}/embed-demo.html?map=${encodeURIComponent(`${server.url}/`)}`);
    await page.waitForFunction(() => window.embedEvents?.filter((e) => e.name === 'ready').length === 2,
      null, { timeout: readyTimeoutMs });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await partner?.stop();
    await outsider?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test('frames load no report modules', async () => {
    // The add-ons start at most 3 s after the first view; give them that.
    await page.waitForTimeout(3500);
    assert.deepEqual(requestedUrls.filter((url) => /\/reports\//.test(url)), []);
    assert.deepEqual(consoleErrors.filter((text) => /citizen reports/.test(text)), []);
  });

  test('both maps render different views', async () => {
    // Two frames, so the map has drawn after its loading cover went away.
    await page.waitForTimeout(500);
    const image = await snapshot(page);
    const water = [0xa9, 0xcf, 0xe0];
    const south = await gridColours(page, image, 'map-south');
    const north = await gridColours(page, image, 'map-north');

    for (const [name, colours] of [['map-south', south], ['map-north', north]]) {
      const drawn = colours.filter((colour) => colourDistance(colour, water) > 20).length;
      assert.ok(drawn >= colours.length / 10, `${name} shows almost only the loading colour: ${JSON.stringify(colours)}`);
    }
    const differing = south.filter((colour, i) => colourDistance(colour, north[i]) > 20).length;
    assert.ok(differing >= 5, 'the two maps look the same');
  });

  test('second demo map draws its temples and beaches', async () => {
    const frame = await mapFrame(page, 'map-north');
    await frame.evaluate(() => window.badungMap.idle());

    // Each point of the layer inside the frame's canvas, and whether the map
    // drew a feature of that layer there.
    for (const layer of ['ibadah', 'pantai']) {
      const points = readLayer(layer).features.filter((feature) => feature.geometry?.type === 'Point')
        .map((feature) => feature.geometry.coordinates);
      const drawn = await frame.evaluate(([id, positions]) => {
        const canvas = document.querySelector('canvas');
        const inView = positions.map(([lon, lat]) => window.badungMap.project(lon, lat))
          .filter((p) => p.x >= 0 && p.y >= 0 && p.x < canvas.clientWidth && p.y < canvas.clientHeight);
        const hits = inView.filter((p) => window.badungMap.renderedFeatures(p.x, p.y).some((f) => f.layer === id));
        return { inView: inView.length, hits: hits.length };
      }, [layer, points]);
      assert.ok(drawn.inView > 0, `no ${layer} point lies in the second map's view`);
      assert.ok(drawn.hits > 0, `${layer}: ${drawn.inView} points in view, none drawn`);
    }
  });

  test('ready carries the view of the attributes', async () => {
    const [south] = await eventsOf(page, 'map-south', 'ready');
    assert.ok(Math.abs(south.view.lon - 115.175) < 1e-6, `lon ${south.view.lon}`);
    assert.ok(Math.abs(south.view.lat + 8.725) < 1e-6, `lat ${south.view.lat}`);
    assert.ok(Math.abs(south.view.zoom - 13) < 1e-6, `zoom ${south.view.zoom}`);
    assert.equal(south.language, 'en');
    const visible = south.layers.filter((layer) => layer.visible).map((layer) => layer.id);
    for (const id of ['sekolah', 'faskes', 'daratan']) assert.ok(visible.includes(id), `${id} hidden: ${visible.join()}`);
    for (const id of ['ibadah', 'halte']) assert.ok(!visible.includes(id), `${id} shown: ${visible.join()}`);

    const [north] = await eventsOf(page, 'map-north', 'ready');
    assert.equal(north.language, 'id');
    assert.ok(Math.abs(north.view.zoom - 12) < 1e-6, `zoom ${north.view.zoom}`);
    const [added] = await eventsOf(page, 'map-south', 'addMarkers');
    assert.equal(added.added, 3);
  });

  test('elements have accessible names', async () => {
    const names = await page.evaluate(() => ['map-south', 'map-north'].map((id) => {
      const element = document.getElementById(id);
      return [element.getAttribute('aria-label'), element.shadowRoot.querySelector('iframe').title];
    }));
    assert.deepEqual(names[0], ['Map of schools and health care around Kuta', 'Map of schools and health care around Kuta']);
    assert.deepEqual(names[1], ['Peta Kabupaten Badung', 'Peta Kabupaten Badung']);
  });

  test('page wheel over the map scrolls the page', async () => {
    await page.evaluate(() => { document.body.style.paddingBottom = '1500px'; });
    const box = await page.locator('#map-south').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await callMap(page, 'map-south', 'getView');
    const scrollBefore = await page.evaluate(() => window.scrollY);

    await page.mouse.wheel(0, 200);
    await page.waitForFunction((y) => window.scrollY > y, scrollBefore, { timeout: 5000 });
    const after = await callMap(page, 'map-south', 'getView');
    assert.equal(after.zoom, before.zoom);

    const frame = await mapFrame(page, 'map-south');
    assert.match(await frame.locator('#embed-hint').textContent(), /Ctrl/);
  });

  test('Ctrl and wheel zooms the map', async () => {
    await waitForScrollToSettle(page);
    const box = await page.locator('#map-south').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await callMap(page, 'map-south', 'getView');
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const since = await eventCount(page);

    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    const view = await waitForEvent(page, 'map-south', 'viewchange', since);
    assert.ok(view.zoom > before.zoom, `zoom ${view.zoom} after ${before.zoom}`);
    assert.equal(await page.evaluate(() => window.scrollY), scrollBefore);

    await callMap(page, 'map-south', 'setView', before);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('one finger scrolls, two fingers pan', async () => {
    const client = await page.context().newCDPSession(page);
    const touch = (type, points) => client.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    // Moves fingers from their start points by (dx, dy) in ten steps, then
    // holds them still before lifting: a finger that rests has no release
    // velocity, so no fling scrolls the page on into the next step.
    async function swipe(starts, dx, dy) {
      await touch('touchStart', starts);
      for (let step = 1; step <= 10; step += 1) {
        await touch('touchMove', starts.map((p, id) => ({ x: p.x + (dx * step) / 10, y: p.y + (dy * step) / 10, id })));
      }
      await new Promise((resolve) => { setTimeout(resolve, 150); });
      await touch('touchEnd', []);
    }

    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.locator('#map-south').boundingBox();
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const before = await callMap(page, 'map-south', 'getView');

    await swipe([centre], 0, -150);
    await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 5000 });
    assert.deepEqual(await callMap(page, 'map-south', 'getView'), before);
    const frame = await mapFrame(page, 'map-south');
    assert.match(await frame.locator('#embed-hint').textContent(), /two fingers/);

    // The page must be still at the top before the two-finger swipe.
    await waitForScrollToSettle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForScrollToSettle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const since = await eventCount(page);
    await swipe([{ x: centre.x - 40, y: centre.y }, { x: centre.x + 40, y: centre.y }], 120, 0);
    const view = await waitForEvent(page, 'map-south', 'viewchange', since);
    assert.ok(view.lon < before.lon, `lon ${view.lon} after ${before.lon}: a drag to the right shows land to the west`);
    assert.equal(await page.evaluate(() => window.scrollY), 0);

    await client.detach();
    await callMap(page, 'map-south', 'setView', before);
  });

  test('keyboard focus is visible and escapable', async () => {
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'before-map';
      button.textContent = 'before the map';
      const map = document.getElementById('map-south');
      map.parentNode.insertBefore(button, map);
      button.focus();
    });
    await page.keyboard.press('Tab');
    const frame = await mapFrame(page, 'map-south');
    const focus = await frame.evaluate(() => ({
      id: document.activeElement?.id,
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    assert.deepEqual(focus, { id: 'map', outline: 'solid' });

    const before = await callMap(page, 'map-south', 'getView');
    await page.keyboard.press('ArrowRight');
    const after = await callMap(page, 'map-south', 'getView');
    assert.ok(after.lon > before.lon, `lon ${after.lon} after ${before.lon}`);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.id === 'map-south', null, { timeout: 5000 });
    await callMap(page, 'map-south', 'setView', before);
  });

  test('attributes change the map live', async () => {
    let since = await eventCount(page);
    await page.evaluate(() => {
      const map = document.getElementById('map-north');
      map.setAttribute('center', '115.2,-8.62');
      map.setAttribute('zoom', '12');
    });
    const view = await waitForEvent(page, 'map-north', 'viewchange', since, '(d) => Math.abs(d.zoom - 12) < 1e-6');
    assert.ok(Math.abs(view.lon - 115.2) < 1e-6, `lon ${view.lon}`);
    assert.ok(Math.abs(view.lat + 8.62) < 1e-6, `lat ${view.lat}`);

    since = await eventCount(page);
    await page.evaluate(() => document.getElementById('map-north').setAttribute('lang', 'en'));
    assert.equal(await waitForEvent(page, 'map-north', 'languagechange', since), 'en');
    assert.equal(await page.evaluate(() => document.querySelector('#map-north').shadowRoot.querySelector('iframe').title),
      'Map of Kabupaten Badung');

    const frame = await mapFrame(page, 'map-north');
    await page.evaluate(() => document.getElementById('map-north').setAttribute('layers', 'sekolah'));
    await frame.waitForFunction(() => {
      const visible = Object.fromEntries(window.badungMap.layers().map((layer) => [layer.id, layer.visible]));
      return visible.sekolah && !visible.ibadah && !visible.pantai && visible.daratan;
    }, null, { timeout: 5000 });

    await page.evaluate(() => document.getElementById('map-north').setAttribute('attribution', 'top-right'));
    await frame.waitForFunction(() => document.getElementById('attribution').getBoundingClientRect().top === 0,
      null, { timeout: 5000 });

    await page.evaluate(() => document.getElementById('map-north').setAttribute('interactive', 'false'));
    await frame.waitForFunction(() => document.body.classList.contains('static'), null, { timeout: 5000 });
    await page.evaluate(() => document.getElementById('map-north').removeAttribute('interactive'));
    await frame.waitForFunction(() => !document.body.classList.contains('static'), null, { timeout: 5000 });

    since = await eventCount(page);
    await page.evaluate(() => document.getElementById('map-north').setAttribute('zoom', 'dekat'));
    const error = await waitForEvent(page, 'map-north', 'error', since);
    assert.equal(error.code, 'invalid_attribute');
    assert.match(error.message, /dekat/);

    // The map shows zooms 7 to 20 only, so zoom 3 is an error, not a clamp.
    for (const zoom of ['3', '21']) {
      since = await eventCount(page);
      await page.evaluate((value) => document.getElementById('map-north').setAttribute('zoom', value), zoom);
      const outside = await waitForEvent(page, 'map-north', 'error', since);
      assert.equal(outside.code, 'invalid_attribute');
      assert.match(outside.message, new RegExp(`zoom "${zoom}" is invalid; write a number from 7 to 20`));
    }
  });

  test('map follows the element size', async () => {
    const since = await eventCount(page);
    await page.evaluate(() => { document.getElementById('map-north').style.height = '300px'; });
    const view = await waitForEvent(page, 'map-north', 'viewchange', since, '(d) => d.height === 300');
    assert.equal(view.height, 300);
    assert.equal((await callMap(page, 'map-north', 'getView')).height, 300);
  });

  test('methods change the view and add markers', async () => {
    const view = await callMap(page, 'map-south', 'setView', { lon: 115.2, lat: -8.68, zoom: 14.5 });
    assert.ok(Math.abs(view.zoom - 14.5) < 1e-6, `zoom ${view.zoom}`);
    assert.ok(Math.abs(view.lon - 115.2) < 1e-6, `lon ${view.lon}`);

    const result = await callMap(page, 'map-south', 'addMarkers', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'gate', properties: { title: 'School gate' }, geometry: { type: 'Point', coordinates: [115.21, -8.69] } },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[115.2, -8.6], [115.3, -8.6]] } },
      ],
    });
    assert.equal(result.added, 1);
    assert.equal(result.skipped.length, 1);
    assert.equal(result.skipped[0].index, 1);
    assert.match(result.skipped[0].reason, /LineString/);

    const shown = await callMap(page, 'map-south', 'showFeature', 'markers', 'gate', { zoom: 16 });
    assert.equal(shown.properties.title, 'School gate');
    const centred = await callMap(page, 'map-south', 'getView');
    assert.ok(Math.abs(centred.lon - 115.21) < 1e-6, `lon ${centred.lon}`);
    assert.ok(Math.abs(centred.lat + 8.69) < 1e-6, `lat ${centred.lat}`);
    assert.equal(centred.zoom, 16);

    const since = await eventCount(page);
    const frame = await mapFrame(page, 'map-south');
    await frame.locator('.embed-marker[aria-label="School gate"]').click();
    const selected = await waitForEvent(page, 'map-south', 'select', since);
    assert.deepEqual(selected, { layer: 'markers', id: 'gate', properties: { title: 'School gate' } });

    assert.equal((await callError(page, 'map-south', 'setView', { zoom: 'near' }))?.code, 'invalid_params');
    const notANumber = await page.evaluate(() => document.getElementById('map-south').setView({ lon: NaN })
      .then(() => null, (error) => ({ code: error.code, message: error.message })));
    assert.equal(notANumber?.code, 'invalid_params');
    assert.match(notANumber.message, /lon must be a finite number, got NaN/);
    const bearing = await callError(page, 'map-south', 'setView', { lon: 115.2, lat: -8.6, zoom: 12, bearing: 30 });
    assert.equal(bearing?.code, 'invalid_params');
    assert.match(bearing.message, /unknown field 'bearing'/);
    // Rejected at once, not after the call timeout.
    for (const view of [null, [115.2, -8.6], 'near']) {
      assert.equal((await callError(page, 'map-south', 'setView', view))?.code, 'invalid_params', JSON.stringify(view));
    }
    assert.equal((await callError(page, 'map-south', 'showFeature', 'sekolah', 'no-such-school'))?.code, 'not_found');
    // The embed page loads no finder, so search rejects and names the full map.
    const search = await callError(page, 'map-south', 'search', 'SD Negeri');
    assert.equal(search?.code, 'not_available');
    assert.match(search.message, /embedded map has no search.*full map/);
  });

  test('showFeature centres and selects a school', async () => {
    const school = isolatedSchool();
    const since = await eventCount(page);
    const shown = await callMap(page, 'map-south', 'showFeature', 'sekolah', school.id);
    assert.equal(shown.properties.name, school.properties.name);
    assert.equal(shown.selected, true);
    const selected = await waitForEvent(page, 'map-south', 'select', since);
    assert.equal(selected.properties.name, school.properties.name);
  });

  test('click on a school raises select on the partner page', async () => {
    const school = isolatedSchool();
    const [lon, lat] = school.geometry.coordinates;
    await callMap(page, 'map-south', 'setView', { lon, lat, zoom: 16 });
    await callMap(page, 'map-south', 'clearMarkers');
    await page.waitForTimeout(200);

    const box = await page.locator('#map-south').boundingBox();
    const since = await eventCount(page);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const selected = await waitForEvent(page, 'map-south', 'select', since);
    assert.equal(selected.layer, 'sekolah');
    assert.equal(selected.id, school.id);
    assert.deepEqual(selected.properties, school.properties);
  });

  test('forged messages from a third origin change nothing', async () => {
    // Frames inside the elements' shadow trees are not in window.frames, so
    // a third origin cannot reach them at all. A plain /embed frame on the
    // partner page is reachable, and must ignore the forger as well.
    const plainUrl = `${server.url}/embed?origin=${encodeURIComponent(partner.url)}&center=115.2,-8.6&zoom=12`;
    await page.evaluate((url) => new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`no ready event from ${url}`)), 30_000);
      const frame = document.createElement('iframe');
      frame.id = 'plain-map';
      frame.src = url;
      // In view, because browsers pause animation frames of hidden frames.
      frame.style.cssText = 'position:fixed;left:0;top:0;width:320px;height:200px';
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.name === 'ready') resolve();
      });
      document.body.appendChild(frame);
    }), plainUrl);
    const plainMap = page.frames().find((frame) => frame.url() === plainUrl);
    const plainView = await plainMap.evaluate(() => window.badungMap.getView());
    const plainLayers = await plainMap.evaluate(() => window.badungMap.layers().map((layer) => layer.visible));
    const views = [await callMap(page, 'map-south', 'getView'), await callMap(page, 'map-north', 'getView')];
    const since = await eventCount(page);

    await page.evaluate((url) => new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.onload = resolve;
      document.body.appendChild(frame);
    }), `${outsider.url}/blank.html`);
    const forger = page.frames().find((frame) => frame.url().startsWith(outsider.url));
    const reached = await forger.evaluate(() => {
      const base = { protocol: 'badung-map', version: 1 };
      const calls = [
        { ...base, type: 'call', id: 1, method: 'setView', params: { lon: 100, lat: 0, zoom: 3 } },
        { ...base, type: 'call', id: 2, method: 'configure', params: { zoom: '4', layers: 'halte' } },
        { ...base, type: 'call', id: 3, method: 'addMarkers', params: { geojson: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.2, -8.6] } } } },
      ];
      for (let i = 0; i < window.parent.length; i += 1) {
        for (const call of calls) window.parent.frames[i].postMessage(call, '*');
      }
      window.parent.postMessage({ ...base, type: 'event', name: 'select', data: { layer: 'forged', id: 1, properties: {} } }, '*');
      window.parent.postMessage({ ...base, type: 'event', name: 'ready', data: {} }, '*');
      return window.parent.length;
    });
    assert.ok(reached >= 2, `the forger reached ${reached} frames, expected the plain map and itself`);
    // The partner page itself is not the map's origin either.
    await page.evaluate(() => window.postMessage({ protocol: 'badung-map', version: 1, type: 'event', name: 'select', data: { layer: 'forged' } }, '*'));

    // The same call from the partner page does run, so the frame was listening.
    const reply = await page.evaluate(() => new Promise((resolve) => {
      const frame = document.getElementById('plain-map');
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.type === 'reply') resolve(event.data);
      });
      frame.contentWindow.postMessage({ protocol: 'badung-map', version: 1, type: 'call', id: 7, method: 'getView', params: {} }, '*');
    }));
    assert.equal(reply.ok, true);
    assert.equal(reply.id, 7);

    const other = await page.evaluate(() => new Promise((resolve) => {
      const frame = document.getElementById('plain-map');
      window.addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.id === 8) resolve(event.data);
      });
      frame.contentWindow.postMessage({ protocol: 'badung-map', version: 2, type: 'call', id: 8, method: 'getView', params: {} }, '*');
    }));
    assert.equal(other.ok, false);
    assert.equal(other.error.code, 'unsupported_version');

    await page.waitForTimeout(1000);
    assert.deepEqual(await plainMap.evaluate(() => window.badungMap.getView()), plainView);
    assert.equal(await plainMap.locator('.embed-marker').count(), 0);
    assert.deepEqual(await plainMap.evaluate(() => window.badungMap.layers().map((layer) => layer.visible)), plainLayers);
    assert.deepEqual(await page.evaluate((from) => window.embedEvents.slice(from).map((e) => e.name), since), []);
    assert.deepEqual([await callMap(page, 'map-south', 'getView'), await callMap(page, 'map-north', 'getView')], views);
    await page.evaluate(() => document.getElementById('plain-map').remove());
  });

  test('framing from an unlisted origin is refused', async () => {
    const other = await browser.browser.newPage({ viewport });
    const console = [];
    other.on('console', (message) => console.push(message.text()));
    const html = `<!doctype html><title>outsider</title>
      <script src="${server.url}/embed.js" async></script>
      <badung-map id="m" style="height:300px"></badung-map>
      <script>
        window.outcome = null;
        customElements.whenDefined('badung-map').then(() => {
          const map = document.getElementById('m');
          map.on('ready', () => { window.outcome = 'ready'; });
          map.on('error', (error) => { window.outcome = error.code; });
        });
      </script>`;
    outsiderPages['/outsider.html'] = html;
    await other.goto(`${outsider.url}/outsider.html`);

    await other.waitForFunction(() => window.outcome !== null, null, { timeout: 30_000 });
    assert.equal(await other.evaluate(() => window.outcome), 'not_connected');
    assert.ok(console.some((text) => /frame-ancestors/.test(text)), `no frame-ancestors refusal in ${JSON.stringify(console)}`);
    assert.equal(await other.locator('#m p[role=alert]').count(), 1);
    await other.close();
  });
});

// A page with one <badung-map> of the server at mapUrl, recording the outcome.
function singleMapPage(mapUrl) {
  return `<!doctype html><title>one map</title>
    <script src="${mapUrl}/embed.js" async></script>
    <badung-map id="m" style="height:240px"></badung-map>
    <script>
      window.outcome = null;
      customElements.whenDefined('badung-map').then(() => {
        const map = document.getElementById('m');
        map.on('ready', () => { window.outcome = 'ready'; });
        map.on('error', (error) => { window.outcome = error.code; });
      });
    </script>`;
}

describe('embed: default framing without an allow-list', () => {
  let server;
  let local;
  let remote;
  let browser;
  const localPages = {};
  const remotePages = {};

  before(async () => {
    server = await startServer();
    local = await startStaticServer({ pages: localPages });
    // 127.0.0.2 is loopback too, but not an origin the default names.
    remote = await startStaticServer({ pages: remotePages, host: '127.0.0.2' });
    localPages['/one.html'] = singleMapPage(server.url);
    remotePages['/one.html'] = singleMapPage(server.url);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await local?.stop();
    await remote?.stop();
  });

  test('127.0.0.1 on another port may frame', async () => {
    const page = await browser.browser.newPage({ viewport });
    await page.goto(`${local.url}/one.html`);
    await page.waitForFunction(() => window.outcome !== null, null, { timeout: readyTimeoutMs });
    assert.equal(await page.evaluate(() => window.outcome), 'ready');
    await page.close();
  });

  test('other addresses are refused', async () => {
    const page = await browser.browser.newPage({ viewport });
    await page.goto(`${remote.url}/one.html`);
    await page.waitForFunction(() => window.outcome !== null, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.outcome), 'not_connected');
    await page.close();
  });
});
