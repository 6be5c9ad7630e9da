// Downloads the offline pack described by data/pack.json into IndexedDB.
// A download resumes, because entries already stored with a matching SHA-256
// are kept. Every body is hashed with crypto.subtle before it is stored.
// Entries are written in small batches, each in its own transaction, and
// the pack record is committed last, so a failure corrupts nothing stored.
import './pack-db.js';

const db = self.BadungPackDb;
// Requests in flight: files, and tile bundles from data/pack/tiles.
const concurrency = 6;
// Tiles per bundle request: a few hundred KB for the largest low-zoom
// tiles, so a failed bundle costs little to fetch again.
const bundleTiles = 200;
// Entries per write transaction: one transaction per tile costs more than
// the download itself, and a failed batch loses only these entries.
const batchSize = 200;
const mediaTypes = {
  json: 'application/json',
  geojson: 'application/geo+json',
  mvt: 'application/vnd.mapbox-vector-tile',
  pbf: 'application/x-protobuf',
};

// Raised when the browser's storage quota is too small or full.
export class QuotaError extends Error {
  constructor(neededBytes, availableBytes) {
    super(`not enough storage for the offline pack: it needs ${neededBytes} bytes and ` +
      `${availableBytes === null ? 'an unknown number' : availableBytes} bytes are free; ` +
      'free space on the device or delete other site data, then try again');
    this.name = 'QuotaError';
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }
}

function isQuotaError(error) {
  return error && (error.name === 'QuotaExceededError' || error.name === 'QuotaError');
}

async function sha256Hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// True when the SHA-256 of `buffer` starts with `expected` (tiles list a
// 128-bit prefix, files the whole digest).
async function digestMatches(buffer, expected) {
  return (await sha256Hex(buffer)).startsWith(expected);
}

// Flattens pack.json into [{path, size, sha256, tile}] in download order:
// files first (the catalog and layers the app needs first), then tiles.
export function packEntries(manifest) {
  const entries = manifest.files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256, tile: false }));
  const template = manifest.tiles && manifest.tiles.url;
  const tiles = (manifest.tiles && manifest.tiles.entries) || [];
  tiles.forEach(([z, x, y, size, sha256], index) => {
    const path = template.replace('{z}', z).replace('{x}', x).replace('{y}', y);
    entries.push({ path, size, sha256, tile: true, index });
  });
  return entries;
}

export async function fetchManifest(baseUrl) {
  const response = await fetch(new URL('data/pack.json', baseUrl), { cache: 'no-cache' });
  if (!response.ok) {
    throw new Error(`data/pack.json: HTTP ${response.status}; the server has no offline pack`);
  }
  const manifest = await response.json();
  if (!manifest || typeof manifest.data_version !== 'string' || !Array.isArray(manifest.files)) {
    throw new Error('data/pack.json is not a pack manifest (no data_version or files)');
  }
  return manifest;
}

// Splits entries into those stored and verified, and those to fetch. Every
// stored body is hashed again, so a corrupted entry is fetched again.
async function sortStoredEntries(database, entries) {
  const stored = new Map();
  for (const record of await db.allEntries(database)) stored.set(record.path, record);
  const verdicts = await Promise.all(entries.map(async (entry) => {
    const record = stored.get(entry.path);
    if (!record || !record.body) return false;
    // A damaged compressed body fails to inflate: fetch it again.
    const bytes = await db.entryBytes(record).catch(() => null);
    return Boolean(bytes && bytes.byteLength === entry.size && await digestMatches(bytes, entry.sha256));
  }));
  return {
    kept: entries.filter((entry, i) => verdicts[i]),
    missing: entries.filter((entry, i) => !verdicts[i]),
  };
}

async function checkQuota(neededBytes) {
  if (!navigator.storage || !navigator.storage.estimate) return;
  const { quota, usage } = await navigator.storage.estimate();
  if (typeof quota !== 'number' || typeof usage !== 'number') return;
  const available = quota - usage;
  if (neededBytes > available) throw new QuotaError(neededBytes, available);
}

