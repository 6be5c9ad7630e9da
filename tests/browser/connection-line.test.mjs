// The connection line learns that the map server is down from the page's
// own requests (here the tiles of a new view), with no report waiting in
// the outbox, and reads "Daring" again once a request gets through. An
// idle page sends HEAD probes to find out the same.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './support/server.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const waitMs = 30000;

// Moves the map to a view whose tiles the page has not loaded yet.
async function showNewView(page, lon, lat) {
  await page.evaluate(({ lon, lat }) => window.badungMap.setView({ lon, lat, zoom: 15 }), { lon, lat });
}

async function waitForLine(page, text) {
  await page.waitForFunction((expected) => document.getElementById('offline-connection')?.textContent === expected,
    text, { timeout: waitMs });
}

describe('connection line', () => {
  const session = useServerAndBrowser();

  test('a stopped server is named without a report', async () => {
    const page = await session.browser.browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    await waitForLine(page, 'Daring');
    assert.deepEqual(await page.evaluate(() => window.badungMap.outbox()), []);

    const port = new URL(session.server.url).port;
    await session.server.stop();
    await showNewView(page, 115.1689, -8.6482);
    await waitForLine(page, 'Server peta tidak terjangkau');
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal(await page.textContent('#offline-connection'), 'Map server unreachable');
    await page.evaluate(() => window.badungMap.setLanguage('id'));

    session.server = await startServer({ extraArgs: ['--port', port] });
    await showNewView(page, 115.2246, -8.7211);
    await waitForLine(page, 'Daring');
    await page.close();
  });

  test('idle page notices stop and restart', async () => {
    const page = await session.browser.browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.addInitScript(() => {
      window.badungReachabilityProbe = { idleMs: 1000, retryMs: 500 };
    });
    const heads = [];
    page.on('request', (request) => {
      if (request.method() === 'HEAD') heads.push(new URL(request.url()).pathname);
    });
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    await waitForLine(page, 'Daring');

    const port = new URL(session.server.url).port;
    await session.server.stop();
    await waitForLine(page, 'Server peta tidak terjangkau');
    session.server = await startServer({ extraArgs: ['--port', port] });
    await waitForLine(page, 'Daring');
    // Other background requests may notice one of the two changes first.
    assert.ok(heads.length >= 1, `expected a HEAD probe, saw ${JSON.stringify(heads)}`);
    assert.deepEqual([...new Set(heads)], ['/manifest.webmanifest']);
    await page.close();
  });
});
