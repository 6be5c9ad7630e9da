// The facility finder in the browser: the nearest puskesmas in two taps,
// search with abbreviations and typos, "Saya di mana?", and badungMap's
// search/nearest/locate/within giving the same ids as badung-geodata query.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser, watchErrors } from './support/browser.mjs';
import { build, root, startServer } from './support/server.mjs';

const viewport = { width: 1024, height: 768 };
const dataDir = join(root, 'dist', 'data');
const tool = join(build, 'native', 'geodata', 'badung-geodata');
// Places in Badung: near Mengwi's centre, and in Kuta.
const mengwi = { lon: 115.175, lat: -8.56 };
const kuta = { lon: 115.172, lat: -8.722 };

// The layers the finder indexes, in catalog order, as --layer arguments.
function finderLayers() {
  const catalog = JSON.parse(readFileSync(join(dataDir, 'catalog.json'), 'utf8'));
  return catalog.layers.filter((entry) => entry.category !== 'peta-dasar')
    .flatMap((entry) => ['--layer', join(dataDir, 'layers', `${entry.id}.geojson`)]);
}

// The facility layers: what Terdekat ranks when no chip is selected.
function placeLayers() {
  const catalog = JSON.parse(readFileSync(join(dataDir, 'catalog.json'), 'utf8'));
  return catalog.layers.filter((entry) => !['peta-dasar', 'administrasi'].includes(entry.category))
    .flatMap((entry) => ['--layer', join(dataDir, 'layers', `${entry.id}.geojson`)]);
}

function cli(args) {
  return JSON.parse(execFileSync(tool, ['query', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })).results;
}

function idsOf(results) {
  return results.map((hit) => `${hit.layer}/${hit.id}`);
}

function point(p) {
  return ['--lon', String(p.lon), '--lat', String(p.lat)];
}

