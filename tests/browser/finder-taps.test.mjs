// The finder as a user reaches it. The nearest puskesmas is two taps from
// the user's position on a phone and a desktop. The tests also cover where
// distances are measured from, rows that stay tappable, typing through an
// input method, the feedback while the position is requested, and
// badungMap's argument checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { watchErrors } from './support/browser.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };
// North, middle and south of Badung.
const places = [
  { name: 'Petang', lon: 115.2318, lat: -8.3003 },
  { name: 'Mengwi', lon: 115.172, lat: -8.548 },
  { name: 'Jimbaran', lon: 115.165, lat: -8.79 },
];

describe('finder taps', () => {
  const session = useServerAndBrowser();

  async function openPage(options, position) {
    const context = await session.browser.browser.newContext({
      ...options,
      ...(position ? { permissions: ['geolocation'], geolocation: { longitude: position.lon, latitude: position.lat } } : {}),
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    return { context, page, errors };
  }

  // Taps (phone) or clicks (desktop) the centre of the element, after a check
  // that it is inside the viewport and on top there, as a finger needs.
  async function tap(page, selector, touch) {
    const target = await page.locator(selector).first().evaluate((element) => {
      const box = element.getBoundingClientRect();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const top = document.elementFromPoint(x, y);
      return { x, y, onTop: top === element || element.contains(top), height: box.height };
    });
    assert.ok(target.onTop, `${selector} is covered or outside the viewport at ${target.x}, ${target.y}`);
    if (touch) await page.touchscreen.tap(target.x, target.y);
    else await page.mouse.click(target.x, target.y);
  }

  // The nearest puskesmas as the data has it: Kemenkes jenis_faskes
  // PUSKESMAS, or an OpenStreetMap health facility named "puskesmas ...".
  async function nearestPuskesmas(page, p) {
    return page.evaluate((point) => window.badungMap.nearest({ lon: point.lon, lat: point.lat, category: 'kesehatan', k: 1000 })
      .find((hit) => hit.properties.jenis_faskes === 'PUSKESMAS'
        || /\bpuskesmas\b/i.test(`${hit.properties.name ?? ''} ${hit.properties.nama ?? ''}`)), p);
  }

  for (const [device, options] of [['phone', phone], ['desktop', desktop]]) {
    for (const place of places) {
      test(`${device} in ${place.name}: nearest puskesmas in two taps`, async () => {
        const { context, page, errors } = await openPage(options, place);
        const touch = device === 'phone';
        const expected = await nearestPuskesmas(page, place);
        assert.ok(expected, `no puskesmas in the data near ${place.name}`);

        let taps = 0;
        await tap(page, '#finder-nearest', touch);
        taps += 1;
        const row = page.locator('#finder-results .finder-kind[data-kind="puskesmas"]');
        await row.waitFor();
        assert.equal(await page.locator('#finder-results .finder-result').first().getAttribute('data-kind'), 'puskesmas');
        assert.match(await row.textContent(), /^Puskesmas terdekat/);

        await tap(page, '#finder-results .finder-kind[data-kind="puskesmas"]', touch);
        taps += 1;
        await page.waitForSelector('#finder-card', { state: 'visible' });
        const card = await page.evaluate(() => {
          const element = document.getElementById('finder-card');
          return { id: `${element.dataset.layer}/${element.dataset.id}`, title: element.querySelector('h2').textContent, text: element.textContent };
        });

        assert.equal(taps, 2);
        assert.equal(card.id, `${expected.layer}/${expected.id}`);
        assert.equal(card.title, expected.properties.name);
        assert.match(card.text, /dari posisi Anda/);
        // An OpenStreetMap clinic named "puskesmas ..." is a puskesmas too.
        assert.match(card.text, /JenisPuskesmas/);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }

  test('Petang: the Kemenkes puskesmas, not its OSM twin', async () => {
    // OpenStreetMap maps Puskesmas Petang II 1.6 km from the Kemenkes entry;
    // the user is at the OSM point.
    const twin = { lon: 115.225855, lat: -8.2953139 };
    const { context, page, errors } = await openPage(desktop, twin);
    await page.click('#finder-nearest');
    const row = page.locator('#finder-results .finder-kind[data-kind="puskesmas"]');
    await row.waitFor();
    assert.equal(`${await row.getAttribute('data-layer')}/${await row.getAttribute('data-id')}`, 'faskes/P5103060202');
    const listed = await page.locator('#finder-results .finder-result')
      .evaluateAll((buttons) => buttons.map((b) => `${b.dataset.layer}/${b.dataset.id}`));
    assert.ok(!listed.includes('faskes-osm/medis-146'), listed.join(', '));

    await page.fill('#finder-input', 'puskesmas petang');
    await page.waitForFunction(() => /hasil/.test(document.getElementById('finder-heading').textContent));
    const searched = await page.locator('#finder-results .finder-result')
      .evaluateAll((buttons) => buttons.map((b) => `${b.dataset.layer}/${b.dataset.id}`));
    assert.ok(searched.includes('faskes/P5103060202'), searched.join(', '));
    assert.ok(!searched.includes('faskes-osm/medis-146'), searched.join(', '));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('kind rows keep puskesmas apart from other health facilities', async () => {
    const mengwi = places[1];
    const { context, page, errors } = await openPage(desktop, mengwi);
    const kinds = await page.evaluate((p) => window.badungMap.nearestByKind({ lon: p.lon, lat: p.lat }), mengwi);
    const slugs = kinds.map((entry) => entry.kind);
    for (const slug of ['puskesmas', 'rumah-sakit', 'klinik', 'apotek', 'sekolah', 'ibadah', 'halte', 'pantai']) {
      assert.ok(slugs.includes(slug), `no ${slug} row: ${slugs.join(', ')}`);
    }
    const byKind = Object.fromEntries(kinds.map((entry) => [entry.kind, entry.hit]));
    assert.equal(byKind.apotek.properties.amenity, 'pharmacy');
    assert.equal(byKind['rumah-sakit'].properties.jenis_faskes ?? byKind['rumah-sakit'].properties.amenity,
      byKind['rumah-sakit'].properties.jenis_faskes ? 'RUMAH SAKIT' : 'hospital');
    // The nearest health facility is a pharmacy here, so the rows matter.
    const [nearestHealth] = await page.evaluate((p) => window.badungMap.nearest({ lon: p.lon, lat: p.lat, category: 'kesehatan', k: 1 }), mengwi);
    assert.equal(nearestHealth.properties.amenity, 'pharmacy');
    assert.ok(byKind.puskesmas.distance_m > nearestHealth.distance_m);

    // Each row is the nearest of its kind: nothing of the same kind is nearer.
    const schools = await page.evaluate((p) => window.badungMap.nearest({ lon: p.lon, lat: p.lat, category: 'pendidikan', k: 1 }), mengwi);
    assert.equal(`${byKind.sekolah.layer}/${byKind.sekolah.id}`, `${schools[0].layer}/${schools[0].id}`);

    // Over a grid of Badung, the puskesmas row is the nearest feature that
    // the data marks as a puskesmas.
    const grid = await page.evaluate(() => {
      const mismatches = [];
      let points = 0;
      for (let lat = -8.30; lat >= -8.84; lat -= 0.02) {
        for (let lon = 115.05; lon <= 115.26; lon += 0.02) {
          if (!window.badungMap.locate(lon, lat).kabupaten) continue;
          points += 1;
          const row = window.badungMap.nearestByKind({ lon, lat, category: 'kesehatan' })[0];
          const truth = window.badungMap.nearest({ lon, lat, category: 'kesehatan', k: 1000 })
            .find((hit) => hit.properties.jenis_faskes === 'PUSKESMAS' || /\bpuskesmas\b/i.test(hit.properties.name ?? ''));
          if (row.kind !== 'puskesmas' || `${row.hit.layer}/${row.hit.id}` !== `${truth.layer}/${truth.id}`) {
            mismatches.push(`${lon.toFixed(2)},${lat.toFixed(2)}: ${row.kind} ${row.hit.id} vs ${truth.id}`);
          }
        }
      }
      return { points, mismatches };
    });
    assert.ok(grid.points > 60, `only ${grid.points} grid points inside Badung`);
    assert.deepEqual(grid.mismatches, []);

    // With the Kesehatan chip, only the health kinds, in both languages.
    await page.click('#finder-nearest');
    await page.click('#finder-chips button[data-category="kesehatan"]');
    const rows = await page.locator('#finder-results .finder-kind').evaluateAll((buttons) => buttons.map((b) => b.dataset.kind));
    assert.deepEqual(rows, ['puskesmas', 'rumah-sakit', 'klinik', 'apotek']);
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await page.textContent('#finder-results .finder-kind-label'), /^Nearest: Community health centre \(puskesmas\)/);
    assert.match(await page.textContent('#finder-results .finder-list-label'), /^All nearest places$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('chips list from the position, typed search from the map centre', async () => {
    const petang = places[0];
    const { context, page, errors } = await openPage(desktop, petang);
    await page.evaluate(() => window.badungMap.setView({ lon: 115.17, lat: -8.72, zoom: 14 }));
    await page.click('#finder-nearest');
    await page.waitForSelector('#finder-results .finder-result');
    await page.click('#finder-close');

    await page.click('#finder-chips button[data-category="pendidikan"]');
    assert.match(await page.textContent('#finder-heading'), /dari posisi Anda$/);
    const fromPosition = await page.evaluate((p) => window.badungMap.nearest({ lon: p.lon, lat: p.lat, category: 'pendidikan', k: 20 })
      .map((hit) => `${hit.layer}/${hit.id}`), petang);
    const listed = await page.locator('#finder-results .finder-result:not(.finder-kind)')
      .evaluateAll((buttons) => buttons.map((b) => `${b.dataset.layer}/${b.dataset.id}`));
    assert.deepEqual(listed, fromPosition);

    await page.click('#finder-chips button[data-category="pendidikan"]');
    await page.fill('#finder-input', 'sd');
    // The list ranks by match first: the heading must not read as sorted by distance.
    assert.match(await page.textContent('#finder-heading'), /^20 hasil, paling cocok dulu, lalu terdekat ke tengah peta$/);
    const centre = await page.evaluate(() => window.badungMap.getView());
    const fromCentre = await page.evaluate((c) => window.badungMap.search('sd', { lon: c.lon, lat: c.lat, limit: 20 })
      .map((hit) => `${hit.layer}/${hit.id}`), centre);
    const searched = await page.locator('#finder-results .finder-result')
      .evaluateAll((buttons) => buttons.map((b) => `${b.dataset.layer}/${b.dataset.id}`));
    assert.deepEqual(searched, fromCentre);
    // Kuta schools first: Petang, where the user is, lies 45 km north.
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await page.textContent('#finder-heading'), /^20 results, best match first, then nearest to the map centre$/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    await page.click('#finder-results .finder-result');
    assert.match(await page.textContent('#finder-card'), /Jarak\d[\d,]* k?m dari tengah peta/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('phone rows keep their height under a long list', async () => {
    const { context, page, errors } = await openPage(phone, places[1]);
    await page.locator('#finder-input').tap();
    await page.keyboard.type('sd', { delay: 20 });
    await page.waitForSelector('#finder-results .finder-result');
    for (const selector of ['#finder-chips', '#finder .finder-actions', '#finder-input']) {
      const height = await page.locator(selector).evaluate((element) => element.getBoundingClientRect().height);
      const content = await page.locator(selector).evaluate((element) => element.scrollHeight);
      assert.ok(height >= content - 0.5, `${selector} is ${height} px high for ${content} px of content`);
    }
    const button = await page.locator('#finder-nearest').evaluate((element) => element.getBoundingClientRect().height);
    assert.ok(button >= 32, `Terdekat is ${button} px high`);
    const list = await page.locator('#finder-results').evaluate((element) => element.scrollHeight > element.clientHeight);
    assert.ok(list, 'the list fits the box, so this case tests nothing');

    await tap(page, '#finder-nearest', true);
    await page.waitForFunction(() => /^Terdekat/.test(document.getElementById('finder-heading').textContent));
    await tap(page, '.finder-chip[data-category="kesehatan"]', true);
    await page.waitForSelector('.finder-chip[data-category="kesehatan"][aria-pressed="true"]');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('input method composition searches once per change', async () => {
    const { context, page, errors } = await openPage(desktop);
    const cdp = await context.newCDPSession(page);
    // Counts the lists the finder draws (one replaceChildren each).
    await page.evaluate(() => {
      window.finderLists = 0;
      new MutationObserver((records) => { window.finderLists += records.length; })
        .observe(document.getElementById('finder-results'), { childList: true });
    });
    await page.click('#finder-input');

    await cdp.send('Input.imeSetComposition', { text: 'puskes', selectionStart: 6, selectionEnd: 6 });
    await page.waitForFunction(() => document.querySelectorAll('#finder-results .finder-result').length > 0);
    const composing = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.ok(composing.every((name) => /puskes/i.test(name)), composing.join(', '));
    const afterComposition = await page.evaluate(() => window.finderLists);
    assert.equal(afterComposition, 1);

    await cdp.send('Input.insertText', { text: 'puskesmas' });
    await page.waitForFunction(() => document.getElementById('finder-input').value === 'puskesmas');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    assert.equal(await page.evaluate(() => window.finderLists), afterComposition + 1);

    await cdp.send('Input.insertText', { text: ' ' });
    await cdp.send('Input.imeSetComposition', { text: 'kut', selectionStart: 3, selectionEnd: 3 });
    await page.waitForFunction(() => /Kuta/.test(document.querySelector('#finder-results .finder-result-name')?.textContent));
    const second = await page.locator('#finder-results .finder-result-name').allTextContents();
    assert.match(second[0], /^Puskesmas Kuta/);
    // The half-composed second word narrows the list (an address may match it).
    const full = await page.evaluate(() => window.badungMap.search('puskesmas', { limit: 1000 }).length);
    assert.ok(second.length < Math.min(full, 20), `${second.length} results for "puskesmas kut", ${full} for "puskesmas"`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('position request shows progress, then the result', async () => {
    const context = await session.browser.browser.newContext({
      ...phone, permissions: ['geolocation'], geolocation: { longitude: places[0].lon, latitude: places[0].lat },
    });
    // The position arrives when the test calls window.releasePosition().
    await context.addInitScript(() => {
      const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (found, failed, options) => {
        window.releasePosition = () => original(found, failed, options);
      };
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);

    await tap(page, '#finder-nearest', true);
    await page.waitForFunction(() => typeof window.releasePosition === 'function');
    assert.equal(await page.isVisible('#finder-status'), true);
    assert.equal(await page.textContent('#finder-status'), 'Mencari lokasi Anda\u2026');
    assert.equal(await page.getAttribute('#finder', 'aria-busy'), 'true');
    assert.equal(await page.isDisabled('#finder-nearest'), true);
    assert.equal(await page.isDisabled('#finder-where'), true);

    await page.evaluate(() => window.releasePosition());
    await page.waitForSelector('#finder-results .finder-kind');
    assert.equal(await page.isVisible('#finder-status'), false);
    assert.equal(await page.getAttribute('#finder', 'aria-busy'), null);
    assert.equal(await page.isDisabled('#finder-nearest'), false);
    assert.match(await page.textContent('#finder-heading'), /dari posisi Anda$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('refused position keeps a visible map-centre note', async () => {
    // No geolocation permission: headless Chromium refuses the request.
    const { context, page, errors } = await openPage(desktop);
    await page.click('#finder-nearest');
    await page.waitForSelector('#finder-results .finder-kind');
    assert.equal(await page.isVisible('#finder-status'), true);
    assert.equal(await page.textContent('#finder-status'), 'Lokasi Anda tidak tersedia, jadi jarak diukur dari tengah peta.');
    assert.match(await page.textContent('#finder-heading'), /dari tengah peta$/);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal(await page.textContent('#finder-status'), 'Your location is not available, so distances are measured from the map centre.');
    await page.click('#finder-close');
    assert.equal(await page.isVisible('#finder-status'), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('badungMap rejects bad arguments by name', async () => {
    const { context, page, errors } = await openPage(desktop);
    const cases = [
      ["search('kuta', {limit: 0})", 'RangeError', /limit must be an integer from 1 to 1000, got 0/],
      ["search('kuta', {limit: 2.5})", 'RangeError', /limit .* got 2\.5/],
      ["search('kuta', {limit: '3'})", 'TypeError', /limit .* got "3"/],
      ["search('kuta', {limit: 1001})", 'RangeError', /from 1 to 1000, got 1001/],
      ["search('kuta', {limit: NaN})", 'RangeError', /got NaN/],
      ['nearest({k: 1e12})', 'RangeError', /k must be an integer from 1 to 1000, got 1000000000000/],
      ["nearest({k: '5'})", 'TypeError', /k must be an integer/],
      ['nearest({lon: 500, lat: -8.6})', 'RangeError', /lon must be from -180 to 180 degrees, got 500/],
      ['nearest({lon: 115.17, lat: -95})', 'RangeError', /lat must be from -90 to 90 degrees, got -95/],
      ['locate(475.17, -8.6)', 'RangeError', /lon must be from -180 to 180/],
      ['nearest({longitude: 115.2, latitude: -8.3})', 'TypeError', /unknown options 'longitude', 'latitude'/],
      ["search('kuta', {cateogry: 'kesehatan'})", 'TypeError', /unknown option 'cateogry'; the options are lon, lat, limit, category/],
      ["search('kuta', 'kesehatan')", 'TypeError', /search options must be an object .*got "kesehatan"/],
      ['nearest([115.17, -8.6])', 'TypeError', /nearest options must be an object/],
      ["search('kuta', {category: 7})", 'TypeError', /category must be a string/],
      ["within('kecamatan', '51.03.05', 'sekolah')", 'TypeError', /within options must be an object/],
      ["within({areaLayer: 'kecamatan', areaId: '51.03.05', layer: 'sekolah', limit: 3})", 'TypeError', /unknown option 'limit'/],
      ["nearestByKind({lat: -8.6, lon: 115.2, k: 3})", 'TypeError', /unknown option 'k'/],
      ['renderedFeatures(NaN, 400)', 'TypeError', /x must be a finite number, got NaN/],
    ];
    for (const [expression, name, message] of cases) {
      const thrown = await page.evaluate((code) => {
        try {
          (0, eval)(`with (window.badungMap) { ${code} }`);
          return null;
        } catch (error) {
          return { name: error.name, message: error.message };
        }
      }, expression);
      assert.ok(thrown, `${expression} did not throw`);
      assert.equal(thrown.name, name, `${expression}: ${thrown.message}`);
      assert.match(thrown.message, message, expression);
    }

    const good = await page.evaluate(() => ({
      limit: window.badungMap.search('kuta', { limit: 1000 }).length > 20,
      k: window.badungMap.nearest({ lon: 180, lat: -90, k: 1 }).length,
    }));
    assert.deepEqual(good, { limit: true, k: 1 });

    const rendered = await page.evaluate(() => {
      const canvas = document.getElementById('map');
      const f = (x, y) => window.badungMap.renderedFeatures(x, y).length;
      return { inside: f(canvas.clientWidth / 2, canvas.clientHeight / 2), left: f(-100, 10), far: f(1e9, 1e9), right: f(canvas.clientWidth, 10), below: f(10, canvas.clientHeight) };
    });
    assert.ok(rendered.inside > 0, 'nothing drawn at the canvas centre, so this case tests nothing');
    assert.deepEqual({ ...rendered, inside: 0 }, { inside: 0, left: 0, far: 0, right: 0, below: 0 });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
