// Offline first in headless Chromium with a persistent profile against the
// real badung-cityd. Covers the service worker and the "Unduh peta Badung"
// pack in IndexedDB, interrupted and resumed, with a corrupted entry fetched
// again. The map is then drawn from the pack with the network cut and the
// server stopped, search and nearest answer as they did online, a report
// written in a page reopened offline waits in the outbox and reaches the
// restarted server exactly once, and a new deployment is offered as "Versi
// baru tersedia". The page's origin is a loopback proxy that logs every
// report POST, in front of the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchPersistent, watchErrors } from './support/browser.mjs';
import { startProxy } from './support/proxy.mjs';
import { build, root, startServer } from './support/server.mjs';
import { colourDistance, snapshot } from './support/pixels.mjs';

const viewport = { width: 1024, height: 768 };
const view = { lon: 115.1686, lat: -8.7215, zoom: 13 };
const kuta = { lon: 115.1691, lat: -8.7177 };
const waitMs = 30000;

// A copy of the site and a data root of links to dist/data with its own
// pack.json, so the test can publish a new version without a rebuild.
function makeRoots() {
  const folder = mkdtempSync(join(tmpdir(), 'badung-offline-'));
  const site = join(folder, 'site');
  cpSync(join(build, 'wasm', 'site'), site, { recursive: true });
  const data = join(folder, 'data');
  mkdirSync(data);
  for (const name of ['catalog.json', 'layers', 'badung.mbtiles', 'styles', 'fonts']) {
    symlinkSync(join(root, 'dist', 'data', name), join(data, name));
  }
  cpSync(join(root, 'dist', 'data', 'pack.json'), join(data, 'pack.json'));
  return { folder, site, data };
}

function bumpVersion(file, key) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json[key] = `${json[key]}-next`;
  writeFileSync(file, JSON.stringify(json));
  return json[key];
}

// Samples a grid over the map, away from the panels at the edges.
async function sampleGrid(page) {
  const image = await snapshot(page);
  const pixels = [];
  for (let y = 160; y <= 600; y += 40) {
    for (let x = 340; x <= 980; x += 40) pixels.push(image.at(x, y));
  }
  return pixels;
}

// The finder's answers for a few inputs, to compare online and offline.
function finderAnswers(page) {
  return page.evaluate((p) => ({
    search: window.badungMap.search('pkm kuta', { lon: p.lon, lat: p.lat, limit: 20 }),
    typo: window.badungMap.search('puskesmas kutta', { lon: p.lon, lat: p.lat }),
    nearest: window.badungMap.nearest({ lon: p.lon, lat: p.lat, k: 10 }),
    nearestHealth: window.badungMap.nearest({ lon: p.lon, lat: p.lat, category: 'kesehatan', k: 10 }),
    located: window.badungMap.locate(p.lon, p.lat),
  }), kuta);
}

// Every stored request with this description, from the server's GET.
async function requestsWithDescription(url, description) {
  const response = await fetch(`${url}/open311/v2/requests.json?page_size=1000`);
  assert.equal(response.status, 200);
  const json = await response.json();
  const list = Array.isArray(json) ? json : json.requests || json.service_requests || [];
  return list.filter((entry) => entry.description === description);
}