describe('facility finder', () => {
  let server;
  let browser;
  let context;
  let page;
  let errors;

  // Empties the finder; its close button shows only while it has content.
  async function closeFinder() {
    if (await page.isVisible('#finder-close')) await page.click('#finder-close');
  }

  // The "layer/id" of each entry of the results list, without the rows of
  // the nearest place of each kind above it.
  async function resultIds() {
    return page.locator('#finder-results .finder-result:not(.finder-kind)')
      .evaluateAll((buttons) => buttons.map((button) => `${button.dataset.layer}/${button.dataset.id}`));
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.browser.newContext({
      viewport,
      geolocation: { longitude: kuta.lon, latitude: kuta.lat },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the nearest puskesmas from a point in Badung is two taps away', async () => {
    await page.evaluate((p) => window.badungMap.setView({ lon: p.lon, lat: p.lat, zoom: 14 }), mengwi);

    await page.click('#finder-chips button[data-category="kesehatan"]');
    const names = await page.locator('#finder-results .finder-result-name').allTextContents();
    const index = names.findIndex((name) => /^puskesmas/i.test(name));
    assert.ok(index >= 0, `no puskesmas among the nearest health facilities: ${names.join(', ')}`);
    await page.locator('#finder-results .finder-result').nth(index).click();

    await page.waitForSelector('#finder-card', { state: 'visible' });
    const card = await page.evaluate(() => {
      const element = document.getElementById('finder-card');
      return { title: element.querySelector('h2').textContent, layer: element.dataset.layer, id: element.dataset.id, text: element.textContent };
    });

    // The same answer from the data tool: the health facilities nearest to
    // the point, the first puskesmas among them.
    const nearest = cli(['nearest', ...finderLayers(), ...point(mengwi), '--k', '200', '--category', 'kesehatan']);
    const expected = nearest.find((hit) => /^puskesmas/i.test(hit.properties.name || ''));
    assert.equal(`${card.layer}/${card.id}`, `${expected.layer}/${expected.id}`);
    assert.equal(card.title, expected.properties.name);
    assert.match(card.text, /Kecamatan|Desa|Kelurahan|Terletak di/);
    const links = await page.locator('#finder-card a').evaluateAll((anchors) => anchors.map((a) => a.href));
    assert.ok(links.some((href) => href.startsWith('geo:')), links.join(' '));
    assert.ok(links.some((href) => href.includes('openstreetmap.org/directions')), links.join(' '));
  });

  test('search as you type folds abbreviations and forgives a typo', async () => {
    const input = page.locator('#finder-input');
    await input.fill('');
    await input.click();
    await page.keyboard.type('pkm kuta');
    const abbreviated = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(abbreviated.length > 0 && /^puskesmas kuta/i.test(abbreviated[0]), abbreviated.join(', '));
    const live = await page.textContent('#finder-live');
    assert.ok(live.includes(abbreviated[0]), `live region: ${live}`);

    await input.fill('');
    await page.keyboard.type('pusksemas kuta');
    const typo = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(typo.some((name) => /^puskesmas kuta/i.test(name)), typo.join(', '));

    // The same ranking as the data tool from the same centre.
    const view = await page.evaluate(() => window.badungMap.getView());
    const inBrowser = await page.evaluate((v) => window.badungMap.search('pkm kuta', { lon: v.lon, lat: v.lat, limit: 20 }), view);
    assert.deepEqual(idsOf(inBrowser), idsOf(cli(['search', ...finderLayers(), ...point(view), '--k', '20', 'pkm kuta'])));
    await input.fill('');
  });

  test('search folds numerals and layer titles as the data tool does', async () => {
    const firstNames = {
      'puskesmas mengwi 1': 'Puskesmas Mengwi I',
      'kec. kuta': 'Kuta',
      'kelurahan kuta': 'Kuta',
      'Jl. Raya Uluwatu': 'Jalan Raya Uluwatu',
      'sd 1 kuta': 'SD Nomor 1 Kuta',
    };
    for (const text of [...Object.keys(firstNames), 'halte', 'kuta']) {
      const inBrowser = await page.evaluate((t) => window.badungMap.search(t, { lon: 115.17, lat: -8.65, limit: 10 }), text);
      const expected = cli(['search', ...finderLayers(), '--lon', '115.17', '--lat', '-8.65', '--k', '10', text]);
      assert.deepEqual(idsOf(inBrowser), idsOf(expected), text);
      assert.ok(inBrowser.length > 0, text);
      if (firstNames[text]) assert.equal(inBrowser[0].properties.name, firstNames[text], text);
    }

    const stops = await page.evaluate(() => window.badungMap.search('halte', { limit: 10 }));
    assert.ok(stops.every((hit) => hit.layer === 'halte'), stops.map((hit) => hit.layer).join(', '));
  });

  test('Saya di mana? names the desa, kecamatan and kabupaten at the user position', async () => {
    await page.click('#finder-where');
    await page.waitForSelector('#finder-whereami', { state: 'visible' });
    const shown = await page.textContent('#finder-whereami');
    for (const layer of ['desa', 'kecamatan', 'kabupaten']) {
      const [area] = cli(['locate', '--layer', join(dataDir, 'layers', `${layer}.geojson`), ...point(kuta)]);
      assert.ok(area, `no ${layer} at the test position`);
      assert.ok(shown.includes(area.properties.name), `'${area.properties.name}' missing from: ${shown}`);
    }
    assert.match(shown, /Badung/);
  });

  test('Saya di mana? on the beach names the nearest desa', async () => {
    // Kuta beach lies a few dozen metres outside the generalised desa
    // outline: locate finds no desa there, the finder names the nearest.
    // A context of its own, because the browser reuses a position for a
    // minute (maximumAge).
    const beach = { lon: 115.1686, lat: -8.7184 };
    const beachContext = await browser.browser.newContext({
      viewport,
      geolocation: { longitude: beach.lon, latitude: beach.lat },
      permissions: ['geolocation'],
    });
    try {
      const beachPage = await beachContext.newPage();
      await beachPage.goto(server.url);
      await beachPage.evaluate(() => window.badungMap.ready);
      await beachPage.waitForFunction(() => window.badungMap.locate(115.17, -8.65).desa !== null);
      const located = await beachPage.evaluate((p) => window.badungMap.locate(p.lon, p.lat), beach);
      assert.equal(located.desa, null);

      await beachPage.click('#finder-where');
      await beachPage.waitForSelector('#finder-whereami', { state: 'visible' });
      const shown = await beachPage.textContent('#finder-whereami');
      assert.match(shown, /Desa\/KelurahanKuta/);
      assert.match(shown, /Anda sekitar \d+ m di luar garis batas pada peta/);
      assert.doesNotMatch(shown, /Di luar wilayah Kabupaten Badung/);
    } finally {
      await beachContext.close();
    }
  });

  test('Saya di mana? reads each area once and survives a language switch', async () => {
    await closeFinder();
    await page.click('#finder-chips button[data-category="kesehatan"]');
    await page.waitForSelector('#finder-results .finder-result');
    await page.click('#finder-where');
    await page.waitForSelector('#finder-whereami', { state: 'visible' });
    const live = await page.textContent('#finder-live');
    assert.match(live, /Kabupaten Badung/);
    assert.doesNotMatch(live, /Kabupaten Kabupaten/);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal(await page.isVisible('#finder-whereami'), true);
    assert.equal(await page.isVisible('#finder-results'), false);
    assert.match(await page.textContent('#finder-whereami h2'), /^Where am I\?/);
    assert.match(await page.textContent('#finder-whereami'), /Badung/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    assert.match(await page.textContent('#finder-whereami h2'), /^Saya di mana\?/);
    await closeFinder();
  });

  test('badungMap.nearest, locate and within return the ids of the data tool', async () => {
    const nearest = await page.evaluate((p) => window.badungMap.nearest({ lon: p.lon, lat: p.lat, category: 'kesehatan', k: 10 }), kuta);
    const expected = cli(['nearest', ...finderLayers(), ...point(kuta), '--k', '10', '--category', 'kesehatan']);
    assert.deepEqual(idsOf(nearest), idsOf(expected));
    nearest.forEach((hit, i) => assert.ok(Math.abs(hit.distance_m - expected[i].distance_m) < 0.001));

    const located = await page.evaluate((p) => window.badungMap.locate(p.lon, p.lat), kuta);
    const [kecamatan] = cli(['locate', '--layer', join(dataDir, 'layers', 'kecamatan.geojson'), ...point(kuta)]);
    assert.equal(located.kecamatan.id, kecamatan.id);

    const schools = await page.evaluate((id) => window.badungMap.within({ areaLayer: 'kecamatan', areaId: id, layer: 'sekolah' }), String(kecamatan.id));
    const expectedSchools = cli(['within', '--layer', join(dataDir, 'layers', 'sekolah.geojson'),
      '--area', join(dataDir, 'layers', 'kecamatan.geojson'), '--id', String(kecamatan.id)]);
    assert.ok(expectedSchools.length > 0);
    assert.deepEqual(schools.map((hit) => hit.id), expectedSchools.map((hit) => hit.id));

    await assert.rejects(page.evaluate(() => window.badungMap.nearest({ lon: 115.2, lat: -8.6, category: 'kapal' })), /unknown category 'kapal'/);
  });

  test('queries answer once ready resolves', async () => {
    // A fresh page: the finder's layers load after the first view, so ready
    // must wait for them or these calls throw.
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.goto(server.url);
    const answers = await fresh.evaluate(async (p) => {
      await window.badungMap.ready;
      return {
        search: window.badungMap.search('puskesmas', { lon: p.lon, lat: p.lat }).length,
        nearest: window.badungMap.nearest({ lon: p.lon, lat: p.lat, k: 3 }).length,
        kecamatan: window.badungMap.locate(p.lon, p.lat).kecamatan?.properties?.name,
      };
    }, kuta);
    await fresh.close();

    assert.ok(answers.search > 0, 'search found no puskesmas');
    assert.equal(answers.nearest, 3);
    assert.equal(answers.kecamatan, 'Kuta');
    assert.deepEqual(freshErrors, []);
  });

  test('text typed before the data loads is searched', async () => {
    // The layer files arrive late, so the typing ends before the finder
    // has its data. A new context has no service worker, which would
    // fetch the files past page.route.
    const freshContext = await browser.browser.newContext({ viewport });
    const fresh = await freshContext.newPage();
    const freshErrors = watchErrors(fresh);
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    await fresh.route('**/data/layers/*.geojson', async (route) => {
      await released;
      await route.continue();
    });
    await fresh.goto(server.url);
    await fresh.waitForSelector('#finder-input');
    await fresh.locator('#finder-input').pressSequentially('puskesmas kuta');
    assert.equal(await fresh.locator('#finder-results .finder-result').count(), 0);

    release();
    await fresh.evaluate(() => window.badungMap.ready);
    const names = await fresh.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(names.length > 0, 'no results once the data loaded');
    assert.match(names[0], /^puskesmas kuta/i);

    await fresh.locator('#finder-input').press('Enter');
    await fresh.waitForSelector('#finder-card', { state: 'visible' });
    assert.equal(await fresh.textContent('#finder-card h2'), names[0]);
    await freshContext.close();
    assert.deepEqual(freshErrors, []);
  });

  // The user's position stays kuta in these tests: the finder accepts a
  // position up to a minute old, so the browser answers from its cache.
  test('Terdekat lists places, not areas', async () => {
    await closeFinder();
    await page.click('#finder-nearest');
    await page.waitForSelector('#finder-results .finder-result');

    const shown = await resultIds();
    assert.equal(shown.length, 20);
    for (const id of shown) assert.ok(!/^(kabupaten|kecamatan|desa)\//.test(id), `area in Terdekat: ${shown.join(', ')}`);
    const kindRows = await page.locator('#finder-results .finder-kind')
      .evaluateAll((buttons) => buttons.map((button) => `${button.dataset.layer}/${button.dataset.id}`));
    assert.ok(kindRows.length > 0, 'no nearest-of-each-kind rows above the list');
    for (const id of kindRows) assert.ok(!/^(kabupaten|kecamatan|desa)\//.test(id), `area in Terdekat: ${kindRows.join(', ')}`);
    const names = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(!names.includes('Kabupaten Badung'), names.join(', '));

    const expected = cli(['nearest', ...placeLayers(), ...point(kuta), '--k', '20']);
    assert.deepEqual(shown, idsOf(expected));
  });

  test('cleared text restores the earlier list', async () => {
    await closeFinder();
    const rowIds = () => page.locator('#finder-results .finder-result')
      .evaluateAll((buttons) => buttons.map((button) => `${button.dataset.layer}/${button.dataset.id}`));

    // Terdekat, then a search, then the text deleted key by key.
    await page.click('#finder-nearest');
    await page.waitForSelector('#finder-results .finder-kind');
    const nearestHeading = await page.textContent('#finder-heading');
    const nearestRows = await rowIds();
    await page.locator('#finder-input').pressSequentially('pura', { delay: 20 });
    await page.waitForFunction(() => /hasil/.test(document.getElementById('finder-heading').textContent));
    assert.notDeepEqual(await rowIds(), nearestRows);
    for (let i = 0; i < 4; ++i) await page.locator('#finder-input').press('Backspace');
    assert.equal(await page.textContent('#finder-heading'), nearestHeading);
    assert.deepEqual(await rowIds(), nearestRows);

    // A chip's list, then a search cleared at once.
    await page.click('#finder-chips button[data-category="pantai"]');
    await page.waitForFunction(() => /Pantai/.test(document.getElementById('finder-heading').textContent));
    const chipHeading = await page.textContent('#finder-heading');
    const chipRows = await rowIds();
    await page.fill('#finder-input', 'kuta');
    await page.waitForFunction(() => /hasil/.test(document.getElementById('finder-heading').textContent));
    await page.fill('#finder-input', '');
    assert.equal(await page.textContent('#finder-heading'), chipHeading);
    assert.deepEqual(await rowIds(), chipRows);
    await page.click('#finder-chips button[data-category="pantai"]');

    // "Saya di mana?", then a search cleared.
    await closeFinder();
    await page.click('#finder-where');
    await page.waitForSelector('#finder-whereami', { state: 'visible' });
    const whereText = await page.textContent('#finder-whereami');
    await page.fill('#finder-input', 'kuta');
    await page.waitForSelector('#finder-whereami', { state: 'hidden' });
    await page.fill('#finder-input', '');
    await page.waitForSelector('#finder-whereami', { state: 'visible' });
    assert.equal(await page.textContent('#finder-whereami'), whereText);

    // After close, clearing the text shows nothing again.
    await closeFinder();
    await page.fill('#finder-input', 'kuta');
    await page.waitForSelector('#finder-results .finder-result');
    await page.fill('#finder-input', '');
    assert.equal(await page.locator('#finder-results .finder-result').count(), 0);
    assert.deepEqual(errors, []);
    await closeFinder();
  });

  test('road segments of one name are listed once', async () => {
    await closeFinder();
    // OpenStreetMap splits Jalan Bypass Ngurah Rai into many segments.
    const segments = await page.evaluate(() => window.badungMap.search('bypass ngurah rai', { limit: 1000 })
      .filter((hit) => hit.layer === 'jalan' && hit.properties.name === 'Jalan Bypass Ngurah Rai').length);
    assert.ok(segments > 1, `only ${segments} segments: this case tests nothing`);

    await page.fill('#finder-input', 'bypass ngurah rai');
    await page.waitForSelector('#finder-results .finder-result');
    const names = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.equal(names.filter((name) => name === 'Jalan Bypass Ngurah Rai').length, 1, names.join(', '));

    // The road's card names its class in words, not as the OSM tag.
    await page.locator('#finder-results .finder-result', { hasText: 'Jalan Bypass Ngurah Rai' }).first().click();
    await page.waitForSelector('#finder-card', { state: 'visible' });
    const card = await page.textContent('#finder-card');
    assert.match(card, /Jalan arteri utama|Jalan arteri|Jalan kolektor|Jalan penghubung/);
    assert.doesNotMatch(card, /\b(trunk|primary|secondary)\b/);
    await closeFinder();
  });

  test('Terdekat ranks typed text by distance', async () => {
    await closeFinder();
    await page.fill('#finder-input', 'puskesmas');
    await page.click('#finder-nearest');
    await page.waitForFunction(() => /Terdekat/.test(document.getElementById('finder-heading').textContent));

    // Every puskesmas the search finds, nearest to the position first.
    const matches = await page.evaluate((p) => window.badungMap.search('puskesmas', { lon: p.lon, lat: p.lat, limit: 1000 }), kuta);
    assert.ok(matches.length > 1, `too few puskesmas to rank: ${matches.length}`);
    const nearestFirst = matches.filter((hit) => hit.match !== 'typo')
      .sort((a, b) => a.distance_m - b.distance_m).slice(0, 20);
    const shown = await resultIds();
    assert.deepEqual(shown, idsOf(nearestFirst));
    const heading = await page.textContent('#finder-heading');
    assert.match(heading, /puskesmas/);

    const distances = await page.evaluate((p) => window.badungMap.nearest({ lon: p.lon, lat: p.lat, text: 'puskesmas', k: 20 })
      .map((hit) => hit.distance_m), kuta);
    assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
    await closeFinder();
  });

  test('no-results heading shortens a long query', async () => {
    await closeFinder();
    const query = 'zq'.repeat(5000);
    await page.fill('#finder-input', query);
    await page.waitForFunction(() => document.getElementById('finder-heading').textContent !== '');
    const heading = await page.textContent('#finder-heading');
    assert.equal(await page.locator('#finder-results .finder-result').count(), 0);
    assert.ok(heading.includes(`${query.slice(0, 59)}\u2026`), `heading of ${heading.length} characters: ${heading.slice(0, 100)}`);
    assert.ok(heading.length < 120, `heading of ${heading.length} characters`);
    assert.ok((await page.textContent('#finder-live')).length < 120);
    await closeFinder();
  });

  test('area cards name only true containers', async () => {
    for (const [layer, container] of [['kabupaten', null], ['kecamatan', /Kabupaten Badung/], ['desa', /Kecamatan /]]) {
      await closeFinder();
      const areaFile = join(dataDir, 'layers', `${layer}.geojson`);
      const [area] = cli(['locate', '--layer', areaFile, ...point(kuta)]);
      await page.fill('#finder-input', area.properties.name);
      await page.click(`#finder-results .finder-result[data-layer="${layer}"][data-id="${area.id}"]`);
      await page.waitForSelector('#finder-card', { state: 'visible' });
      const card = await page.textContent('#finder-card');

      assert.ok(!card.includes('Desa/Kelurahan'), `${layer} card: ${card}`);
      if (container === null) {
        assert.ok(!card.includes('Terletak di'), `${layer} card: ${card}`);
      } else {
        // The area's location is a point inside it, so its container is known.
        const [lon, lat] = area.location;
        const [atLocation] = cli(['locate', '--layer', areaFile, ...point({ lon, lat })]);
        assert.equal(atLocation?.id, area.id, `${layer} location ${lon}, ${lat} lies outside it`);
        assert.match(card, /Terletak di/, `${layer} card: ${card}`);
        assert.match(card, container, `${layer} card: ${card}`);
      }
    }
    await closeFinder();
  });

  test('phone chip row marks hidden chips', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server.url);
    await phone.evaluate(() => window.badungMap.ready);
    await phone.waitForSelector('#finder-chips button');

    const row = phone.locator('#finder-chips');
    const overflows = await row.evaluate((element) => element.scrollWidth > element.clientWidth);
    assert.ok(overflows, 'the chips fit on a 390 px phone, so this case tests nothing');
    assert.equal(await row.getAttribute('data-more'), '');
    const mask = await row.evaluate((element) => getComputedStyle(element).maskImage);
    assert.match(mask, /linear-gradient/);

    await row.evaluate((element) => { element.scrollLeft = element.scrollWidth; });
    await phone.waitForFunction(() => !document.getElementById('finder-chips').hasAttribute('data-more'));
    await phone.close();
  });

  test('show on map zooms to an area by its level', async () => {
    await closeFinder();
    await page.evaluate(() => window.badungMap.setView({ lon: 115.17, lat: -8.65, zoom: 15 }));
    await page.fill('#finder-input', 'kecamatan kuta utara');
    await page.locator('#finder-results .finder-result', { hasText: 'Kuta Utara' }).first().click();
    await page.getByRole('button', { name: 'Tampilkan di peta' }).click();
    assert.equal(await page.evaluate(() => window.badungMap.getView().zoom), 12);
    await closeFinder();
  });

  test('phone show on map keeps the place visible', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server.url);
    await phone.evaluate(() => window.badungMap.ready);
    await phone.fill('#finder-input', 'puskesmas mengwi 1');
    await phone.locator('#finder-results .finder-result').first().click();
    await phone.getByRole('button', { name: 'Tampilkan di peta' }).click();

    const shown = await phone.evaluate(() => {
      const card = document.getElementById('finder-card');
      const hit = window.badungMap.search('puskesmas mengwi 1')[0];
      const [lon, lat] = hit.location;
      const box = document.getElementById('finder').getBoundingClientRect();
      return { id: `${hit.layer}/${hit.id}`, card: `${card.dataset.layer}/${card.dataset.id}`, place: window.badungMap.project(lon, lat), box: box.toJSON() };
    });
    assert.equal(shown.card, shown.id);
    const { place, box } = shown;
    assert.ok(place.y > box.bottom, `place at y=${place.y}, finder box ends at y=${box.bottom}`);
    assert.ok(place.y < 844, `place at y=${place.y}, below the screen`);
    assert.ok(Math.abs(place.x - 195) < 2, `place at x=${place.x}, not centred`);
    await phone.close();
  });

  test('kinds are named in the UI language', async () => {
    await closeFinder();
    await page.fill('#finder-input', 'puskesmas kuta');
    await page.waitForSelector('#finder-results .finder-result');
    const detail = await page.textContent('#finder-results .finder-result .finder-result-detail');
    assert.match(detail, /Puskesmas/);
    assert.doesNotMatch(detail, /PUSKESMAS/);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    await page.fill('#finder-input', 'apotek');
    await page.waitForFunction(() => document.querySelectorAll('#finder-results .finder-result').length > 0);
    const details = await page.locator('#finder-results .finder-result-detail').allTextContents();
    assert.ok(details.some((text) => /Pharmacy/.test(text)), details.join(' | '));
    assert.ok(details.every((text) => !/pharmacy/.test(text)), details.join(' | '));
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    await closeFinder();
  });

  test('the finder follows the language switch', async () => {
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal(await page.textContent('#finder-where'), 'Where am I?');
    assert.equal(await page.textContent('#finder-chips button[data-category="kesehatan"]'), 'Health');
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    assert.equal(await page.textContent('#finder-where'), 'Saya di mana?');
    assert.deepEqual(errors, []);
  });
});
