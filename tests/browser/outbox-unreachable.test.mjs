// The report outbox and the connection line while the device has a network
// but the map server is down. Both name the problem in the UI language, and
// the line reads "Daring" again once a report gets through.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './support/server.mjs';
import { useServerAndBrowser } from './support/session.mjs';

const waitMs = 30000;
const description = 'Server mati: jalan berlubang di Kerobokan';

// Polls the outbox until the report is sent, or gives up after waitMs.
async function waitForSent(page) {
  const deadline = Date.now() + waitMs;
  let items = [];
  while (Date.now() < deadline) {
    items = await page.evaluate(() => window.badungMap.outbox());
    if (items.some((item) => item.fields.description === description && item.state === 'sent')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the report was not sent within ${waitMs} ms: ${JSON.stringify(items)}`);
}

describe('outbox with the server down', () => {
  const session = useServerAndBrowser();

  test('unreachable server is named', async () => {
    const page = await session.browser.browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(session.server.url);
    await page.evaluate(() => window.badungMap.ready);
    await page.evaluate(() => window.badungMap.services());
    await page.evaluate(() => window.badungMap.openReportForm());
    assert.equal(await page.textContent('#offline-connection'), 'Daring');

    const port = new URL(session.server.url).port;
    await session.server.stop();
    await page.evaluate((text) => window.badungMap.submitReport({
      service_code: 'JLN-01', lat: -8.6482, long: 115.1689, description: text,
    }), description);
    await page.waitForFunction(() => /kendala terakhir/.test(document.getElementById('report-outbox')?.textContent || ''),
      null, { timeout: waitMs });

    const outbox = await page.textContent('#report-outbox');
    assert.match(outbox, /Menunggu jaringan/);
    assert.match(outbox, /kendala terakhir: server tidak dapat dihubungi/);
    assert.doesNotMatch(outbox, /network error|Failed to fetch/);
    assert.equal(await page.textContent('#offline-connection'), 'Server peta tidak terjangkau');

    await page.evaluate(() => window.badungMap.setLanguage('en'));
    assert.match(await page.textContent('#report-outbox'), /last problem: the server could not be reached/);
    assert.equal(await page.textContent('#offline-connection'), 'Map server unreachable');
    await page.evaluate(() => window.badungMap.setLanguage('id'));

    session.server = await startServer({ extraArgs: ['--port', port] });
    await waitForSent(page);
    assert.equal(await page.textContent('#offline-connection'), 'Daring');
    await page.close();
  });
});
