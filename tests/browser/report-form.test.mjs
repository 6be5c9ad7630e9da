// The report form beside the map: text typed into its description, by key
// presses or by an input method without any, reaches SQLite unchanged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { launchBrowser, waitForIdleMap, watchErrors } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const viewport = { width: 1024, height: 768 };
const typedPart = 'Jalan berlubang — ';
const insertedPart = 'dekat SD Negeri 3 Legian';

function queryDatabase(databasePath, sql) {
  const output = execFileSync('sqlite3', ['-json', databasePath, sql], { encoding: 'utf8' });
  return output.trim() === '' ? [] : JSON.parse(output);
}

// Polls SQLite until a request with this description exists, or gives up.
async function waitForDescription(databasePath, description, timeoutMs = 10000) {
  const quoted = description.replaceAll("'", "''");
  const sql = `SELECT service_request_id, description FROM service_requests WHERE description = '${quoted}'`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = queryDatabase(databasePath, sql);
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('report form: typing a description', () => {
  let server;
  let browser;
  let page;
  let errors;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport });
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('description field appears only when the form is open', async () => {
    assert.equal(await page.isVisible('#report-description'), false);
    assert.equal(await page.isVisible('#finder'), true);
    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-description', { state: 'visible', timeout: 5000 });
    // The form takes the finder's corner, so the finder steps aside.
    assert.equal(await page.isVisible('#finder'), false);
  });

  test('typed and inserted text is sent exactly', async () => {
    const field = page.locator('#report-description');
    await field.click();
    await page.keyboard.type(typedPart);
    await page.keyboard.insertText(insertedPart);
    const description = typedPart + insertedPart;
    assert.equal(await field.inputValue(), description);

    await page.keyboard.press('Control+Enter');
    const rows = await waitForDescription(server.databasePath, description);
    assert.equal(rows.length, 1, `expected one request with "${description}", got ${JSON.stringify(rows)}`);

    // A sent report empties the field for the next one.
    await page.waitForFunction(() => document.getElementById('report-description').value === '');

    // Online the outbox sends at once, so the form does not say it waits
    // for a network.
    const message = await page.textContent('#report-message');
    assert.match(message, /^Laporan sedang dikirim/);
    assert.doesNotMatch(message, /saat ada jaringan/);
  });

  test('closing the form brings the finder back', async () => {
    await page.click('#report-panel .report-close');
    await page.waitForSelector('#finder', { state: 'visible', timeout: 5000 });
    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-description', { state: 'visible', timeout: 5000 });
  });

  test('open form leaves the zoom buttons usable', async () => {
    assert.equal(await page.isVisible('#report-description'), true);
    for (const id of ['zoom-in', 'zoom-out']) {
      const topmost = await page.evaluate((buttonId) => {
        const box = document.getElementById(buttonId).getBoundingClientRect();
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.id;
      }, id);
      assert.equal(topmost, id, `#${id} is covered by #${topmost}`);
    }
  });

  test('on a phone the form opens into view', async () => {
    const phone = await browser.browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneErrors = watchErrors(phone);
    await phone.goto(server.url);
    await phone.evaluate(() => window.badungMap.ready);

    assert.equal(await phone.isVisible('#report-description'), false);

    // The field's box once the form shows it laid out by reports.css (its
    // panel fixed over the map), measured in the page.
    await phone.evaluate(() => window.badungMap.openReportForm());
    const box = await phone.waitForFunction(() => {
      const field = document.getElementById('report-description');
      const rect = field?.getBoundingClientRect();
      if (!rect || rect.width === 0 || getComputedStyle(field.closest('.report-panel')).position !== 'fixed') return null;
      return rect.toJSON();
    }, null, { timeout: 5000 }).then((handle) => handle.jsonValue());
    assert.ok(box.y >= 0 && box.y + box.height <= 844, `field outside the screen: ${JSON.stringify(box)}`);
    assert.deepEqual(phoneErrors, []);
    await phone.close();
  });

  test('map centre location stays above the phone sheet', async () => {
    const phone = await browser.browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const phoneErrors = watchErrors(phone);
    await phone.goto(server.url);
    await phone.evaluate(() => window.badungMap.ready);
    await phone.evaluate(() => window.badungMap.openReportForm());
    await phone.waitForSelector('#report-location', { state: 'visible', timeout: 10000 });
    await phone.evaluate(() => window.badungMap.setView({ lon: 115.17, lat: -8.65, zoom: 14 }));
    await waitForIdleMap(phone);

    await phone.getByRole('button', { name: 'Pakai tengah peta' }).tap();
    await phone.waitForFunction(() => /tengah peta/.test(document.getElementById('report-location')?.textContent || ''));
    const sheetTop = await phone.evaluate(() => document.getElementById('report-panel').getBoundingClientRect().top);
    const pin = await phone.locator('.report-pin').boundingBox();
    assert.ok(pin, 'the pin is hidden');
    assert.ok(sheetTop > 100, `the sheet starts at ${sheetTop}, leaving no map strip to test`);
    assert.ok(pin.y + pin.height <= sheetTop, `pin at ${JSON.stringify(pin)} is under the sheet from y ${sheetTop}`);
    assert.ok(pin.y >= 0, `pin at ${JSON.stringify(pin)} is above the screen`);

    // The location is the point in the middle of the strip, north of the
    // canvas centre.
    const text = await phone.textContent('#report-location');
    const [lat, lon] = text.split(/[ ,]+/).map(Number);
    const strip = await phone.evaluate((top) => {
      const canvas = document.getElementById('map').getBoundingClientRect();
      return { x: canvas.width / 2, y: (canvas.top + top) / 2 - canvas.top };
    }, sheetTop);
    const expected = await phone.evaluate(([x, y]) => {
      const view = window.badungMap.getView();
      const world = 512 * 2 ** view.zoom;
      const sin = Math.sin((view.lat * Math.PI) / 180);
      const centreY = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world;
      const canvas = document.getElementById('map');
      const worldY = centreY + y - canvas.clientHeight / 2;
      return (Math.atan(Math.sinh(Math.PI * (1 - (2 * worldY) / world))) * 180) / Math.PI;
    }, [strip.x, strip.y]);
    assert.ok(Math.abs(lat - expected) < 0.0001, `lat ${lat}, expected ${expected} at the strip's middle`);
    assert.ok(Math.abs(lon - 115.17) < 0.0001, text);
    assert.deepEqual(phoneErrors, []);
    await phone.close();
  });

  test('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('report form: the panel button', () => {
  // The panel's "Lapor" header and its "Buat laporan warga" button, in CSS
  // pixels, at this viewport with the shipped UI font.
  const reportHeader = { x: 62, y: 543 };
  const reportButton = { x: 76, y: 569 };
  const session = useServerAndBrowser();

  test('opens the form while the report modules load', async () => {
    const page = await session.browser.browser.newPage({ viewport });
    const errors = watchErrors(page);
    // Hold the report modules back until the button has been pressed.
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    await page.route('**/reports/reports.js', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);

    await page.mouse.click(reportHeader.x, reportHeader.y);
    await waitForIdleMap(page);
    await page.mouse.click(reportButton.x, reportButton.y);
    release();

    await page.waitForSelector('#report-description', { state: 'visible', timeout: 10000 });
    await page.close();
    assert.deepEqual(errors, []);
  });
});

