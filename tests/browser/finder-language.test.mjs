// The finder's counted headings in both languages: one result reads in the
// singular.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

describe('finder language', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('one result reads singular', async () => {
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(server.url);
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