async function fetchVerified(baseUrl, entry, signal) {
  let lastError = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // With this header the service worker fetches from the network, not the pack.
      const response = await fetch(new URL(entry.path, baseUrl), {
        cache: 'no-cache',
        signal,
        headers: { 'X-Badung-Pack': 'download' },
      });
      if (!response.ok) throw new Error(`${entry.path}: HTTP ${response.status}`);
      const body = await response.arrayBuffer();
      if (body.byteLength !== entry.size || !await digestMatches(body, entry.sha256)) {
        throw new Error(`${entry.path}: the download does not match pack.json (size or SHA-256)`);
      }
      return body;
    } catch (error) {
      if (signal && signal.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

// Fetches the tiles `entries` (consecutive in pack.json) in one request
// from data/pack/tiles, which sends their bytes one after another. Returns
// [{entry, body}] with the bodies that match pack.json, and body null for
// the others, which the caller fetches one by one. A failed bundle request
// (an older server, a proxy in the way) gives null bodies too, but an
// abort is raised.
async function fetchBundle(baseUrl, dataVersion, entries, signal) {
  const url = new URL('data/pack/tiles', baseUrl);
  url.search = new URLSearchParams({ version: dataVersion, start: entries[0].index, count: entries.length });
  let bundle = null;
  try {
    const response = await fetch(url, { cache: 'no-cache', signal, headers: { 'X-Badung-Pack': 'download' } });
    if (response.ok) bundle = await response.arrayBuffer();
  } catch (error) {
    if (signal && signal.aborted) throw error;
  }
  const expected = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (!bundle || bundle.byteLength !== expected) return entries.map((entry) => ({ entry, body: null }));

  let offset = 0;
  return Promise.all(entries.map(async (entry) => {
    const body = bundle.slice(offset, offset + entry.size);
    offset += entry.size;
    return { entry, body: await digestMatches(body, entry.sha256) ? body : null };
  }));
}

// Splits the entries to fetch into jobs: each file alone, and the tiles in
// bundles of up to bundleTiles that are consecutive in pack.json, so a
// resumed download requests only the tiles it lacks.
function downloadJobs(missing) {
  const jobs = [];
  let bundle = [];
  const close = () => {
    if (bundle.length > 0) jobs.push(bundle);
    bundle = [];
  };
  for (const entry of missing) {
    if (!entry.tile) {
      jobs.push([entry]);
      continue;
    }
    const previous = bundle[bundle.length - 1];
    if (bundle.length >= bundleTiles || (previous && previous.index + 1 !== entry.index)) close();
    bundle.push(entry);
  }
  close();
  return jobs;
}

// Fetches the entries of one job: a tile bundle first in one request, then
// every entry still without a verified body on its own.
async function fetchJob(baseUrl, dataVersion, job, signal) {
  const fetched = job[0].tile && job.length > 1
    ? await fetchBundle(baseUrl, dataVersion, job, signal)
    : job.map((entry) => ({ entry, body: null }));
  for (const item of fetched) {
    if (!item.body) item.body = await fetchVerified(baseUrl, item.entry, signal);
  }
  return fetched;
}

// Fetches `missing` with a few requests in flight and stores the verified
// bodies in batches; `onStored` gets each stored batch. Stops at the first
// failure or abort, keeping every batch stored before it.
// The IndexedDB record of a verified body, gzip-compressed unless that
// makes it larger (tiles of a few dozen bytes grow under gzip).
async function storedRecord(entry, body) {
  const type = mediaTypes[entry.path.slice(entry.path.lastIndexOf('.') + 1)] || 'application/octet-stream';
  const packed = await db.compress(body);
  const gzip = packed.byteLength < body.byteLength;
  return {
    path: entry.path, sha256: entry.sha256, size: entry.size, type,
    encoding: gzip ? 'gzip' : 'identity', body: gzip ? packed : body,
  };
}

async function fetchAndStore(baseUrl, dataVersion, database, missing, signal, onStored) {
  let next = 0;
  // Items {entry, record}: the pack.json entry, whose tile flag onStored
  // counts, and the record stored for it.
  let pending = [];
  let writing = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    writing = writing.then(async () => {
      try {
        await db.putEntries(database, batch.map((item) => item.record));
      } catch (error) {
        if (isQuotaError(error)) throw new QuotaError(batch.reduce((sum, item) => sum + item.entry.size, 0), null);
        throw error;
      }
      onStored(batch.map((item) => item.entry));
    });
    return writing;
  };
  const jobs = downloadJobs(missing);
  const fetcher = async () => {
    while (next < jobs.length) {
      if (signal && signal.aborted) throw signal.reason || new DOMException('download aborted', 'AbortError');
      const job = jobs[next];
      next += 1;
      for (const { entry, body } of await fetchJob(baseUrl, dataVersion, job, signal)) {
        // The record is made before `pending` is read: a flush by another
        // fetcher during the await swaps in a new array.
        const record = await storedRecord(entry, body);
        pending.push({ entry, record });
        if (pending.length >= batchSize) await flush();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, fetcher));
  } catch (error) {
    // Keep what was verified before the failure, then report the failure.
    await flush().catch(() => {});
    throw error;
  }
  await flush();
}

// Downloads and stores the pack. `onProgress` gets {phase, bytesDone,
// bytesTotal, tilesDone, tilesTotal, entriesDone, entriesTotal}. Resolves
// with the committed pack record plus {fetchedEntries, keptEntries}.
export async function downloadPack({ baseUrl, onProgress = () => {}, signal } = {}) {
  if (navigator.storage && navigator.storage.persist) {
    await navigator.storage.persist().catch(() => false);
  }
  // A cancel during the checking phase stops at the next step.
  signal?.throwIfAborted();
  const manifest = await fetchManifest(baseUrl);
  signal?.throwIfAborted();
  const entries = packEntries(manifest);
  const database = await db.open();
  await db.putMeta(database, 'latest', { dataVersion: manifest.data_version, checkedAt: new Date().toISOString() });

  const progress = {
    phase: 'checking',
    bytesDone: 0,
    bytesTotal: entries.reduce((sum, entry) => sum + entry.size, 0),
    tilesDone: 0,
    tilesTotal: entries.filter((entry) => entry.tile).length,
    entriesDone: 0,
    entriesTotal: entries.length,
  };
  const count = (entry) => {
    progress.entriesDone += 1;
    progress.bytesDone += entry.size;
    if (entry.tile) progress.tilesDone += 1;
  };
  const { kept, missing } = await sortStoredEntries(database, entries);
  signal?.throwIfAborted();
  kept.forEach(count);
  progress.phase = 'downloading';
  onProgress({ ...progress });

  await checkQuota(missing.reduce((sum, entry) => sum + entry.size, 0));
  await fetchAndStore(baseUrl, manifest.data_version, database, missing, signal, (stored) => {
    stored.forEach(count);
    onProgress({ ...progress });
  });

  const record = {
    dataVersion: manifest.data_version,
    bytes: progress.bytesTotal,
    files: entries.length - progress.tilesTotal,
    tiles: progress.tilesTotal,
    completedAt: new Date().toISOString(),
  };
  await db.commitPack(database, record, manifest);

  // Entries of an older data version that the new manifest no longer lists.
  const wanted = new Set(entries.map((entry) => entry.path));
  const obsolete = (await db.entryPaths(database)).filter((path) => !wanted.has(path));
  if (obsolete.length > 0) await db.deleteEntries(database, obsolete);
  database.close();

  progress.phase = 'done';
  onProgress({ ...progress });
  return { ...record, fetchedEntries: missing.length, keptEntries: kept.length };
}

export async function readPack() {
  const database = await db.open();
  try {
    return {
      pack: await db.getMeta(database, 'pack'),
      latest: await db.getMeta(database, 'latest'),
    };
  } finally {
    database.close();
  }
}

export async function recordLatest(dataVersion) {
  const database = await db.open();
  try {
    await db.putMeta(database, 'latest', { dataVersion, checkedAt: new Date().toISOString() });
  } finally {
    database.close();
  }
}

export async function deletePack() {
  const database = await db.open();
  try {
    await db.clear(database);
  } finally {
    database.close();
  }
}
