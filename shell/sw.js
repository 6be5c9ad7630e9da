// Service worker of the Badung city map.
//
// The page registers it as sw.js?v=VERSION, where VERSION is the version of
// shell-manifest.json (content hashes of every shell file, written at build).
// Install precaches those files into the cache "badung-shell-VERSION". A new
// deployment therefore registers a new script URL; the new worker installs
// and then waits, and the old one keeps serving the old shell until the user
// accepts the update, which posts {type: 'skip-waiting'}.
//
// Requests:
//   shell files (reports/ too) and navigations to the app page
//                                cache first (this version's cache), then network
//   pack entries (catalog, layers, tiles, style, glyphs)
//                                from the offline pack in IndexedDB when the pack
//                                is complete and of the newest data version seen
//                                online; otherwise network first, then the pack
//   catalog, TileJSON, style, services
//                                network first, then a runtime cache
//   shell-manifest.json, pack.json, POST and other origins: not handled
importScripts('offline/pack-db.js');

const shellVersion = new URL(self.location.href).searchParams.get('v') || 'dev';
const shellCache = `badung-shell-${shellVersion}`;
const runtimeCache = 'badung-runtime';
const scopeUrl = new URL(self.registration.scope);

const mediaTypes = {
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.mvt': 'application/vnd.mapbox-vector-tile',
  '.pbf': 'application/x-protobuf',
};

// URL path relative to the scope, or null for another origin or outside it.
function scopePath(url) {
  if (url.origin !== scopeUrl.origin || !url.pathname.startsWith(scopeUrl.pathname)) return null;
  return url.pathname.slice(scopeUrl.pathname.length);
}

function isPackPath(path) {
  return path.startsWith('data/') || path.startsWith('tiles/badung/') || path.startsWith('styles/') ||
    (path.startsWith('fonts/') && path.endsWith('.pbf'));
}

// The TileJSON is not in the pack (its tile URL names the host), so it is
// kept here like the catalog, the style and the service list.
function isRuntimeCached(path) {
  return path === 'data/catalog.json' || path === 'tiles/badung.json' || path.startsWith('styles/') ||
    path.startsWith('open311/v2/services');
}

// Navigations to the app page, and the files at the root of the site or
// below offline/, reports/, icons/ and fonts/ (the shell-manifest.json
// entries). The report form and outbox modules are among them, so a page
// opened offline can still take reports.
function isShellRequest(request, path) {
  if (request.mode === 'navigate') return path === '' || path === 'index.html';
  if (path !== '' && !path.includes('/')) return true;
  return ['offline/', 'reports/', 'icons/', 'fonts/'].some((folder) => path.startsWith(folder));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch(new URL('shell-manifest.json', scopeUrl), { cache: 'no-store' });
    if (!response.ok) throw new Error(`shell-manifest.json: HTTP ${response.status}`);
    const manifest = await response.json();
    const cache = await caches.open(shellCache);
    const urls = ['./', ...manifest.files.map((file) => file.path)];
    // Revalidate against the server, because the HTTP cache may hold older files.
    await cache.addAll(urls.map((url) => new Request(new URL(url, scopeUrl), { cache: 'no-cache' })));
    await warmRuntimeCache();
  })());
});

// Stores the catalog, the style and the service list for the report form,
// which the page may have fetched before this worker controlled it. Best
// effort: a missing one is cached on its next online use.
async function warmRuntimeCache() {
  const cache = await caches.open(runtimeCache);
  for (const path of ['data/catalog.json', 'tiles/badung.json', 'styles/badung.json', 'open311/v2/services.json']) {
    try {
      const request = new Request(new URL(path, scopeUrl));
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response);
    } catch (error) {
      // Offline during install.
    }
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('badung-shell-') && key !== shellCache) await caches.delete(key);
    }
    // The first worker takes the open page at once; later ones only after
    // the user accepted, which is when they activate.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'skip-waiting') self.skipWaiting();
  if (message.type === 'pack-changed') packState = null;
  if (message.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: shellVersion });
});

// ---- The offline pack ---------------------------------------------------

