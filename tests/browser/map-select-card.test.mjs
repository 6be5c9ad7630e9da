// A place clicked or tapped on the map opens the finder's card, with the
// same rows as the card of a search result, on a phone and a desktop.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { waitForIdleMap, watchErrors } from './support/browser.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

// The card's rows as [term, value] pairs, leaving out the distance, which
// only a search from a point has.
function cardRows(page) {
  return page.evaluate(() => {
    const terms = [...document.querySelectorAll('#finder-card dt')].map((term) => term.textContent);
    const values = [...document.querySelectorAll('#finder-card dd')].map((value) => value.textContent);
    return terms.map((term, i) => [term, values[i]]).filter(([term]) => !/^(Jarak|Distance)$/.test(term));
  });
}

describe('map selection card', () => {
  const session = useServerAndBrowser();

  async function openPage(options) {
    const context = await session.browser.browser.newContext(options);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    return { context, page, errors };
  }

  // Centres the map on the place at zoom 16 and clicks or taps it, or the
  // canvas point `at` when given. Resolves to the selected feature.
  async function selectOnMap(page, place, touch, at = null) {
    await page.evaluate(([lon, lat]) => window.badungMap.setView({ lon, lat, zoom: 16 }), place.location);
    await waitForIdleMap(page);
    const point = at ?? await page.evaluate(([lon, lat]) => window.badungMap.project(lon, lat), place.location);
    const selected = page.evaluate(() => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no select event within 3 s of the tap')), 3000);
      const off = window.badungMap.on('select', (feature) => {
        off();
        clearTimeout(timer);
        resolve(feature);
      });
    }));
    if (touch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
    return selected;
  }

  for (const [device, options] of [['phone', phone], ['desktop', desktop]]) {
    test(`${device}: tap on a puskesmas opens its card`, async () => {
      const { context, page, errors } = await openPage(options);
      const touch = device === 'phone';
      const place = await page.evaluate(() => window.badungMap.search('puskesmas kuta utara', { limit: 1 })[0]);
      assert.ok(place, 'no Puskesmas Kuta Utara in the data');

      const selected = await selectOnMap(page, place, touch);
      assert.equal(selected?.properties?.name, place.properties.name);
      await page.waitForSelector('#finder-card:not([hidden])', { timeout: 3000 });
      assert.equal(await page.textContent('#finder-card-title'), place.properties.name);
      const tapped = await cardRows(page);
      const tappedText = await page.locator('#finder-card').innerText();
      assert.doesNotMatch(tappedText, /nama faskes|kode_faskes|jenis_faskes/);
      if (!touch) {
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'map', 'the click moved the focus off the map');
      }

      // The card does not cover the place: the map moves it into view.
      await waitForIdleMap(page);
      const cover = await page.evaluate(([lon, lat]) => {
        const point = window.badungMap.project(lon, lat);
        const canvas = document.getElementById('map').getBoundingClientRect();
        const box = document.getElementById('finder').getBoundingClientRect();
        return { x: canvas.left + point.x, y: canvas.top + point.y, box: box.toJSON(), height: canvas.height };
      }, place.location);
      const covered = cover.x >= cover.box.left && cover.x <= cover.box.right
        && cover.y >= cover.box.top && cover.y <= cover.box.bottom;
      assert.equal(covered, false, `the place at ${cover.x}, ${cover.y} is under the finder box ${JSON.stringify(cover.box)}`);
      assert.ok(cover.y > 0, `the place at y ${cover.y} is above the map`);
      assert.ok(cover.y < cover.height, `the place at y ${cover.y} is below the map`);

      // The card of the same place opened from a search result.
      await page.fill('#finder-input', place.properties.name);
      await page.locator('#finder-results .finder-result').first().click();
      await page.waitForSelector('#finder-card:not([hidden])');
      assert.equal(await page.textContent('#finder-card-title'), place.properties.name);
      assert.deepEqual(tapped, await cardRows(page));
      assert.ok(tapped.some(([term]) => term === 'Terletak di'), JSON.stringify(tapped));
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('back and a tap on the sea hide the card', async () => {
    const { context, page, errors } = await openPage(phone);
    const place = await page.evaluate(() => window.badungMap.search('puskesmas kuta utara', { limit: 1 })[0]);

    await selectOnMap(page, place, true);
    await page.waitForSelector('#finder-card:not([hidden])', { timeout: 3000 });
    assert.equal(await page.textContent('#finder-card .finder-back'), 'Tutup');
    await page.locator('#finder-card .finder-back').tap();
    assert.equal(await page.isVisible('#finder-card'), false);
    assert.equal(await page.isVisible('#finder-results'), false, 'back showed an empty result list');

    await selectOnMap(page, place, true);
    await page.waitForSelector('#finder-card:not([hidden])', { timeout: 3000 });
    // Open sea all around at zoom 16, tapped below the card.
    const sea = { location: [115.05, -8.85] };
    const nothing = await selectOnMap(page, sea, true, { x: 195, y: 700 });
    assert.equal(nothing, null);
    assert.equal(await page.isVisible('#finder-card'), false);
    assert.equal(await page.isVisible('#finder-close'), false);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
