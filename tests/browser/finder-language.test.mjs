// The finder's texts: counted headings in both languages, where one result
// reads in the singular, and the note for a position outside Badung.
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

  // Terdekat from a position given to the browser; returns the status line
  // (null when hidden) and the heading.
  async function nearestFrom(position) {
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
    const status = await page.isVisible('#finder-status') ? await page.textContent('#finder-status') : null;
    const heading = await page.textContent('#finder-heading');
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    const english = await page.isVisible('#finder-status') ? await page.textContent('#finder-status') : null;
    await context.close();
    return { status, english, heading, errors };
  }

  test('position far outside Badung is noted', async () => {
    const jakarta = await nearestFrom({ lon: 106.8, lat: -6.2 });
    assert.equal(jakarta.status, 'Posisi Anda di luar Kabupaten Badung, jadi jarak diukur dari luar Badung.');
    assert.equal(jakarta.english, 'Your position is outside Kabupaten Badung, so distances are measured from outside Badung.');
    assert.match(jakarta.heading, /dari posisi Anda$/);
    assert.deepEqual(jakarta.errors, []);

    const mengwi = await nearestFrom({ lon: 115.172, lat: -8.548 });
    assert.equal(mengwi.status, null);
    assert.deepEqual(mengwi.errors, []);
  });
});
