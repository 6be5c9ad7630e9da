// Loading when parts of the page fail: tiles that never respond or fail,
// a missing TileJSON, missing report modules or stylesheet, no WebGL2 and
// a missing wasm module. Each case routes the real server's responses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { waitForIdleMap } from './support/browser.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const viewport = { width: 1024, height: 768 };
const tilePattern = '**/tiles/badung/**';
// The tile request timeout in web/tiles/tile_fetch.cpp is 15 s, so a test
// with tiles that never respond needs more than that.
const hungTileTestTimeoutMs = 60000;

// The text of the notice box, or null while it is hidden.
function noticeText(page) {
  return page.evaluate(() => {
    const box = document.getElementById('map-notice');
    return box && !box.hidden ? box.querySelector('p').textContent : null;
  });
}

describe('loading: failures that leave the map usable', () => {
  const session = useServerAndBrowser();

  // The service worker would fetch tiles itself, out of reach of page.route.
  async function newPage(options = {}) {
    return session.browser.browser.newPage({ viewport, serviceWorkers: 'block', ...options });
  }

  test('hung tiles hold back no add-on', { timeout: hungTileTestTimeoutMs }, async () => {
    const page = await newPage();
    await page.route(tilePattern, () => {});
    await page.goto(session.server.url);
    await page.evaluate(() => {
      window.readyState = 'pending';
      window.badungMap.ready.then(() => { window.readyState = 'resolved'; }, () => { window.readyState = 'rejected'; });
    });

    // The finder and the report outbox work while the tiles still hang.
    await page.waitForFunction(() => {
      try {
        return window.badungMap.search('kuta').length > 0;
      } catch (error) {
        return false;
      }
    }, null, { timeout: 20000 });
    const outbox = await page.evaluate(() => window.badungMap.outbox());
    assert.deepEqual(outbox, []);
    assert.equal(await page.evaluate(() => window.readyState), 'pending');

    // The tile requests time out, so ready resolves and names the failure.
    const detail = await page.evaluate(() => window.badungMap.ready);
    assert.match(detail.tilesError, /timed out after 15000 ms/);
    assert.equal(await page.isVisible('#loading'), false);
    assert.match(await noticeText(page), /Ubin peta tidak dapat dimuat/);
    await page.close();
  });

  test('tile HTTP 500 shows a notice', async () => {
    const page = await newPage();
    await page.route(tilePattern, (route) => route.fulfill({ status: 500, body: 'broken' }));
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);

    assert.match(detail.tilesError, /HTTP 500/);
    assert.match(await noticeText(page), /Ubin peta tidak dapat dimuat.*mencoba lagi sendiri/);

    // The browser is online, so the connection is not the cause.
    assert.doesNotMatch(await noticeText(page), /koneksi internet/);
    assert.match(await noticeText(page), /beri tahu pengelola situs/);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await noticeText(page), /map tiles could not be loaded.*try again by itself/);
    assert.doesNotMatch(await noticeText(page), /internet connection/);

    // Offline, the same failure names the connection.
    await page.context().setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    assert.match(await noticeText(page), /try again by itself; check the internet connection/);
    await page.context().setOffline(false);
    await page.waitForFunction(() => navigator.onLine);
    assert.doesNotMatch(await noticeText(page), /internet connection/);

    await page.click('#map-notice button');
    assert.equal(await noticeText(page), null);
    await page.close();
  });

  test('tiles that failed with 503 load on retry', async () => {
    const page = await newPage();
    let serverBusy = true;
    let failures = 0;
    await page.route(tilePattern, (route) => {
      if (!serverBusy) return route.continue();
      failures += 1;
      return route.fulfill({ status: 503, body: 'busy' });
    });
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);
    assert.match(detail.tilesError, /HTTP 503/);
    assert.match(await noticeText(page), /mencoba lagi sendiri/);

    // The server recovers: the next retry loads the tiles, with no reload,
    // and the notice goes.
    const failuresBefore = failures;
    serverBusy = false;
    await page.waitForFunction(() => {
      const wanted = window.badungMap.loadedTiles().filter((tile) => tile.wanted);
      return wanted.length > 0 && wanted.every((tile) => tile.state === 'ready' || tile.state === 'empty');
    }, null, { timeout: 45000 });
    await page.waitForFunction(() => {
      const box = document.getElementById('map-notice');
      return box && box.hidden;
    }, null, { timeout: 5000 });
    assert.ok(failuresBefore > 0);
    await page.close();
  });

  test('tile HTTP 404 is not retried', async () => {
    const page = await newPage();
    let requests = 0;
    await page.route(tilePattern, (route) => {
      requests += 1;
      return route.fulfill({ status: 404, body: 'no such tile' });
    });
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);
    assert.match(detail.tilesError, /HTTP 404/);

    // A transient failure would be fetched again after 1 s.
    const after404 = requests;
    await page.waitForTimeout(2500);
    assert.equal(requests, after404);
    assert.ok((await page.evaluate(() => window.badungMap.loadedTiles()))
      .some((tile) => tile.wanted && tile.state === 'failed'));
    await page.close();
  });

  test('TileJSON that failed with 503 loads on retry', async () => {
    const page = await newPage();
    let serverBusy = true;
    await page.route('**/tiles/badung.json', (route) => (serverBusy
      ? route.fulfill({ status: 503, body: 'busy' })
      : route.continue()));
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);
    assert.match(detail.tilesError, /badung\.json: HTTP 503/);
    assert.match(await noticeText(page), /mencoba lagi sendiri/);

    serverBusy = false;
    await page.waitForFunction(() => {
      const wanted = window.badungMap.loadedTiles().filter((tile) => tile.wanted);
      return wanted.length > 0 && wanted.every((tile) => tile.state === 'ready' || tile.state === 'empty');
    }, null, { timeout: 45000 });
    await page.waitForFunction(() => {
      const box = document.getElementById('map-notice');
      return box && box.hidden;
    }, null, { timeout: 5000 });
    await page.close();
  });

  test('TileJSON HTTP 404 shows a notice', async () => {
    const page = await newPage();
    await page.route('**/tiles/badung.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);

    assert.match(detail.tilesError, /badung\.json: HTTP 404/);
    assert.match(await noticeText(page), /Ubin peta tidak dapat dimuat.*Muat ulang halaman/);
    assert.doesNotMatch(await noticeText(page), /koneksi internet/);
    await page.close();
  });

  test('TileJSON without tiles shows a notice', async () => {
    const page = await newPage();
    await page.route('**/tiles/badung.json', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ tilejson: '3.0.0', minzoom: 0, maxzoom: 14 }),
    }));
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);

    assert.match(detail.tilesError, /has no "tiles" URL template/);
    assert.match(await noticeText(page), /Ubin peta tidak dapat dimuat/);
    await page.close();
  });

  test('tiles that load leave no notice', async () => {
    const page = await newPage();
    await page.goto(session.server.url);
    const detail = await page.evaluate(() => window.badungMap.ready);

    assert.equal(detail.tilesError, null);
    assert.equal(await noticeText(page), null);
    await page.close();
  });

  test('missing report module shows a notice', async () => {
    // The panel's "Lapor" header and its "Buat laporan warga" button at
    // this viewport, as in report-form.test.mjs.
    const reportHeader = { x: 62, y: 543 };
    const reportButton = { x: 76, y: 569 };
    const page = await newPage();
    await page.route('**/reports/reports.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);

    await page.mouse.click(reportHeader.x, reportHeader.y);
    await waitForIdleMap(page);
    await page.mouse.click(reportButton.x, reportButton.y);

    await page.waitForSelector('#map-notice', { state: 'visible', timeout: 10000 });
    assert.match(await noticeText(page), /Formulir laporan gagal dimuat/);
    await page.close();
  });

  test('report form waits for its stylesheet', async () => {
    const phoneHeight = 844;
    const page = await newPage({ viewport: { width: 390, height: phoneHeight } });
    await page.route('**/reports/reports.css', async (route) => {
      await new Promise((resolve) => { setTimeout(resolve, 1000); });
      await route.continue();
    });
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);

    // The description field's box and its panel's CSS position in the first
    // animation frame that shows the field.
    const shown = await page.evaluate(() => new Promise((resolve) => {
      const check = () => {
        const field = document.getElementById('report-description');
        const rect = field?.getBoundingClientRect();
        if (rect && rect.width > 0 && rect.height > 0) {
          resolve({ box: rect.toJSON(), position: getComputedStyle(field.closest('.report-panel')).position });
        } else {
          requestAnimationFrame(check);
        }
      };
      window.badungMap.openReportForm();
      check();
    }));
    assert.equal(shown.position, 'fixed', 'the form was shown before reports.css applied');
    const { box } = shown;
    assert.ok(box.y >= 0 && box.y + box.height <= phoneHeight, `field outside the screen: ${JSON.stringify(box)}`);
    await page.close();
  });
});

