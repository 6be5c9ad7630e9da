// The report modules that run without a browser: report fields as the
// outbox POSTs them, Retry-After parsing and the service catalog's
// fallback to its stored copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fieldsToPairs, hasPersonalData } from '../../shell/reports/fields.js';
import { retryAfterMs } from '../../shell/reports/outbox.js';
import { ServiceCatalog } from '../../shell/reports/services.js';

test('fields become pairs in Open311 order', () => {
  const pairs = fieldsToPairs({
    email: 'warga@contoh.id',
    description: 'Got tersumbat',
    attribute: { tingkat: 'berat', jenis: ['plastik', 'daun'] },
    long: 115.1691,
    lat: -8.7177,
    service_code: 'DRN-01',
    consent: true,
  });
  assert.deepEqual(pairs, [
    ['service_code', 'DRN-01'],
    ['lat', '-8.7177'],
    ['long', '115.1691'],
    ['description', 'Got tersumbat'],
    ['attribute[tingkat]', 'berat'],
    ['attribute[jenis][]', 'plastik'],
    ['attribute[jenis][]', 'daun'],
    ['email', 'warga@contoh.id'],
    ['consent', 'true'],
  ]);
});

test('empty fields are left out', () => {
  const pairs = fieldsToPairs({ service_code: 'JLN-01', lat: -8.7, long: 115.2, description: '  ', phone: '' });
  assert.deepEqual(pairs, [['service_code', 'JLN-01'], ['lat', '-8.7'], ['long', '115.2']]);
});

test('consent goes only with personal data', () => {
  assert.equal(hasPersonalData({ description: 'x', consent: true }), false);
  assert.equal(fieldsToPairs({ service_code: 'JLN-01', consent: true }).some(([name]) => name === 'consent'), false);
  assert.equal(hasPersonalData({ phone: '081234567890' }), true);
  assert.equal(hasPersonalData({ device_id: 'abc' }), true);
});

test('Retry-After in seconds and as a date', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  assert.equal(retryAfterMs('120', now), 120000);
  assert.equal(retryAfterMs('Fri, 04 Dec 2026 12:00:30 GMT', now), 30000);
  assert.equal(retryAfterMs('Fri, 04 Dec 2026 11:00:00 GMT', now), 0);
  assert.equal(retryAfterMs(null, now), -1);
  assert.equal(retryAfterMs('soon', now), -1);
});

// Returns a fetch that responds to the service list and never to a
// definition, like a server that accepts the connection and then hangs.
function hangingDefinitions(services) {
  return (url, init) => {
    if (url.endsWith('/services.json')) {
      return Promise.resolve(new Response(JSON.stringify(services), { status: 200 }));
    }
    return new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(init.signal.reason));
    });
  };
}

test('hung definition request uses stored copy', async (t) => {
  const services = [{ service_code: 'JLN-01', service_name: 'Jalan rusak', metadata: true }];
  const stored = { service_code: 'JLN-01', attributes: [{ code: 'tingkat' }] };
  const storage = new Map([['badung-open311-service:JLN-01', JSON.stringify(stored)]]);
  const nodeFetch = globalThis.fetch;
  globalThis.fetch = hangingDefinitions(services);
  globalThis.localStorage = {
    getItem: (key) => storage.get(key) ?? null,
    setItem: (key, value) => storage.set(key, value),
  };
  // Node does not wait for AbortSignal.timeout's timer; a browser does.
  const keepAlive = setInterval(() => {}, 1000);
  t.after(() => {
    clearInterval(keepAlive);
    globalThis.fetch = nodeFetch;
    delete globalThis.localStorage;
  });

  const catalog = new ServiceCatalog('http://127.0.0.1:9', { timeoutMs: 50 });
  assert.deepEqual(await catalog.definition('JLN-01'), stored);

  storage.clear();
  await assert.rejects(catalog.definition('JLN-01'), { name: 'TimeoutError' });
});