let packState = null;
let database = null;

async function packDb() {
  if (!database) database = await self.BadungPackDb.open();
  return database;
}

// {complete, current}: whether a pack is stored, and whether it is the
// newest data version the page has seen online.
async function readPackState() {
  if (packState) return packState;
  const db = await packDb();
  const pack = await self.BadungPackDb.getMeta(db, 'pack');
  const latest = await self.BadungPackDb.getMeta(db, 'latest');
  packState = {
    complete: Boolean(pack),
    current: Boolean(pack && latest && pack.dataVersion === latest.dataVersion),
  };
  return packState;
}

async function fromPack(path) {
  try {
    const entry = await self.BadungPackDb.getEntry(await packDb(), path);
    if (!entry) return null;
    const type = entry.type || mediaTypes[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream';
    // Inflated whole before answering, so a damaged entry falls back to the
    // network instead of ending a response halfway.
    const body = await self.BadungPackDb.entryBytes(entry);
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': type, 'X-Badung-Source': 'offline-pack' },
    });
  } catch (error) {
    return null;
  }
}

async function fromRuntimeCache(request) {
  const cache = await caches.open(runtimeCache);
  return cache.match(request, { ignoreVary: true });
}

async function networkThenFallback(request, path) {
  try {
    const response = await fetch(request);
    if (response.ok && isRuntimeCached(path)) {
      const cache = await caches.open(runtimeCache);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (networkError) {
    const stored = (isPackPath(path) && await fromPack(path)) || await fromRuntimeCache(request);
    if (stored) return afterNetworkFailure(stored);
    if (await isEmptyPackTile(path)) return afterNetworkFailure(emptyTile());
    throw networkError;
  }
}

// Returns a stored response given because the network failed, marked so
// that the page's connection line counts the server as unreachable
// (offline/fetch-watch.js).
function afterNetworkFailure(response) {
  const headers = new Headers(response.headers);
  headers.set('X-Badung-Network', 'failed');
  if (!headers.has('X-Badung-Source')) headers.set('X-Badung-Source', 'runtime-cache');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// True for a vector tile that a complete pack lacks. The pack stores every
// tile the server has, so the server responds to such a tile with 204 (no
// data, mostly open sea), and the worker responds the same way offline.
async function isEmptyPackTile(path) {
  if (!/^tiles\/badung\/\d+\/\d+\/\d+\.mvt$/.test(path)) return false;
  const state = await readPackState().catch(() => ({ complete: false }));
  return state.complete;
}

function emptyTile() {
  return new Response(null, { status: 204, headers: { 'X-Badung-Source': 'offline-pack' } });
}

async function packFirst(request, path) {
  const state = await readPackState().catch(() => ({ complete: false, current: false }));
  if (state.complete && state.current) {
    const stored = await fromPack(path);
    if (stored) return stored;
  }
  return networkThenFallback(request, path);
}

async function shellFirst(request, path) {
  const cache = await caches.open(shellCache);
  const navigate = request.mode === 'navigate';
  const cached = await cache.match(navigate ? new URL('./', scopeUrl).href : request, { ignoreSearch: navigate });
  if (cached) return fromShellCache(cached);
  return fetch(request);
}

// Returns a shell file from this version's cache, marked as stored, since
// it does not show whether the server can be reached.
function fromShellCache(response) {
  const headers = new Headers(response.headers);
  headers.set('X-Badung-Source', 'shell-cache');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const path = scopePath(url);
  if (path === null || path === 'shell-manifest.json' || path === 'data/pack.json' || path.startsWith('sw.js')) {
    return;
  }
  // Ranges, and the pack download itself, go to the network untouched.
  if (request.headers.get('Range') || request.headers.get('X-Badung-Pack') === 'download') return;

  if (isPackPath(path)) {
    event.respondWith(packFirst(request, path));
  } else if (isRuntimeCached(path)) {
    event.respondWith(networkThenFallback(request, path));
  } else if (isShellRequest(request, path)) {
    event.respondWith(shellFirst(request, path));
  }
});
