// The finder with the spellings residents type ("SD N 1", "SDN1",
// "nusadua", "kuta dua") and with schools the data keeps without a
// location: the same ids as badung-geodata query, and no distance or map
// link for a place without a location.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { build, root, startServer } from './support/server.mjs';

const dataDir = join(root, 'dist', 'data');
const tool = join(build, 'native', 'geodata', 'badung-geodata');
const centre = { lon: 115.17, lat: -8.7 };

// The layers the finder indexes, in catalog order, as --layer arguments.
function finderLayers() {
  const catalog = JSON.parse(readFileSync(join(dataDir, 'catalog.json'), 'utf8'));
  return catalog.layers.filter((entry) => entry.category !== 'peta-dasar')
    .flatMap((entry) => ['--layer', join(dataDir, 'layers', `${entry.id}.geojson`)]);
}

function cliSearch(text, limit) {
  const args = ['query', 'search', ...finderLayers(), '--lon', String(centre.lon), '--lat', String(centre.lat),
    '--k', String(limit), text];
  return JSON.parse(execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 26 })).results;
}

function idsOf(results) {
  return results.map((hit) => `${hit.layer}/${hit.id}`);
}

describe('finder search forms', () => {
  let server;
  let browser;
  let page;
  let errors;

  async function search(text, limit = 10) {
    return page.evaluate(([t, c, k]) => window.badungMap.search(t, { lon: c.lon, lat: c.lat, limit: k }),
      [text, centre, limit]);
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'id-ID' });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.evaluate((c) => window.badungMap.setView({ lon: c.lon, lat: c.lat, zoom: 12 }), centre);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('typed school forms and number words find the place', async () => {
    const firstNames = {
      'SD N 1 Mengwi': 'SD Negeri 1 Mengwi',
      'SDN1 Mengwi': 'SD Negeri 1 Mengwi',
      'SD N 1 Kuta': 'SD Nomor 1 Kuta',
      'sdn 1 carangsari': 'SD N 1 Carangsari',
      'SMAN1 Kuta': 'SMAN 1 Kuta',
      'SMA N 1 Kuta': 'SMAN 1 Kuta',
      'SMPN2 Kuta': 'SMP Negeri 2 Kuta',
      'puskesmas kuta dua': 'Puskesmas Kuta II',
    };
    for (const [text, name] of Object.entries(firstNames)) {
      const inBrowser = await search(text);
      assert.ok(inBrowser.length > 0, `no results for ${text}`);
      assert.equal(inBrowser[0].properties.name, name, text);
      assert.deepEqual(idsOf(inBrowser), idsOf(cliSearch(text, 10)), text);
    }

    const pariwisata = (await search('smk pariwisata', 20)).map((hit) => hit.properties.name);
    for (const name of ['SMKS Pariwisata Dalung', 'SMKS Pariwisata Mengwitani', 'SMKS Pariwisata Triatma Jaya Badung']) {
      assert.ok(pariwisata.includes(name), `${name} missing from ${pariwisata.join(', ')}`);
    }
  });

  test('a joined word finds two adjacent words', async () => {
    const joined = await search('nusadua', 5);
    const names = joined.map((hit) => hit.properties.name);
    assert.ok(names.length === 5 && names.every((name) => /Nusa Dua/.test(name)), names.join(', '));
    assert.deepEqual(idsOf(joined), idsOf(cliSearch('nusadua', 5)));

    // Typed into the finder, the list starts with them too. Places with
    // Nusa Dua only in their address follow.
    await page.fill('#finder-input', 'nusadua');
    await page.waitForSelector('#finder-results .finder-result');
    const listed = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(listed.slice(0, 5).every((name) => /Nusa Dua/.test(name)), listed.join(', '));
    await page.fill('#finder-input', '');
  });

  test('words that must not match stay unmatched', async () => {
    assert.deepEqual(await search('nusadwa '), []);
    assert.deepEqual(await search('puskesmas kuta tiga'), []);
    const lone = await search('n ', 50);
    assert.ok(lone.every((hit) => /(^|[^a-z])n([^a-z]|$)/i.test(hit.properties.name)),
      lone.map((hit) => hit.properties.name).join(', '));
  });

  test('a school without a location gets no distance and no map link', async () => {
    const [hit] = await search('SMP Negeri 5 Kuta Selatan', 1);
    assert.equal(hit.properties.name, 'SMP Negeri 5 Kuta Selatan');
    assert.equal(hit.location, null);
    assert.equal(hit.distance_m, null);

    // It ranks after the located schools that match as well.
    const schools = await search('smp negeri kuta selatan', 20);
    const position = schools.findIndex((entry) => entry.properties.name === 'SMP Negeri 5 Kuta Selatan');
    const located = schools.filter((entry) => entry.distance_m !== null && entry.match === schools[position].match);
    assert.ok(located.length > 0, 'no located school matched as well');
    assert.ok(located.every((entry) => schools.indexOf(entry) < position),
      schools.map((entry) => `${entry.properties.name} ${entry.distance_m}`).join(', '));
    assert.deepEqual(idsOf(schools), idsOf(cliSearch('smp negeri kuta selatan', 20)));

    await page.fill('#finder-input', 'smp negeri 5 kuta selatan');
    const row = page.locator('#finder-results .finder-result', { hasText: 'SMP Negeri 5 Kuta Selatan' }).first();
    const detail = await row.locator('.finder-result-detail').textContent();
    assert.match(detail, /lokasi tidak diketahui/);
    assert.doesNotMatch(detail, /\d\s*(km|m)\b/);

    await row.click();
    await page.waitForSelector('#finder-card', { state: 'visible' });
    const card = await page.textContent('#finder-card');
    assert.match(card, /Jarak\s*lokasi tidak diketahui/);
    assert.doesNotMatch(card, /\d\s*km/);
    assert.equal(await page.locator('#finder-card a').count(), 0);
    assert.equal(await page.locator('#finder-card button', { hasText: 'Tampilkan di peta' }).count(), 0);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    await page.fill('#finder-input', '');
    await page.fill('#finder-input', 'smp negeri 5 kuta selatan');
    await page.waitForFunction(() => [...document.querySelectorAll('#finder-results .finder-result-detail')]
      .some((element) => element.textContent.includes('location unknown')));
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    await page.fill('#finder-input', '');
    assert.deepEqual(errors, []);
  });
});
