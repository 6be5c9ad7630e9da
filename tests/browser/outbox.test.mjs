// The report outbox in headless Chromium against the real server, behind a
// loopback proxy that logs every POST. Reports made online and offline reach
// the server exactly once: across a page close, a browser restart, a lost
// response, a double tap and two tabs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchPersistent, watchErrors } from './support/browser.mjs';
import { startProxy } from './support/proxy.mjs';
import { startServer } from './support/server.mjs';

const viewport = { width: 1024, height: 768 };
const kuta = { lat: -8.7177, long: 115.1691 };
// Inside the regency's bbox but in Kota Denpasar, which the server rejects.
const denpasar = { lat: -8.6500, long: 115.2167 };
const waitMs = 30000;

function report(description, where = kuta) {
  return { service_code: 'JLN-01', lat: where.lat, long: where.long, description };
}

// Every stored request with this description, from the server's GET.
async function requestsWithDescription(serverUrl, description) {
  const response = await fetch(`${serverUrl}/open311/v2/requests.json?page_size=1000`);
  assert.equal(response.status, 200);
  const json = await response.json();
  const list = Array.isArray(json) ? json : json.requests || json.service_requests || [];
  return list.filter((entry) => entry.description === description);
}

function postsWithDescription(proxy, description) {
  return proxy.posts.filter((post) => post.fields.get('description') === description);
}

// Width and height from a JPEG's start-of-frame marker.
function jpegSize(bytes) {
  assert.equal(bytes.readUInt16BE(0), 0xffd8, 'not a JPEG');
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xffc0 && marker <= 0xffc3) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  throw new Error('JPEG without a start-of-frame marker');
}

// An ISO 8601 time as the form shows it, "5 Des 2026 20.29 WITA", worked
// out by hand from UTC+8 rather than with Intl.
function witaTime(iso, language) {
  const months = {
    id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
    en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  }[language];
  const wita = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const pad = (number) => String(number).padStart(2, '0');
  const separator = language === 'en' ? ':' : '.';
  return `${wita.getUTCDate()} ${months[wita.getUTCMonth()]} ${wita.getUTCFullYear()} `
    + `${pad(wita.getUTCHours())}${separator}${pad(wita.getUTCMinutes())} WITA`;
}

async function openMap(context, url) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = watchErrors(page);
  await page.goto(url);
  await page.evaluate(() => window.badungMap.ready);
  return { page, errors };
}

