// The map's side panel (Dear ImGui in the canvas) and the HTML boxes around
// it: its HTML controls for the keyboard, and its layout beside the finder,
// the report form and the offline panel on a phone and a laptop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser, waitForIdleMap, watchErrors } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
// A school whose attribute table makes the panel taller than a 768 px screen.
const tallSelection = { lon: 115.17, lat: -8.5479 };

// The element at a viewport point, as `tag#id`.
function elementAt(page, x, y) {
  return page.evaluate(([px, py]) => {
    const found = document.elementFromPoint(px, py);
    return found ? `${found.tagName.toLowerCase()}#${found.id}` : 'none';
  }, [x, y]);
}

// Counts the map's 'select' events, which only a click or tap on the map
// (not on the panel) emits.
async function countSelects(page) {
  await page.evaluate(() => {
    window.selectCount = 0;
    window.badungMap.on('select', () => { window.selectCount += 1; });
  });
}

async function openPage(browser, options) {
  const context = await browser.browser.newContext(options);
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

describe('panel: keyboard and layout', () => {
  let server;
  let browser;
  const errorLists = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(options) {
    const opened = await openPage(browser, options);
    errorLists.push(opened.errors);
    await opened.page.goto(server.url);
    await opened.page.evaluate(() => window.badungMap.ready);
    await waitForIdleMap(opened.page);
    return opened;
  }

  test('keyboard reaches language, layers and report', async () => {
    const { context, page } = await open({ viewport: { width: 1280, height: 800 } });
    const active = () => page.evaluate(() => {
      const element = document.activeElement;
      return { id: element.id, text: element.textContent, inSettings: Boolean(element.closest('#map-settings')) };
    });

    await page.focus('#map');
    await page.keyboard.press('Tab');
    assert.deepEqual(await active(), { id: '', text: 'Bahasa Indonesia', inSettings: true });
    const box = await page.$eval('#map-settings', (element) => element.getBoundingClientRect().toJSON());
    assert.ok(box.width > 200, `controls shown at ${JSON.stringify(box)}`);
    assert.ok(box.height > 100, `controls shown at ${JSON.stringify(box)}`);

    await page.keyboard.press('Tab');
    assert.equal((await active()).text, 'English');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'en');
    assert.equal(await page.textContent('#map-settings h2'), 'Badung Regency Map');
    assert.equal(await page.textContent('#map-settings-report'), 'Make a citizen report');

    const first = await page.evaluate(() => window.badungMap.layers()[0]);
    await page.keyboard.press('Tab');
    assert.equal((await active()).id, `map-settings-layer-${first.id}`);
    const checkbox = page.getByRole('checkbox', { name: first.title });
    assert.equal(await checkbox.isChecked(), first.visible);
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => window.badungMap.layers()[0].visible), !first.visible);
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => window.badungMap.layers()[0].visible), first.visible);

    let presses = 0;
    while ((await active()).id !== 'map-settings-report' && presses < 40) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    assert.equal((await active()).id, 'map-settings-report');
    await page.keyboard.press('Tab');
    assert.equal((await active()).id, 'zoom-in', 'the controls come before the zoom buttons');
    assert.equal(await page.$eval('#map-settings', (element) => element.getBoundingClientRect().width), 1);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#report-panel', { state: 'visible', timeout: 5000 });
    assert.ok(await page.evaluate(() => document.activeElement.closest('#report-panel') !== null),
      'the focus moves into the report form');
    await context.close();
  });

  test('phone tap on panel title opens it', async () => {
    const { context, page } = await open(phone);

    await page.touchscreen.tap(100, 21);
    await waitForIdleMap(page);
    // "English" in the open panel's language row.
    await page.touchscreen.tap(225, 51);
    await waitForIdleMap(page);
    assert.equal(await page.evaluate(() => window.badungMap.language()), 'en');

    await page.touchscreen.tap(100, 21);
    await waitForIdleMap(page);
    await countSelects(page);
    await page.touchscreen.tap(60, 300);
    await waitForIdleMap(page);
    assert.equal(await page.evaluate(() => window.selectCount), 1, 'a second tap collapses the panel');
    await context.close();
  });

  test('phone finder steps aside for the open panel', async () => {
    const { context, page } = await open(phone);
    assert.equal(await page.isVisible('#finder'), true);

    await page.touchscreen.tap(21, 21);
    await waitForIdleMap(page);
    for (const y of [60, 100, 150, 200, 250]) {
      assert.equal(await elementAt(page, 60, y), 'canvas#map', `the panel's row at y=${y} is covered`);
    }
    assert.equal(await page.isVisible('#finder'), false);

    await page.touchscreen.tap(21, 21);
    await waitForIdleMap(page);
    assert.equal(await page.isVisible('#finder'), true);
    await context.close();
  });

  test('phone report form leaves the map free', async () => {
    const { context, page } = await open(phone);
    await page.touchscreen.tap(21, 21);
    await waitForIdleMap(page);

    await page.evaluate(() => window.badungMap.openReportForm());
    await page.waitForSelector('#report-panel', { state: 'visible', timeout: 5000 });
    await waitForIdleMap(page);
    const sheetTop = await page.$eval('#report-panel', (element) => element.getBoundingClientRect().top);
    assert.ok(sheetTop > 200, `the form sheet starts at y=${sheetTop}`);

    // A tap on the map between the panel's title row and the form picks
    // the report location.
    await countSelects(page);
    await page.touchscreen.tap(60, sheetTop - 60);
    await waitForIdleMap(page);
    assert.equal(await page.evaluate(() => window.selectCount), 1);
    await page.waitForFunction(() => /titik yang dipilih/.test(document.querySelector('#report-location').textContent),
      null, { timeout: 5000 });
    await context.close();
  });

  test('laptop panel ends above the offline panel', async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 768 } });
    await page.evaluate((view) => window.badungMap.setView({ ...view, zoom: 16 }), tallSelection);
    await waitForIdleMap(page);
    const school = await page.evaluate((view) => window.badungMap.project(view.lon, view.lat), tallSelection);
    await page.mouse.move(school.x - 20, school.y, { steps: 4 });
    await page.mouse.click(school.x, school.y);
    await waitForIdleMap(page);
    assert.equal(await page.evaluate((view) => {
      const { x, y } = window.badungMap.project(view.lon, view.lat);
      return window.badungMap.pick(x, y)?.layer;
    }, tallSelection), 'sekolah');

    // Just above the offline panel, in the panel's column, lies the map.
    const offlineTop = await page.$eval('#offline-panel', (element) => element.getBoundingClientRect().top);
    await countSelects(page);
    await page.mouse.click(62, offlineTop - 4);
    await waitForIdleMap(page);
    assert.equal(await page.evaluate(() => window.selectCount), 1, `the panel reaches y=${offlineTop - 4}`);
    await context.close();
  });

  test('no page errors', () => {
    assert.deepEqual(errorLists.flat(), []);
  });
});
