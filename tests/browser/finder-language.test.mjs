// The finder's texts: counted headings in both languages, where one result
// reads in the singular, and the note for a position outside Badung with
// its button that lists from the map centre.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { watchErrors } from './support/browser.mjs';
import { useServerAndBrowser } from './support/session.mjs';

describe('finder language', () => {
  const session = useServerAndBrowser();

  test('one result reads singular', async () => {
    const page = await session.browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);

    // A puskesmas name that the search finds exactly once.
    const query = await page.evaluate(() => window.badungMap.search('puskesmas', { limit: 1000 })
      .map((hit) => hit.properties.name)
      .find((name) => name && window.badungMap.search(name, { limit: 1000 }).length === 1));
    assert.ok(query, 'no puskesmas name with exactly one search result');

    await page.fill('#finder-input', query);
    await page.waitForSelector('#finder-results .finder-result');
    assert.equal(await page.textContent('#finder-heading'), '1 hasil, jarak dari tengah peta');
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal(await page.textContent('#finder-heading'), '1 result, distance from the map centre');
    assert.match(await page.textContent('#finder-live'), /^1 result: /);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('finder notes', () => {
  const session = useServerAndBrowser();

  // Opens the map with a position given to the browser and taps Terdekat.
  async function openNearest(position) {
    const context = await session.browser.browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['geolocation'],
      geolocation: { longitude: position.lon, latitude: position.lat },
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.click('#finder-nearest');
    await page.waitForSelector('#finder-results .finder-result');
    return { context, page, errors };
  }

  // The status line's text and its button's label, each null when absent.
  async function statusOf(page) {
    if (!await page.isVisible('#finder-status')) return { text: null, button: null };
    const text = await page.textContent('#finder-status');
    const button = await page.isVisible('#finder-status button') ? await page.textContent('#finder-status button') : null;
    return { text, button };
  }

  // The distance in metres that a result row shows: "1.234,5 km" in
  // Indonesian, "1,234.5 km" in English.
  function metres(detail, language) {
    const found = /([\d.,]+)\s*(m|km)\b/.exec(detail);
    assert.ok(found, `no distance in '${detail}'`);
    const [grouping, decimal] = language === 'en' ? [',', '.'] : ['.', ','];
    const value = Number(found[1].split(grouping).join('').replace(decimal, '.'));
    return found[2] === 'km' ? value * 1000 : value;
  }

  test('position far outside Badung is noted', async () => {
    const jakarta = await openNearest({ lon: 106.8, lat: -6.2 });
    const status = await statusOf(jakarta.page);
    assert.equal(status.text, 'Posisi Anda di luar Kabupaten Badung, jadi jarak diukur dari luar Badung. Ukur dari tengah peta');
    assert.equal(status.button, 'Ukur dari tengah peta');
    assert.match(await jakarta.page.textContent('#finder-heading'), /dari posisi Anda$/);
    await jakarta.page.evaluate(() => window.badungMap.setLanguage('en'));
    const english = await statusOf(jakarta.page);
    assert.equal(english.text,
      'Your position is outside Kabupaten Badung, so distances are measured from outside Badung. Measure from the map centre');
    assert.equal(english.button, 'Measure from the map centre');
    assert.deepEqual(jakarta.errors, []);
    await jakarta.context.close();

    const mengwi = await openNearest({ lon: 115.172, lat: -8.548 });
    assert.deepEqual(await statusOf(mengwi.page), { text: null, button: null });
    assert.deepEqual(mengwi.errors, []);
    await mengwi.context.close();
  });

  for (const [language, label, fromCentre] of [
    ['id', 'Ukur dari tengah peta', /dari tengah peta$/],
    ['en', 'Measure from the map centre', /from the map centre$/],
  ]) {
    test(`outside note lists from centre (${language})`, async () => {
      const jakarta = await openNearest({ lon: 106.8, lat: -6.2 });
      await jakarta.page.evaluate((code) => window.badungMap.setLanguage(code), language);
      const farDetail = await jakarta.page.textContent('#finder-results .finder-result .finder-result-detail');
      assert.ok(metres(farDetail, language) > 500000, `the list from Jakarta starts at '${farDetail}'`);

      await jakarta.page.click(`#finder-status button:has-text("${label}")`);
      await jakarta.page.waitForFunction((pattern) => new RegExp(pattern).test(
        document.querySelector('#finder-heading').textContent), fromCentre.source);
      assert.deepEqual(await statusOf(jakarta.page), { text: null, button: null });
      const nearDetail = await jakarta.page.textContent('#finder-results .finder-result .finder-result-detail');
      assert.ok(metres(nearDetail, language) < 20000, `the list from the map centre starts at '${nearDetail}'`);
      assert.equal(await jakarta.page.evaluate(() => document.activeElement?.classList.contains('finder-result')), true);
      assert.deepEqual(jakarta.errors, []);
      await jakarta.context.close();
    });
  }
});