describe('loading: failures that stop the map', () => {
  const session = useServerAndBrowser();

  test('no WebGL2 stops the module download', async () => {
    const page = await session.browser.browser.newPage({ viewport, serviceWorkers: 'block' });
    // A browser whose WebGL2 constructor exists but gives no context.
    await page.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
      };
    });
    const finished = [];
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    page.on('requestfinished', (request) => finished.push(new URL(request.url()).pathname));
    await page.goto(session.server.url);

    const message = await page.evaluate(() => window.badungMap.ready.then(() => 'resolved', (error) => error.message));
    assert.match(message, /does not support WebGL2/);
    assert.equal(await page.isVisible('#failure'), true);
    assert.ok(!requested.includes('/badung-map.js'), `the glue was requested: ${requested.join(', ')}`);
    assert.ok(!finished.includes('/badung-map.wasm'), `the module downloaded: ${finished.join(', ')}`);
    await page.close();
  });

  test('wasm HTTP 404 rejects ready', async () => {
    const page = await session.browser.browser.newPage({ viewport, serviceWorkers: 'block' });
    await page.route('**/badung-map.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(session.server.url);

    const message = await page.evaluate(() => window.badungMap.ready.then(() => 'resolved', (error) => error.message));
    assert.equal(message,
      'The map module failed to load. Check the connection and reload the page. (badung-map.wasm: HTTP 404 Not Found)');
    await page.close();
  });

  test('finder members throw before start', async () => {
    const page = await session.browser.browser.newPage({ viewport, serviceWorkers: 'block' });
    await page.route('**/badung-map.js', () => {});
    await page.goto(session.server.url, { waitUntil: 'domcontentloaded' });

    for (const name of ['search', 'nearest', 'nearestByKind', 'locate', 'within']) {
      const message = await page.evaluate((member) => {
        try {
          window.badungMap[member]('kuta');
          return 'returned';
        } catch (error) {
          return error.message;
        }
      }, name);
      assert.equal(message, 'badungMap is not started yet: await badungMap.ready first', name);
    }
    await page.close();
  });
});