// Waits until the outbox item with this description is in state, and
// returns it.
async function waitForOutboxState(page, description, state) {
  const deadline = Date.now() + waitMs;
  let items = [];
  while (Date.now() < deadline) {
    items = await page.evaluate(() => window.badungMap.outbox());
    const item = items.find((entry) => entry.fields.description === description && entry.state === state);
    if (item) return item;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no outbox item '${description}' in state ${state} within ${waitMs} ms: ${JSON.stringify(items)}`);
}

async function showView(page) {
  await page.evaluate(async (target) => {
    // The map draws only when something changed: wait for the frame of the
    // new view, then two more animation frames for the screenshot.
    const start = window.badungMap.frameCount();
    window.badungMap.setView(target);
    while (window.badungMap.frameCount() <= start) await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  }, view);
}

describe('offline pack and service worker', () => {
  let roots;
  let server;
  let proxy;
  let origin;
  let port;
  let dataDir;
  let profile;
  let page;
  let onlineAnswers;
  const errorLists = [];

  // Opens the app in a new page of the profile and waits for the map.
  async function openPage() {
    const opened = await profile.context.newPage();
    await opened.setViewportSize(viewport);
    errorLists.push(watchErrors(opened));
    await opened.goto(origin);
    await opened.evaluate(() => window.badungMap.ready);
    return opened;
  }
  const pack = JSON.parse(readFileSync(join(root, 'dist', 'data', 'pack.json'), 'utf8'));
  const entryCount = pack.files.length + pack.tiles.entries.length;

  before(async () => {
    roots = makeRoots();
    dataDir = join(roots.folder, 'cityd');
    mkdirSync(dataDir);
    server = await startServer({ extraArgs: ['--web-root', roots.site, '--data-root', roots.data], dataDir });
    port = new URL(server.url).port;
    proxy = await startProxy(server.url);
    origin = proxy.url;
    profile = await launchPersistent();
    page = await openPage();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  });

  after(async () => {
    const open = profile ? profile.context.pages() : [];
    for (const each of open) await each.close();
    await profile?.close();
    await proxy?.close();
    await server?.stop();
    if (roots) rmSync(roots.folder, { recursive: true, force: true });
  });

  test('first visit has no pack and shows the download button', async () => {
    const state = await page.evaluate(() => window.badungMap.offlinePack());
    assert.equal(state.state, 'none');
    assert.equal(await page.textContent('#offline-download'), 'Unduh peta Badung');
    assert.equal(await page.textContent('#offline-connection'), 'Daring');
  });

  test('panel folds to one line on a phone', async () => {
    assert.equal(await page.getAttribute('#offline-toggle', 'aria-expanded'), 'true');
    assert.equal(await page.isVisible('#offline-download'), true);

    const phone = await profile.context.newPage();
    errorLists.push(watchErrors(phone));
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(origin);
    await phone.evaluate(() => window.badungMap.ready);
    await phone.waitForSelector('#offline-toggle');

    assert.equal(await phone.getAttribute('#offline-toggle', 'aria-expanded'), 'false');
    assert.equal(await phone.isVisible('#offline-details'), false);
    assert.equal(await phone.textContent('#offline-toggle'), 'Daring· Peta luring');
    const folded = await phone.$eval('#offline-panel', (panel) => panel.getBoundingClientRect().height);

    await phone.click('#offline-toggle');
    assert.equal(await phone.getAttribute('#offline-toggle', 'aria-expanded'), 'true');
    assert.equal(await phone.isVisible('#offline-download'), true);
    const unfolded = await phone.$eval('#offline-panel', (panel) => panel.getBoundingClientRect().height);
    assert.ok(unfolded > folded + 20, `panel height ${folded} px folded, ${unfolded} px unfolded`);

    await phone.click('#offline-toggle');
    assert.equal(await phone.isVisible('#offline-details'), false);
    await phone.close();
  });

  test('web app manifest makes the app installable', async () => {
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      return (await fetch(link.href)).json();
    });
    assert.equal(manifest.name, 'Peta Kabupaten Badung');
    assert.equal(manifest.lang, 'id');
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.theme_color);
    const sizes = manifest.icons.map((icon) => icon.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `icon sizes ${sizes}`);
    for (const icon of manifest.icons) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      assert.equal(status, 200, `icon ${icon.src}`);
    }
  });

  test('worker leaves API navigations to the server', async () => {
    const other = await profile.context.newPage();
    const response = await other.goto(`${origin}/collections?f=json`);
    assert.match(response.headers()['content-type'], /application\/json/);
    await other.close();
  });

  test('too small a quota gets a clear message', async () => {
    await page.evaluate(() => {
      window.savedEstimate = navigator.storage.estimate;
      navigator.storage.estimate = async () => ({ quota: 1000, usage: 0 });
    });
    await page.click('#offline-download');
    await page.waitForSelector('#offline-message:not([hidden])');
    assert.match(await page.textContent('#offline-message'), /^Ruang penyimpanan tidak cukup/);
    assert.equal((await page.evaluate(() => window.badungMap.offlinePack())).state, 'none');
    await page.evaluate(() => {
      navigator.storage.estimate = window.savedEstimate;
    });
  });

  test('panel download shows its checking phase', async () => {
    // Hold the download at its first step, before any progress report.
    await page.evaluate(() => {
      window.savedPersist = navigator.storage.persist;
      navigator.storage.persist = () => new Promise((resolve) => { window.releasePersist = resolve; });
    });
    await page.click('#offline-download');
    await page.waitForFunction(() => typeof window.releasePersist === 'function');
    assert.equal(await page.textContent('#offline-pack-state'), 'Memeriksa peta yang tersimpan…');
    assert.equal(await page.isVisible('#offline-cancel'), true);

    await page.click('#offline-cancel');
    await page.evaluate(() => {
      navigator.storage.persist = window.savedPersist;
      window.releasePersist(false);
    });
    await page.waitForSelector('#offline-message:not([hidden])');
    assert.equal((await page.evaluate(() => window.badungMap.offlinePack())).state, 'none');
    assert.equal(await page.textContent('#offline-pack-state'), 'Peta luring belum diunduh');
  });

  test('panel download can be cancelled', async () => {
    await page.click('#offline-download');
    await page.waitForFunction(() => (window.badungMap.offlinePack().progress?.entriesDone ?? 0) > 0);
    assert.equal(await page.isVisible('#offline-download'), false);
    assert.equal(await page.textContent('#offline-cancel'), 'Batalkan unduhan');

    await page.click('#offline-cancel');
    await page.waitForSelector('#offline-message:not([hidden])');
    assert.match(await page.textContent('#offline-message'), /^Unduhan dibatalkan/);
    assert.equal((await page.evaluate(() => window.badungMap.offlinePack())).state, 'none');
    assert.equal(await page.isVisible('#offline-cancel'), false);
    assert.equal(await page.isVisible('#offline-download'), true);
  });

  test('interrupted download resumes without refetching', async () => {
    const interrupted = await page.evaluate(async () => {
      const controller = new AbortController();
      try {
        await window.badungMap.downloadOfflinePack({
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.phase === 'downloading' && progress.entriesDone * 2 >= progress.entriesTotal) controller.abort();
          },
        });
        return 'finished';
      } catch (error) {
        return error.name;
      }
    });
    assert.equal(interrupted, 'AbortError');
    assert.equal((await page.evaluate(() => window.badungMap.offlinePack())).state, 'none');

    // The download's own requests: the map on the page may fetch a tile of
    // its view meanwhile, which is not the download's.
    const requestsBefore = proxy.packPaths.length;
    const { result, last } = await page.evaluate(async () => {
      let lastProgress = null;
      const done = await window.badungMap.downloadOfflinePack({ onProgress: (progress) => { lastProgress = progress; } });
      return { result: done, last: lastProgress };
    });
    assert.ok(result.keptEntries >= entryCount / 2, `kept ${result.keptEntries} of ${entryCount}`);
    // The missing tiles came in bundles of consecutive tiles, none alone.
    const resumed = proxy.packPaths.slice(requestsBefore);
    const bundles = resumed.filter((path) => path.startsWith('/data/pack/tiles?'));
    assert.ok(bundles.length > 0, 'no tile bundle was requested');
    assert.equal(resumed.filter((path) => path.startsWith('/tiles/badung/')).length, 0);
    assert.ok(bundles.length * 100 < result.fetchedEntries, `${bundles.length} bundles for ${result.fetchedEntries} entries`);
    // The panel shows these figures; fetched tiles count as well as kept ones.
    assert.equal(last.phase, 'done');
    assert.equal(last.entriesDone, entryCount);
    assert.equal(last.tilesDone, pack.tiles.entries.length);
    assert.equal(result.keptEntries + result.fetchedEntries, entryCount);
    assert.equal(result.tiles, pack.tiles.entries.length);
    assert.equal(result.bytes, pack.total_bytes);

    const state = await page.evaluate(() => window.badungMap.offlinePack());
    assert.equal(state.state, 'ready');
    assert.equal(state.dataVersion, pack.data_version);
    assert.equal(state.size, pack.total_bytes);
    assert.match(await page.textContent('#offline-pack-state'), /^Peta luring: .* MB, diunduh /);
  });

  test('corrupted entry is detected and fetched again', async () => {
    const tile = pack.tiles.entries.reduce((largest, entry) => (entry[3] > largest[3] ? entry : largest));
    const path = `tiles/badung/${tile[0]}/${tile[1]}/${tile[2]}.mvt`;
    const stored = await page.evaluate(async (key) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('badung-offline');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = db.transaction('entries', 'readwrite');
      const store = transaction.objectStore('entries');
      const entry = await new Promise((resolve) => { store.get(key).onsuccess = (event) => resolve(event.target.result); });
      const found = { encoding: entry.encoding, storedBytes: entry.body.byteLength, size: entry.size };
      const bytes = new Uint8Array(entry.body);
      bytes[0] ^= 0xff;
      entry.body = bytes.buffer;
      store.put(entry);
      await new Promise((resolve) => { transaction.oncomplete = resolve; });
      db.close();
      return found;
    }, path);
    // Entries are stored gzip-compressed; size is that of the tile itself.
    assert.equal(stored.encoding, 'gzip');
    assert.equal(stored.size, tile[3]);
    assert.ok(stored.storedBytes < stored.size, `stored ${stored.storedBytes} bytes of a ${stored.size}-byte tile`);

    const result = await page.evaluate(() => window.badungMap.downloadOfflinePack());
    assert.equal(result.fetchedEntries, 1);
    assert.equal(result.keptEntries, entryCount - 1);
  });

  test('failed bundle falls back to single tiles', async () => {
    // Two tiles next to each other in pack.json, so they form one bundle.
    const paths = pack.tiles.entries.slice(100, 102).map(([z, x, y]) => `tiles/badung/${z}/${x}/${y}.mvt`);
    await page.evaluate(async (keys) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('badung-offline');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = db.transaction('entries', 'readwrite');
      for (const key of keys) transaction.objectStore('entries').delete(key);
      await new Promise((resolve) => { transaction.oncomplete = resolve; });
      db.close();
    }, paths);

    proxy.failPaths('/data/pack/tiles', 503);
    const requestsBefore = proxy.paths.length;
    try {
      const result = await page.evaluate(() => window.badungMap.downloadOfflinePack());
      assert.equal(result.fetchedEntries, 2);
      assert.equal(result.keptEntries, entryCount - 2);
    } finally {
      proxy.failPaths('/data/pack/tiles', 0);
    }
    const requested = proxy.paths.slice(requestsBefore);
    assert.equal(requested.filter((path) => path.startsWith('/data/pack/tiles?')).length, 1);
    assert.deepEqual(requested.filter((path) => path.startsWith('/tiles/badung/')).sort(), paths.map((path) => `/${path}`).sort());
  });

  test('search and nearest answer online', async () => {
    onlineAnswers = await finderAnswers(page);
    assert.ok(onlineAnswers.search.length > 0, 'no search results online');
    assert.ok(onlineAnswers.nearest.length === 10, `${onlineAnswers.nearest.length} nearest online`);
    assert.ok(onlineAnswers.nearestHealth.length > 0, 'no nearest health facilities online');
    assert.ok(onlineAnswers.located.desa, 'locate found no desa online');
  });

  test('map draws from the pack with the network cut', async () => {
    await showView(page);
    const online = await sampleGrid(page);
    const distinct = new Set(online.map((pixel) => pixel.slice(0, 3).join(','))).size;
    assert.ok(distinct >= 3, `the online view shows ${distinct} colours; expected a drawn map`);

    // Playwright's offline mode does not reach the service worker's own
    // fetches, so the server is stopped too.
    await profile.context.setOffline(true);
    await server.stop();
    await page.reload();
    const ready = await page.evaluate(() => window.badungMap.ready);
    assert.deepEqual(ready.failedLayers, []);
    await showView(page);
    const offline = await sampleGrid(page);

    const differing = online.filter((pixel, i) => colourDistance(pixel, offline[i]) > 12).length;
    assert.ok(differing <= online.length * 0.02, `${differing} of ${online.length} sampled pixels differ offline`);
    assert.equal(await page.textContent('#offline-connection'), 'Luring (tanpa koneksi)');
  });

  test('empty sea tiles are empty offline', async () => {
    // The server responds to this Kuta beach tile with 204 (no data), so
    // the pack lacks it. Offline the worker responds with 204 as well.
    assert.equal(await page.evaluate(() => fetch('tiles/badung/15/26865/17179.mvt').then((r) => r.status)), 204);

    const frame = await page.evaluate(() => new Promise((resolve) => {
      const off = window.badungMap.on('frame', (event) => {
        if (!event.complete || event.moving) return;
        off();
        resolve(event);
      });
      window.badungMap.setView({ lon: 115.1662, lat: -8.7177, zoom: 15 });
    }));
    assert.equal(frame.failedTiles, 0);
    assert.equal(await page.isVisible('#map-notice'), false);
  });

  test('search and nearest offline answer as online', async () => {
    assert.ok(onlineAnswers, 'the online answers were not recorded');
    const offline = await finderAnswers(page);
    assert.deepEqual(offline, onlineAnswers);
  });

  test('report form opens offline', async () => {
    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-description', { state: 'visible', timeout: 5000 });
  });

  test('report written in a page reopened offline arrives once', async () => {
    const description = 'Luring: pohon tumbang menutup jalan di Kuta';
    await page.close();
    page = await openPage();
    const ready = await page.evaluate(() => window.badungMap.ready);
    assert.deepEqual(ready.failedLayers, []);
    assert.equal(await page.evaluate(() => navigator.onLine), false);

    await page.evaluate((text) => window.badungMap.submitReport({
      service_code: 'JLN-01', lat: -8.7177, long: 115.1691, description: text,
    }), description);
    await waitForOutboxState(page, description, 'pending');
    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-outbox [data-state="pending"]', { timeout: waitMs });
    assert.match(await page.textContent('#report-outbox'), /Menunggu jaringan/);
    await page.close();
    assert.equal(proxy.posts.filter((post) => post.fields.get('description') === description).length, 0);

    server = await startServer({
      extraArgs: ['--web-root', roots.site, '--data-root', roots.data, '--port', port], dataDir,
    });
    await profile.context.setOffline(false);
    page = await openPage();
    const sent = await waitForOutboxState(page, description, 'sent');
    assert.ok(sent.serviceRequestId, 'sent without a service_request_id');
    // A later pump must not send it again.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));

    const posts = proxy.posts.filter((post) => post.fields.get('description') === description);
    assert.equal(posts.length, 1, `POSTs: ${JSON.stringify(posts.map((post) => post.key))}`);
    const stored = await requestsWithDescription(origin, description);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].service_request_id, sent.serviceRequestId);
  });

  test('new version is offered after publishing', async () => {
    await server.stop();
    const shellVersion = bumpVersion(join(roots.site, 'shell-manifest.json'), 'version');
    const dataVersion = bumpVersion(join(roots.data, 'pack.json'), 'data_version');
    server = await startServer({
      extraArgs: ['--web-root', roots.site, '--data-root', roots.data, '--port', port],
    });
    await profile.context.setOffline(false);
    await page.reload();
    await page.evaluate(() => window.badungMap.ready);

    await page.waitForSelector('#update-banner:not([hidden])', { timeout: 30000 });
    assert.match(await page.textContent('#update-banner'), /Versi baru tersedia/);
    await page.waitForFunction(() => window.badungMap.offlinePack().state === 'outdated');

    const result = await page.evaluate(() => window.badungMap.downloadOfflinePack());
    assert.equal(result.dataVersion, dataVersion);
    assert.equal(result.fetchedEntries, 0);

    await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
    await page.evaluate(() => window.badungMap.ready);
    const script = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    assert.ok(script.endsWith(`sw.js?v=${encodeURIComponent(shellVersion)}`), `controller is ${script}`);
  });

  test('delete button removes the pack', async () => {
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#offline-delete');
    await page.waitForFunction(() => window.badungMap.offlinePack().state === 'none');
    assert.equal(await page.textContent('#offline-pack-state'), 'Peta luring belum diunduh');
  });

  test('no page errors', () => {
    const unexpected = errorLists.flat().filter((line) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::ERR/.test(line));
    assert.deepEqual(unexpected, []);
  });
});