describe('report form: messages in the UI language', () => {
  let server;
  let browser;
  let page;
  let warnings;

  // The form's message line once it changed from before.
  async function nextMessage(before) {
    await page.waitForFunction((text) => {
      const line = document.getElementById('report-message')?.textContent || '';
      return line !== '' && line !== text;
    }, before, { timeout: 5000 });
    return page.textContent('#report-message');
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // No geolocation permission: the browser denies the position.
    page = await browser.browser.newPage({ viewport });
    warnings = [];
    page.on('console', (entry) => { if (entry.type() === 'warning') warnings.push(entry.text()); });
    await page.goto(server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-photo', { state: 'attached', timeout: 10000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('photo button in form language', async () => {
    assert.equal((await page.textContent('.report-file-button')).trim(), 'Pilih foto');
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.equal((await page.textContent('.report-file-button')).trim(), 'Choose photo');
    await page.evaluate(() => window.badungMap.setLanguage('id'));

    // A click on the button opens the browser's file chooser.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }),
      page.click('.report-file-button')]);
    assert.equal(chooser.isMultiple(), false);
  });

  test('form ends above the attribution', async () => {
    for (const size of [{ width: 1280, height: 800 }, { width: 900, height: 700 }]) {
      await page.setViewportSize(size);
      // The page learns the attribution's new height from a ResizeObserver,
      // which runs before the next frame.
      const ends = () => page.evaluate(() => ({
        form: document.getElementById('report-panel').getBoundingClientRect().bottom,
        credits: document.getElementById('attribution').getBoundingClientRect().top,
      }));
      await page.waitForFunction(() => document.getElementById('report-panel').getBoundingClientRect().bottom
        <= document.getElementById('attribution').getBoundingClientRect().top, null, { timeout: 5000 }).catch(() => {});
      const { form, credits } = await ends();
      assert.ok(form <= credits, `${size.width}x${size.height}: form ends at ${form}, attribution starts at ${credits}`);
    }
    await page.setViewportSize(viewport);
  });

  test('unreadable photo is named without browser text', async () => {
    const file = { name: 'rusak.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('bukan foto\n') };
    await page.setInputFiles('#report-photo', file);
    const indonesian = await nextMessage('');
    assert.match(indonesian, /^Berkas ini tidak dapat dibaca sebagai foto/);
    assert.doesNotMatch(indonesian, /decode|source image/i);
    assert.ok(warnings.some((text) => /rusak\.jpg/.test(text)), warnings.join('\n'));

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await page.textContent('#report-message'), /^This file cannot be read as a photo/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));

    const text = { name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('catatan\n') };
    await page.setInputFiles('#report-photo', text);
    assert.match(await nextMessage(indonesian), /^Foto harus berformat JPEG, PNG atau WebP/);
  });

  test('denied position says what to do', async () => {
    const before = await page.textContent('#report-message');
    await page.getByRole('button', { name: 'Pakai posisi saya' }).click();
    const indonesian = await nextMessage(before);
    assert.match(indonesian, /^Peramban tidak diizinkan membaca posisi Anda/);
    assert.doesNotMatch(indonesian, /denied|Geolocation/i);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    await page.getByRole('button', { name: 'Use my position' }).click();
    const english = await page.textContent('#report-message');
    assert.match(english, /^The browser is not allowed to read your position/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));
  });

  test('report errors follow the UI language', async () => {
    const rejection = (fields) => page.evaluate((values) => window.badungMap.submitReport(values)
      .then(() => null, (error) => ({ message: error.message, errors: error.errors })), fields);

    const unknown = { service_code: 'NOPE', lat: -8.65, long: 115.17, description: 'Jalan rusak' };
    const jakarta = { service_code: 'JLN-01', lat: -6.2, long: 106.8, description: 'Jakarta' };
    const indonesianUnknown = await rejection(unknown);
    assert.match(indonesianUnknown?.message, /^Jenis laporan "NOPE" tidak dikenal; pilih jenis laporan dari daftar \(JLN-01, /);
    assert.equal(indonesianUnknown.errors[0].code, 'unknown_service');
    const indonesianOutside = await rejection(jakarta);
    assert.match(indonesianOutside?.message, /^Lintang -6.2 berada di luar Kabupaten Badung \(-8.\d+ sampai -8.\d+\)/);
    assert.doesNotMatch(indonesianOutside.message, / to /);

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    const englishUnknown = await rejection(unknown);
    assert.match(englishUnknown?.message, /^service_code "NOPE" is not a known service; choose one of JLN-01, /);
    const englishOutside = await rejection(jakarta);
    assert.match(englishOutside?.message, /^lat -6.2 is outside Kabupaten Badung \(-8.\d+ to -8.\d+\)/);

    await page.getByRole('button', { name: 'Use the map centre' }).click();
    await page.waitForFunction(() => /\u00b7/.test(document.getElementById('report-location')?.textContent || ''));
    const location = await page.textContent('#report-location');
    assert.match(location, /\(map centre\) \u00b7 (Village \(desa\/kelurahan\) \S|outside the villages)/);
    assert.doesNotMatch(location, /Desa\/kelurahan/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));
  });
});