// Waits until the outbox item with this description is in state, and
// returns it.
async function waitForState(page, description, state) {
  const deadline = Date.now() + waitMs;
  let items = [];
  while (Date.now() < deadline) {
    items = await page.evaluate(() => window.badungMap.outbox());
    const item = items.find((entry) => entry.fields.description === description && entry.state === state);
    if (item) return item;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const form = await page.evaluate(() => document.querySelector('#report-message')?.textContent ?? 'no form');
  throw new Error(`no outbox item '${description}' in state ${state} within ${waitMs} ms: ${JSON.stringify(items)}; `
    + `form message: '${form}'`);
}

async function openForm(page) {
  await page.evaluate(() => window.badungMap.openReportForm());
  await page.waitForSelector('#report-form #report-service option', { state: 'attached', timeout: waitMs });
}

describe('report outbox', () => {
  let server;
  let proxy;
  let browser;

  before(async () => {
    server = await startServer();
    proxy = await startProxy(server.url);
    browser = await launchPersistent();
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  test('services lists the Open311 services', async () => {
    const { page } = await openMap(browser.context, proxy.url);
    const services = await page.evaluate(() => window.badungMap.services());
    assert.ok(services.some((service) => service.service_code === 'JLN-01'));
    await page.close();
  });

  test('online report from the form is sent', async () => {
    const { page, errors } = await openMap(browser.context, proxy.url);
    const description = 'Online: jalan berlubang di Jalan Legian';
    await openForm(page);
    await page.selectOption('#report-service', 'DRN-01');
    await page.selectOption('#report-service', 'JLN-01');
    // The form is rebuilt once the definition of the chosen service is in.
    // A click during the rebuild would land on the old button.
    await page.waitForSelector('#report-form:not([aria-busy]) select[name="attribute[tingkat]"]');
    await page.locator('#report-description').fill(description);
    await page.evaluate(({ lat, long }) => window.badungMap.setView({ lat, lon: long, zoom: 15 }), kuta);
    await page.getByRole('button', { name: 'Pakai tengah peta' }).click();
    await page.click('#report-send');

    const item = await waitForState(page, description, 'sent');
    assert.match(item.serviceRequestId, /\S/);
    const stored = await requestsWithDescription(server.url, description);
    assert.equal(stored.length, 1);
    assert.equal(String(stored[0].service_request_id), item.serviceRequestId);
    await page.waitForSelector(`#report-outbox [data-local-id="${item.localId}"][data-state="sent"]`);
    const row = await page.textContent(`#report-outbox [data-local-id="${item.localId}"]`);
    assert.match(row, /Terkirim/);
    assert.ok(row.includes(item.serviceRequestId));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('offline reports arrive once after the page reopens', async () => {
    const first = 'Offline 1: got tersumbat di Banjar Anyar';
    const second = 'Offline 2: lampu jalan mati di Kerobokan';
    const { page } = await openMap(browser.context, proxy.url);
    await browser.context.setOffline(true);
    await page.evaluate(([a, b]) => Promise.all([
      window.badungMap.submitReport(a), window.badungMap.submitReport(b)]), [report(first), report(second)]);
    await waitForState(page, first, 'pending');
    await waitForState(page, second, 'pending');
    await openForm(page);
    const row = await page.textContent('#report-outbox');
    assert.match(row, /Menunggu jaringan/);
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await page.textContent('#report-outbox'), /Waiting for network/);
    await page.evaluate(() => window.badungMap.setLanguage('id'));
    await page.close();
    assert.equal(postsWithDescription(proxy, first).length, 0);

    await browser.context.setOffline(false);
    const reopened = await openMap(browser.context, proxy.url);
    await waitForState(reopened.page, first, 'sent');
    await waitForState(reopened.page, second, 'sent');
    assert.equal((await requestsWithDescription(server.url, first)).length, 1);
    assert.equal((await requestsWithDescription(server.url, second)).length, 1);
    assert.equal(postsWithDescription(proxy, first).length, 1);
    assert.equal(postsWithDescription(proxy, second).length, 1);
    await reopened.page.close();
  });

  test('offline report survives a browser restart', async () => {
    const description = 'Restart: pohon tumbang di Jalan Raya Canggu';
    const { page } = await openMap(browser.context, proxy.url);
    await browser.context.setOffline(true);
    await page.evaluate((fields) => window.badungMap.submitReport(fields), report(description));
    await waitForState(page, description, 'pending');
    await browser.close({ keepProfile: true });

    browser = await launchPersistent(browser.profileDir);
    const reopened = await openMap(browser.context, proxy.url);
    await waitForState(reopened.page, description, 'sent');
    assert.equal((await requestsWithDescription(server.url, description)).length, 1);
    assert.equal(postsWithDescription(proxy, description).length, 1);
    await reopened.page.close();
  });

  test('report made before the stored outbox loaded', async () => {
    const stored = 'Early 1: sampah di pinggir sungai Tukad Mati';
    const early = 'Early 2: sampah menumpuk di pasar';
    const { page } = await openMap(browser.context, proxy.url);
    await browser.context.setOffline(true);
    await page.evaluate((fields) => window.badungMap.submitReport(fields), report(stored));
    await waitForState(page, stored, 'pending');
    await page.close();

    // The new report goes in as soon as the page's script has run, before
    // the WebAssembly module and the stored outbox have loaded.
    await browser.context.setOffline(false);
    const again = await browser.context.newPage();
    await again.goto(proxy.url, { waitUntil: 'domcontentloaded' });
    await again.evaluate((fields) => { window.earlyReport = window.badungMap.submitReport(fields); }, report(early));
    await again.evaluate(() => window.earlyReport);
    await waitForState(again, stored, 'sent');
    await waitForState(again, early, 'sent');
    assert.equal((await requestsWithDescription(server.url, stored)).length, 1);
    assert.equal((await requestsWithDescription(server.url, early)).length, 1);
    await again.close();
  });

  test('lost response leaves one request', async () => {
    const description = 'Lost response: trotoar rusak di Nusa Dua';
    const { page } = await openMap(browser.context, proxy.url);
    proxy.dropNextPostResponse();
    const item = await page.evaluate((fields) => window.badungMap.submitReport(fields), report(description));
    const sent = await waitForState(page, description, 'sent');

    const posts = postsWithDescription(proxy, description);
    assert.ok(posts.length >= 2, `expected a resend after the lost response, saw ${posts.length} POSTs`);
    assert.equal(posts[0].dropped, true);
    assert.ok(posts.every((post) => post.key === item.idempotencyKey), 'every send carries the same key');
    const stored = await requestsWithDescription(server.url, description);
    assert.equal(stored.length, 1);
    assert.equal(String(stored[0].service_request_id), sent.serviceRequestId);
    await page.close();
  });

  test('server error is retried with the same key', async () => {
    const description = 'Server error: jembatan retak di Abiansemal';
    const { page } = await openMap(browser.context, proxy.url);
    proxy.failNextPost(503);
    const item = await page.evaluate((fields) => window.badungMap.submitReport(fields), report(description));
    const sent = await waitForState(page, description, 'sent');

    const posts = postsWithDescription(proxy, description);
    assert.equal(posts.length, 2);
    assert.equal(posts[0].failedWith, 503);
    assert.equal(posts[1].key, item.idempotencyKey);
    assert.equal(posts[0].key, item.idempotencyKey);
    assert.equal(sent.attempts, 2);
    assert.equal((await requestsWithDescription(server.url, description)).length, 1);
    await page.close();
  });

  test('photo is scaled down and uploaded', async (context) => {
    const probe = await fetch(`${server.url}/media`, { method: 'POST' });
    if (probe.status === 404 || probe.status === 405) {
      context.skip('this server has no POST /media');
      return;
    }
    const description = 'Photo: papan jalan roboh di Kuta';
    const { page } = await openMap(browser.context, proxy.url);
    await page.evaluate(async (fields) => {
      const canvas = document.createElement('canvas');
      canvas.width = 3200;
      canvas.height = 2400;
      const context2d = canvas.getContext('2d');
      context2d.fillStyle = '#c84';
      context2d.fillRect(0, 0, 3200, 2400);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
      const photo = new File([blob], 'papan.png', { type: 'image/png' });
      return window.badungMap.submitReport({ ...fields, photo });
    }, report(description));
    await waitForState(page, description, 'sent');

    const posts = postsWithDescription(proxy, description);
    assert.equal(posts.length, 1);
    const mediaUrl = posts[0].fields.get('media_url');
    assert.match(mediaUrl, /^https?:\/\//);
    const stored = await requestsWithDescription(server.url, description);
    assert.equal(stored[0].media_url, mediaUrl);
    const image = await fetch(mediaUrl);
    assert.equal(image.status, 200);
    const size = jpegSize(Buffer.from(await image.arrayBuffer()));
    assert.deepEqual(size, { width: 1600, height: 1200 });
    await page.close();
  });

  test('double tap on Kirim makes one request', async () => {
    const description = 'Double tap: drainase meluap di Jimbaran';
    const { page } = await openMap(browser.context, proxy.url);
    await openForm(page);
    await page.locator('#report-description').fill(description);
    await page.dblclick('#report-send');
    await page.click('#report-send').catch(() => {});
    await waitForState(page, description, 'sent');
    // Let any second item that a tap might have made go out too.
    await page.waitForTimeout(1500);
    assert.equal(postsWithDescription(proxy, description).length, 1);
    assert.equal((await requestsWithDescription(server.url, description)).length, 1);
    const items = await page.evaluate(() => window.badungMap.outbox());
    assert.equal(items.filter((entry) => entry.fields.description === description).length, 1);
    await page.close();
  });

  test('two tabs send each item once', async () => {
    const descriptions = ['Tab A 1: lubang di Seminyak', 'Tab A 2: got di Petitenget',
      'Tab B 1: lampu di Sanur Kaja', 'Tab B 2: pohon di Mengwi'];
    const tabA = await openMap(browser.context, proxy.url);
    const tabB = await openMap(browser.context, proxy.url);
    await browser.context.setOffline(true);
    await tabA.page.evaluate((list) => Promise.all(list.map((fields) => window.badungMap.submitReport(fields))),
      descriptions.slice(0, 2).map((text) => report(text)));
    await tabB.page.evaluate((list) => Promise.all(list.map((fields) => window.badungMap.submitReport(fields))),
      descriptions.slice(2).map((text) => report(text)));

    await browser.context.setOffline(false); // both tabs get the online event
    for (const description of descriptions) {
      await waitForState(tabA.page, description, 'sent');
    }
    await waitForState(tabB.page, descriptions[0], 'sent');
    for (const description of descriptions) {
      assert.equal(postsWithDescription(proxy, description).length, 1, description);
      assert.equal((await requestsWithDescription(server.url, description)).length, 1, description);
    }
    await tabA.page.close();
    await tabB.page.close();
  });

  test('rejected report keeps its reason and can be fixed', async () => {
    const description = 'Rejected: jalan rusak di luar Badung';
    const { page } = await openMap(browser.context, proxy.url);
    await page.evaluate((fields) => window.badungMap.submitReport(fields), report(description, denpasar));
    const rejected = await waitForState(page, description, 'needs_fix');
    assert.ok(rejected.httpStatus >= 400, `HTTP ${rejected.httpStatus}`);
    assert.ok(rejected.httpStatus < 500, `HTTP ${rejected.httpStatus}`);
    assert.match(rejected.reason, /\S/);
    assert.equal((await requestsWithDescription(server.url, description)).length, 0);

    await openForm(page);
    const row = page.locator(`#report-outbox [data-local-id="${rejected.localId}"]`);
    assert.match(await row.textContent(), /Perlu diperbaiki/);
    assert.ok((await row.textContent()).includes(rejected.reason));

    await row.locator('.report-fix').click();
    await page.waitForSelector('#report-form .report-fixing');
    assert.equal(await page.inputValue('#report-description'), description);
    await page.evaluate(({ lat, long }) => window.badungMap.setView({ lat, lon: long, zoom: 15 }), kuta);
    await page.getByRole('button', { name: 'Pakai tengah peta' }).click();
    await page.click('#report-send');
    const fixed = await waitForState(page, description, 'sent');
    assert.equal(fixed.localId, rejected.localId);
    assert.equal((await requestsWithDescription(server.url, description)).length, 1);
    await page.close();
  });
});

describe('report form', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchPersistent();
    ({ page } = await openMap(browser.context, server.url));
    await openForm(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('attributes come from the service definition', async () => {
    await page.selectOption('#report-service', 'JLN-01');
    await page.waitForSelector('#report-form:not([aria-busy]) select[name="attribute[tingkat]"]');
    const options = await page.$$eval('select[name="attribute[tingkat]"] option', (list) => list.map((o) => o.value));
    assert.deepEqual(options, ['', 'ringan', 'sedang', 'berat']);

    const names = () => page.$$eval('select[name="attribute[tingkat]"] option', (list) => list.slice(1).map((o) => o.textContent));
    assert.deepEqual(await names(), ['Ringan', 'Sedang', 'Berat, membahayakan']);
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    try {
      await page.waitForFunction(() => document.querySelector('#report-tab-form')?.textContent !== 'Laporan baru');
      assert.deepEqual(await names(), ['Minor', 'Moderate', 'Severe, dangerous']);
    } finally {
      await page.evaluate(() => window.badungMap.setLanguage('id'));
      await page.waitForFunction(() => document.querySelector('#report-tab-form')?.textContent === 'Laporan baru');
    }
  });

  test('late definition of earlier choice dropped', async () => {
    // DRN-01's definition arrives after JLN-01's, as when arrow keys move
    // through the list on a slow network.
    await page.evaluate(() => {
      const pageFetch = window.fetch;
      window.fetch = async (input, init) => {
        if (String(input).includes('/services/DRN-01.json')) {
          await new Promise((resolve) => setTimeout(resolve, 800));
        }
        return pageFetch(input, init);
      };
      window.restoreFetch = () => { window.fetch = pageFetch; };
    });
    await page.selectOption('#report-service', 'DRN-01');
    await page.selectOption('#report-service', 'JLN-01');
    await page.waitForSelector('#report-form:not([aria-busy]) select[name="attribute[tingkat]"]');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await page.locator('#report-form [name^="attribute[genangan]"]').count(), 0);
    assert.equal(await page.locator('#report-form select[name="attribute[tingkat]"]').count(), 1);
    assert.equal(await page.inputValue('#report-service'), 'JLN-01');
    await page.evaluate(() => window.restoreFetch());
  });

  test('missing description is named in both languages', async () => {
    await page.locator('#report-description').fill('');
    await page.click('#report-send');
    await page.waitForSelector('#report-description[aria-invalid="true"]');
    const indonesian = await page.textContent('#report-error-description');
    assert.match(indonesian, /\S/);
    await page.evaluate(() => window.badungMap.setLanguage('en'));
    await page.click('#report-send');
    await page.waitForFunction((before) => {
      const text = document.querySelector('#report-error-description')?.textContent || '';
      return text !== '' && text !== before;
    }, indonesian, { timeout: waitMs });
    await page.evaluate(() => window.badungMap.setLanguage('id'));
  });

  test('consent and format errors show at once', async () => {
    const description = 'Consent: lampu jalan mati di Jimbaran';
    await page.locator('#report-description').fill(description);
    await page.locator('#report-email').fill('bukan-email');
    await page.locator('#report-phone').fill('12');
    try {
      await page.click('#report-send');
      await page.waitForSelector('#report-error-consent:not(:empty)', { timeout: waitMs });

      const consent = await page.textContent('#report-error-consent');
      assert.match(consent, /^Centang persetujuan/);
      assert.doesNotMatch(consent, /consent|true/);
      assert.match(await page.textContent('#report-error-email'), /\S/);
      assert.match(await page.textContent('#report-error-phone'), /\S/);

      await page.evaluate(() => window.badungMap.setLanguage('en'));
      await page.click('#report-send');
      await page.waitForFunction(() => /^Tick the consent/.test(document.querySelector('#report-error-consent')?.textContent),
        null, { timeout: waitMs });
      assert.match(await page.textContent('#report-error-email'), /\S/);

      const items = await page.evaluate(() => window.badungMap.outbox());
      assert.equal(items.filter((item) => item.fields.description === description).length, 0);
    } finally {
      // The next tests start from a form without these bad values.
      await page.evaluate(() => window.badungMap.setLanguage('id'));
      await page.locator('#report-email').fill('');
      await page.locator('#report-phone').fill('');
    }
  });

  test('personal data needs consent', async () => {
    const description = 'Consent: lampu jalan mati di Ungasan';
    await page.locator('#report-description').fill(description);
    await page.locator('#report-email').fill('warga@contoh.id');
    await page.click('#report-send');
    await page.waitForSelector('#report-error-consent:not(:empty)');
    const items = await page.evaluate(() => window.badungMap.outbox());
    assert.equal(items.filter((item) => item.fields.description === description).length, 0);

    await page.check('#report-consent');
    await page.click('#report-send');
    const item = await waitForState(page, description, 'sent');
    assert.equal(item.fields.consent, 'true');
    assert.equal(item.fields.email, 'warga@contoh.id');
  });

  test('location outside Badung stays out of the outbox', async () => {
    const description = 'Outside: lampu jalan mati di Denpasar';
    await page.locator('#report-description').fill(description);
    await page.evaluate(({ lat, long }) => window.badungMap.setView({ lat, lon: long, zoom: 15 }), denpasar);
    await page.getByRole('button', { name: 'Pakai tengah peta' }).click();
    await page.click('#report-send');
    await page.waitForSelector('#report-error-lat:not(:empty)', { timeout: waitMs });
    assert.match(await page.textContent('#report-error-lat'), /di luar Kabupaten Badung/);
    const items = await page.evaluate(() => window.badungMap.outbox());
    assert.equal(items.filter((item) => item.fields.description === description).length, 0);

    // The same tap names the other fields to fix as well.
    await page.locator('#report-description').fill('');
    await page.click('#report-send');
    await page.waitForSelector('#report-error-description:not(:empty)', { timeout: waitMs });
    assert.match(await page.textContent('#report-error-lat'), /di luar Kabupaten Badung/);
    await page.locator('#report-description').fill(description);

    // Back inside Badung the same draft goes.
    await page.evaluate(({ lat, long }) => window.badungMap.setView({ lat, lon: long, zoom: 15 }), kuta);
    await page.getByRole('button', { name: 'Pakai tengah peta' }).click();
    await page.click('#report-send');
    await waitForState(page, description, 'sent');
  });

  test('submitReport rejects personal data without consent', async () => {
    const error = await page.evaluate(() => window.badungMap.submitReport({
      service_code: 'JLN-01', lat: -8.7177, long: 115.1691, description: 'x', phone: '081234567890',
    }).then(() => null, (failure) => failure.errors));
    assert.equal(error[0].field, 'consent');
  });

  test('draft survives a reload', async () => {
    const draft = 'Draft: belum selesai ditulis';
    await page.locator('#report-description').fill(draft);
    await page.reload();
    await page.evaluate(() => window.badungMap.ready);
    await openForm(page);
    assert.equal(await page.inputValue('#report-description'), draft);
  });

  test('location is picked on the map with its desa', async () => {
    await page.evaluate(() => window.badungMap.setView({ lat: -8.7177, lon: 115.175, zoom: 14 }));
    await page.waitForTimeout(300);
    // Left of the map centre: the form covers the right of the map.
    const point = await page.evaluate(() => window.badungMap.project(115.173, -8.71));
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() => /titik yang dipilih/.test(document.querySelector('#report-location').textContent),
      null, { timeout: waitMs });
    const text = await page.textContent('#report-location');
    const [lat, lon] = text.split(/[ ,]+/).map(Number);
    assert.ok(Math.abs(lat - -8.71) < 0.001, text);
    assert.ok(Math.abs(lon - 115.173) < 0.001, text);
    assert.match(text, /Desa\/kelurahan \S+/);
    assert.equal(await page.isVisible('.report-pin'), true);
  });

  test('two tabs share one draft', async () => {
    const first = 'Shared draft 1: selokan mampet di Dalung';
    const second = 'Shared draft 2: lampu taman mati di Dalung';
    const other = await openMap(browser.context, server.url);
    await openForm(other.page);

    await page.locator('#report-description').fill(first);
    await other.page.waitForFunction((text) => document.querySelector('#report-description')?.value === text,
      first, { timeout: waitMs });
    await page.click('#report-send');
    await waitForState(page, first, 'sent');
    await other.page.waitForFunction(() => document.querySelector('#report-description')?.value === '',
      null, { timeout: waitMs });

    await other.page.locator('#report-description').fill(second);
    await other.page.click('#report-send');
    await waitForState(other.page, second, 'sent');
    const items = await other.page.evaluate(() => window.badungMap.outbox());
    assert.equal(items.filter((item) => item.fields.description === first).length, 1);
    assert.equal(items.filter((item) => item.fields.description === second).length, 1);
    await other.page.close();
  });

  test('Laporan saya shows the server status', async () => {
    await page.click('#report-tab-mine');
    await page.waitForSelector('#report-mine [data-status="open"]', { timeout: waitMs });
    assert.match(await page.textContent('#report-mine'), /Dibuka/);
  });

  test('Laporan saya shows times in WITA, no null', async () => {
    const lines = await page.evaluate(() => document.getElementById('report-panel').innerText.split('\n')
      .map((line) => line.trim()).filter(Boolean));
    assert.ok(!lines.includes('null'), lines.join(' | '));

    const items = await page.evaluate(() => window.badungMap.outbox());
    const sent = items.filter((item) => item.state === 'sent' && item.serviceRequestId);
    assert.ok(sent.length > 0, JSON.stringify(items));
    const text = await page.textContent('#report-mine');
    for (const item of sent) {
      assert.ok(text.includes(`Dibuat ${witaTime(item.createdAt, 'id')}`), `${item.createdAt} in: ${text}`);
      assert.ok(!text.includes(item.createdAt), text);
    }

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    // ICU versions differ on "Sep" or "Sept", so the English month is any word.
    const english = await page.textContent('#report-mine');
    const [, day, rest] = /^(\d+) \S+ (.*)$/.exec(witaTime(sent[0].createdAt, 'en'));
    assert.match(english, new RegExp(`Created ${day} [A-Z][a-z]+ ${rest}`));
    await page.evaluate(() => window.badungMap.setLanguage('id'));
  });
});
