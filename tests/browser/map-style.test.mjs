// The app draws with the style the server hands out at /styles/badung.json:
// a changed style changes the map, and a property outside the supported
// subset is reported with its layer id while the rest still applies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from './support/browser.mjs';
import { root, startServer } from './support/server.mjs';
import { colourDistance, snapshot } from './support/pixels.mjs';

const shippedStyle = JSON.parse(readFileSync(join(root, 'geodata', 'style', 'badung.json'), 'utf8'));

// The shipped style with the sea magenta, every kecamatan area blue, and
// an expression the core does not support on the desa boundaries.
function alteredStyle() {
  const style = structuredClone(shippedStyle);
  const layer = (id) => style.layers.find((entry) => entry.id === id);
  layer('sea').paint['background-color'] = '#FF00FF';
  layer('kecamatan-area').paint['fill-color'] = '#0000FF';
  layer('kecamatan-area').paint['fill-opacity'] = 1;
  layer('desa-boundary').paint['line-width'] = ['*', ['zoom'], 0.1];
  return style;
}

describe('map style in the app', () => {
  let server;
  let browser;
  let page;
  const warnings = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 800, height: 600 } });
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.route(`${server.url}/styles/badung.json`, (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify(alteredStyle()),
    }));
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.evaluate(() => window.badungMap.setView({ lon: 115.17, lat: -8.55, zoom: 10 }));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('background colour comes from the style', async () => {
    const sea = await page.evaluate(() => window.badungMap.project(115.0, -8.8));
    const pixel = (await snapshot(page)).at(sea.x, sea.y);
    assert.ok(colourDistance(pixel, [255, 0, 255]) <= 10, `sea pixel is ${pixel}, expected magenta`);
  });

  test('kecamatan fill comes from the style', async () => {
    // Inside Kecamatan Abiansemal, away from boundaries and roads.
    const inside = await page.evaluate(() => window.badungMap.project(115.215, -8.47));
    const image = await snapshot(page);
    // Most of a 21 x 21 pixel window, as boundaries or markers may cross it.
    let blue = 0;
    for (let dy = -10; dy <= 10; dy += 1) {
      for (let dx = -10; dx <= 10; dx += 1) {
        if (colourDistance(image.at(inside.x + dx, inside.y + dy), [0, 0, 255]) <= 10) blue += 1;
      }
    }
    assert.ok(blue > 21 * 21 / 2, `${blue} of 441 pixels around (${inside.x}, ${inside.y}) are blue`);
  });

  test('unsupported expression is reported with its layer', () => {
    const reports = warnings.filter((text) => text.includes("layer 'desa-boundary'"));
    assert.equal(reports.length, 1, `warnings: ${warnings.join(' | ')}`);
    assert.match(reports[0], /paint\.line-width/);
    assert.match(reports[0], /'\*'/);
  });
});
