// The report modules that run without a browser: report fields as the
// outbox POSTs them, and Retry-After parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fieldsToPairs, hasPersonalData } from '../../shell/reports/fields.js';
import { retryAfterMs } from '../../shell/reports/outbox.js';

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
