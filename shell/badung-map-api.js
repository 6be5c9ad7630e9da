// Loader of the Badung city map and its JavaScript API, window.badungMap.
//
// The page loads this script after the canvas. It checks for WebGL2,
// downloads and compiles the WebAssembly module with a progress bar, starts
// the map on <canvas id="map">, hands it the catalog, every layer and the UI
// font, and resolves badungMap.ready once a frame with all layers has been
// drawn. What the first view does not need (the layers' GeoJSON, the UI
// font's atlas, the report modules) waits until that view is drawn.
//
// Settings (all optional) come from window.badungMapConfig:
//   dataUrl: base URL of catalog.json and layers/ (default "data/")
//   apiUrl:  base URL of the city API, "" for this origin (default "")
//   panel:   false leaves out the Dear ImGui panel (the embed page does)
//   reports: false loads the report modules only when a report member is
//            called, not after the first view to send the outbox (the embed
//            page, which has no report form)
//   tilesUrl: TileJSON of the vector tiles (default apiUrl + "/tiles/badung.json")
//   styleUrl: the map style (default apiUrl + "/styles/badung.json")
//   rememberLanguage: false keeps the language the page starts in instead
//            of the one the user chose last time (the embed page, whose
//            partner sets it)
(function () {
  'use strict';

  const config = Object.assign({ dataUrl: 'data/', apiUrl: '' }, window.badungMapConfig || {});
  if (!config.tilesUrl) config.tilesUrl = `${config.apiUrl}/tiles/badung.json`;
  const canvasSelector = '#map';
  const events = ['ready', 'select', 'viewchange', 'languagechange', 'frame'];
  const viewKeys = ['lon', 'lat', 'zoom'];
  // Latitude of the top and bottom edges of the Web Mercator square.
  const maxMercatorLatitude = 85.0511287798;
  // Credits shown always; `names` is what a catalog attribution that
  // already gives the same credit contains.
  const baseAttribution = [
    { text: '© OpenStreetMap contributors', names: 'OpenStreetMap' },
    { text: 'BPS/BIG via OCHA HDX', names: 'OCHA HDX' },
  ];
  const uiText = {
    id: {
      pageTitle: 'Peta Kabupaten Badung',
      zoomIn: 'Perbesar',
      zoomOut: 'Perkecil',
      close: 'Tutup',
      tilesFailed: 'Ubin peta tidak dapat dimuat, jadi peta bisa kosong. Peta akan mencoba lagi sendiri; jika tetap kosong, muat ulang halaman atau beri tahu pengelola situs.',
      tilesFailedOffline: 'Ubin peta tidak dapat dimuat, jadi peta bisa kosong. Peta akan mencoba lagi sendiri; periksa koneksi internet.',
      tileSourceFailed: 'Ubin peta tidak dapat dimuat, jadi peta bisa kosong. Muat ulang halaman; jika tetap kosong, beri tahu pengelola situs.',
      tileSourceFailedOffline: 'Ubin peta tidak dapat dimuat, jadi peta bisa kosong. Periksa koneksi internet, lalu muat ulang halaman.',
      reportsFailed: 'Formulir laporan gagal dimuat. Periksa koneksi internet, lalu tekan tombol laporan lagi.',
    },
    en: {
      pageTitle: 'Map of Badung Regency',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      close: 'Close',
      tilesFailed: 'The map tiles could not be loaded, so the map may be empty. The map will try again by itself; if it stays empty, reload the page or tell the site operator.',
      tilesFailedOffline: 'The map tiles could not be loaded, so the map may be empty. The map will try again by itself; check the internet connection.',
      tileSourceFailed: 'The map tiles could not be loaded, so the map may be empty. Reload the page; if it stays empty, tell the site operator.',
      tileSourceFailedOffline: 'The map tiles could not be loaded, so the map may be empty. Check the internet connection, then reload the page.',
      reportsFailed: 'The report form failed to load. Check the internet connection, then press the report button again.',
    },
  };
  // How long the finder, the report modules and the layers' GeoJSON wait for
  // the first complete frame before they start anyway, so a slow tile
  // server delays them by at most this much.
  const addOnWaitMs = 3000;

  const listeners = new Map(events.map((name) => [name, new Set()]));
  let module = null;
  let readyDone = false;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Callers that never await ready should not see an unhandled rejection.
  ready.catch(() => {});

  // Loading state: the ready promise waits for all of these.
  const loading = {
    catalogDone: false, fontDone: false, tilesDone: false, addOnsDone: false, pendingLayers: 0, failedLayers: [],
    tilesError: null,
  };

  function emit(name, payload) {
    for (const handler of listeners.get(name)) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`badungMap: a '${name}' handler threw:`, error);
      }
    }
  }

  function requireModule() {
    if (!module) {
      throw new Error('badungMap is not started yet: await badungMap.ready first');
    }
    return module;
  }

  function requireFinite(value, name) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`${name} must be a finite number, got ${shown(value)}`);
    }
    return value;
  }

  // Formats a value for an error message: NaN and Infinity as numbers,
  // strings quoted.
  function shown(value) {
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value) ?? String(value);
  }

  // A longitude or latitude in degrees from -bound to bound.
  function requireCoordinate(value, name, bound) {
    requireFinite(value, name);
    if (value < -bound || value > bound) {
      throw new RangeError(`${name} must be from -${bound} to ${bound} degrees, got ${value}`);
    }
    return value;
  }

  // The {lon, lat, zoom} of setView or flyTo with missing fields taken from
  // the current view; a misspelt or unsupported key throws, so it is not
  // silently ignored.
  function requireView(view, method) {
    if (view === null || typeof view !== 'object' || Array.isArray(view)) {
      throw new TypeError(`${method} needs an object {lon, lat, zoom}, got ${shown(view)}`);
    }
    const unknown = Object.keys(view).filter((key) => !viewKeys.includes(key));
    if (unknown.length > 0) {
      const names = unknown.map((key) => `'${key}'`).join(', ');
      throw new TypeError(`${method}: unknown field${unknown.length > 1 ? 's' : ''} ${names}; `
        + `the fields are ${viewKeys.join(', ')}`);
    }
    const current = api.getView();
    return {
      lon: view.lon === undefined ? current.lon : requireFinite(view.lon, 'lon'),
      lat: view.lat === undefined ? current.lat : requireFinite(view.lat, 'lat'),
      zoom: view.zoom === undefined ? current.zoom : requireFinite(view.zoom, 'zoom'),
    };
  }

  function knownLayerIds() {
    return JSON.parse(requireModule().layers()).map((layer) => layer.id);
  }

  // ---- Reports (shell/reports) -------------------------------------------

  // The report outbox and form live in their own modules. They are imported
  // once the first view is drawn and the page is idle, or earlier when a
  // report member is called, so they do not delay the first view.
  let resolveModuleLoaded;
  let rejectModuleLoaded;
  const moduleLoaded = new Promise((resolve, reject) => {
    resolveModuleLoaded = resolve;
    rejectModuleLoaded = reject;
  });
  moduleLoaded.catch(() => {});
  const scriptUrl = document.currentScript ? document.currentScript.src : window.location.href;
  let reportsStarted = null;

  // A failed import is forgotten, so the next call tries again.
  function reports() {
    if (!reportsStarted) {
      reportsStarted = import(new URL('reports/reports.js', scriptUrl).href)
        .then((reportsModule) => reportsModule.startReports({ api, config, moduleLoaded, canvasSelector }));
      reportsStarted.catch((error) => {
        reportsStarted = null;
        console.error(`badungMap: citizen reports are unavailable: ${error.message}`);
      });
    }
    return reportsStarted;
  }

  // Opens the report form for the panel's button, or shows a notice when
  // the report modules failed to load.
  function openReportFormFromPanel() {
    api.openReportForm().catch(() => showNotice('reportsFailed'));
  }

  // ---- Public API ---------------------------------------------------------

  // Placeholders for the finder's members, which shell/finder.js adds once
  // the module has started. Until then they throw like every other member.
  // A page without the finder (embed.html) loses them once the add-ons have
  // started, so a caller can test typeof api.search.
  const finderMembers = ['search', 'nearest', 'nearestByKind', 'locate', 'within'];
  const notStarted = () => {
    requireModule();
    throw new Error('the finder is not started yet: await badungMap.ready first');
  };

  const api = {
    // Resolves (with {failedLayers, tilesError}) after the first frame that
    // shows every catalog layer; rejects when WebGL2, the module or the
    // catalog fails.
    ready,

    search: notStarted,
    nearest: notStarted,
    nearestByKind: notStarted,
    locate: notStarted,
    within: notStarted,

    // Moves the view; missing fields keep their current value. Zoom levels
    // follow MapLibre GL JS (512-pixel tiles).
    setView(view) {
      const { lon, lat, zoom } = requireView(view, 'setView');
      requireModule().setView(lon, lat, zoom);
    },

    // {lon, lat, zoom} of the map centre.
    getView() {
      const view = JSON.parse(requireModule().getView());
      return { lon: view.lon, lat: view.lat, zoom: view.zoom };
    },

    // [{id, title, visible, state}] in catalog order; title follows the language.
    layers() {
      return JSON.parse(requireModule().layers()).map((layer) => ({
        id: layer.id,
        title: layer.title,
        visible: layer.visible,
        state: layer.state,
        ...(layer.error === undefined ? {} : { error: layer.error }),
        color: layer.color,
      }));
    },

    setLayerVisible(id, on) {
      if (typeof id !== 'string') {
        throw new TypeError(`the layer id must be a string such as 'sekolah', got ${shown(id)}`);
      }
      if (typeof on !== 'boolean') {
        throw new TypeError(`setLayerVisible('${id}', on): on must be true or false, got ${shown(on)}`);
      }
      if (!requireModule().setLayerVisible(id, on)) {
        throw new Error(`unknown layer '${id}': use one of ${knownLayerIds().join(', ')}`);
      }
    },

    // The feature at a canvas point in CSS pixels: {layer, id, properties} or null.
    pick(x, y) {
      return JSON.parse(requireModule().pick(requireFinite(x, 'x'), requireFinite(y, 'y')));
    },

    // Canvas CSS pixel {x, y} of a position. Web Mercator has no point for
    // a latitude beyond about 85.05 degrees, so such a latitude throws.
    project(lon, lat) {
      requireCoordinate(lon, 'lon', 180);
      requireCoordinate(lat, 'lat', maxMercatorLatitude);
      return JSON.parse(requireModule().project(lon, lat));
    },

    setLanguage(code) {
      if (!requireModule().setLanguage(String(code))) {
        throw new Error(`unsupported language '${code}': use 'id' or 'en'`);
      }
    },

    language() {
      return requireModule().language();
    },

    // Citizen reports (docs/js-api.md): the Open311 services, a report
    // checked by the core and moved into the outbox, and the outbox's items.
    services: () => reports().then((r) => r.services()),
    submitReport: (fields, options) => reports().then((r) => r.submitReport(fields, options)),
    outbox: () => reports().then((r) => r.outbox()),

    // Subscribes to 'ready', 'select', 'viewchange' or 'languagechange';
    // returns a function that unsubscribes. A 'ready' handler added after
    // the map is ready runs at once.
    on(name, handler) {
      if (!listeners.has(name)) {
        throw new Error(`unknown event '${name}': use one of ${events.join(', ')}`);
      }
      if (typeof handler !== 'function') {
        throw new TypeError(`the handler for '${name}' must be a function`);
      }
      listeners.get(name).add(handler);
      if (name === 'ready' && readyDone) {
        ready.then(handler);
      }
      return () => listeners.get(name).delete(handler);
    },

    // Opens the report form beside the map.
    openReportForm: () => reports().then((r) => r.openReportForm()),

    // Frames drawn so far (the map draws only when something changed).
    frameCount() {
      return requireModule().frameCount();
    },

    // Flies to a view ({lon, lat, zoom}, missing fields kept) along a
    // smooth zoom-out-and-in path.
    flyTo(view) {
      const { lon, lat, zoom } = requireView(view, 'flyTo');
      requireModule().flyTo(lon, lat, zoom);
    },

    // The features drawn at a canvas point (CSS pixels), from the vector
    // tiles: [{layer, id, properties, tile}], topmost layer first.
    // A point outside the canvas has none.
    renderedFeatures(x, y) {
      requireFinite(x, 'x');
      requireFinite(y, 'y');
      const canvas = document.querySelector(canvasSelector);
      if (x < 0 || y < 0 || x >= canvas.clientWidth || y >= canvas.clientHeight) return [];
      return JSON.parse(requireModule().renderedFeatures(x, y));
    },

    // The labels drawn in the view: [{text, layer, x, y, width, height}],
    // boxes in CSS pixels (top-left corner and size).
    renderedLabels() {
      return JSON.parse(requireModule().renderedLabels());
    },

    // The cached vector tiles: [{z, x, y, state, wanted, drawn, bytes}].
    loadedTiles() {
      return JSON.parse(requireModule().loadedTiles());
    },

    // Resolves after the next frame that shows every tile the view needs
    // with no animation running.
    idle() {
      requireModule();
      return new Promise((resolve) => {
        const off = api.on('frame', (frame) => {
          if (frame.complete && !frame.moving) {
            off();
            resolve(frame);
          }
        });
        module.redraw();
      });
    },
  };
  window.badungMap = api;

  // ---- Shell: progress, failure, controls ---------------------------------

  const progressBar = document.getElementById('loading-progress');

  function setProgress(fraction) {
    if (progressBar) progressBar.value = Math.max(0, Math.min(1, fraction));
  }

  function fail(messageId, messageEn, detail) {
    const box = document.getElementById('failure');
    if (box) {
      document.getElementById('failure-id').textContent = messageId;
      document.getElementById('failure-en').textContent = messageEn;
      document.getElementById('failure-detail').textContent = detail || '';
      box.hidden = false;
    }
    const loadingBox = document.getElementById('loading');
    if (loadingBox) loadingBox.classList.add('done');
    rejectReady(new Error(detail ? `${messageEn} (${detail})` : messageEn));
  }

  // The base credits first, then each distinct catalog attribution; a base
  // credit that a catalog attribution already names is left out.
  function showAttribution(catalog) {
    const fromCatalog = [];
    for (const layer of catalog.layers) {
      if (typeof layer.attribution === 'string' && layer.attribution && !fromCatalog.includes(layer.attribution)) {
        fromCatalog.push(layer.attribution);
      }
    }
    const base = baseAttribution
      .filter((credit) => !fromCatalog.some((text) => text.includes(credit.names)))
      .map((credit) => credit.text);
    const parts = [...base, ...fromCatalog];
    const box = document.getElementById('attribution');
    if (!box) return;
    box.textContent = parts.join(' · ');
    // Panels at the bottom right (the report form) end above the credits,
    // however many lines they wrap to.
    const keepHeight = () => document.documentElement.style.setProperty('--attribution-height', `${box.offsetHeight}px`);
    keepHeight();
    if (typeof ResizeObserver === 'function') new ResizeObserver(keepHeight).observe(box);
  }

  function updateControls(language) {
    const text = uiText[language] || uiText.id;
    for (const [id, key] of [['zoom-in', 'zoomIn'], ['zoom-out', 'zoomOut']]) {
      const button = document.getElementById(id);
      if (button) {
        button.title = text[key];
        button.setAttribute('aria-label', text[key]);
      }
    }
    document.documentElement.lang = language;
    document.title = text.pageTitle;
  }

  // ---- Notices: problems that leave the map usable ------------------------

  // Keys of uiText shown in the notice box, newest last.
  const notices = [];

  // The text of a notice. A failed load names the internet connection only
  // while the browser reports itself offline, because a blocked URL or a
  // server error fails the same way and a working connection is no fix.
  function noticeText(text, key) {
    const offlineKey = `${key}Offline`;
    return navigator.onLine === false && text[offlineKey] ? text[offlineKey] : text[key];
  }

  function renderNotices() {
    const box = document.getElementById('map-notice');
    if (!box) return;
    const text = uiText[document.documentElement.lang] || uiText.id;
    box.querySelector('p').textContent = notices.map((key) => noticeText(text, key)).join(' ');
    box.querySelector('button').textContent = text.close;
    box.hidden = notices.length === 0;
  }

  function hideNotice(key) {
    const at = notices.indexOf(key);
    if (at < 0) return;
    notices.splice(at, 1);
    renderNotices();
  }

  // Shows a non-blocking message below the map's centre until it is closed.
  function showNotice(key) {
    if (!notices.includes(key)) notices.push(key);
    let box = document.getElementById('map-notice');
    if (!box) {
      box = document.createElement('div');
      box.id = 'map-notice';
      box.setAttribute('role', 'alert');
      const close = document.createElement('button');
      close.type = 'button';
      close.addEventListener('click', () => {
        notices.length = 0;
        renderNotices();
      });
      box.append(document.createElement('p'), close);
      document.body.append(box);
      api.on('languagechange', renderNotices);
      window.addEventListener('online', renderNotices);
      window.addEventListener('offline', renderNotices);
    }
    renderNotices();
  }

  // The first error of a tile the view needs, or of the TileJSON; null when
  // every tile of the view loaded.
  function tilesError() {
    if (loading.tilesError) return loading.tilesError;
    if (!module) return null;
    const failed = api.loadedTiles().filter((tile) => tile.wanted && tile.state === 'failed');
    if (failed.length === 0) return null;
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more tiles)` : '';
    return `${failed[0].error}${more}`;
  }

  // Restores the language the user chose on an earlier visit and stores
  // each new choice. Storage may be unavailable (private mode, blocked
  // cookies): then the page starts in Bahasa Indonesia, as before.
  const languageKey = 'badung-language';

  function rememberLanguage() {
    try {
      const saved = window.localStorage.getItem(languageKey);
      if ((saved === 'id' || saved === 'en') && saved !== module.language()) module.setLanguage(saved);
    } catch (error) {
      console.warn(`badungMap: the saved language cannot be read: ${error.message}`);
    }
    api.on('languagechange', (language) => {
      try {
        window.localStorage.setItem(languageKey, language);
      } catch (error) {
        console.warn(`badungMap: the language choice cannot be saved: ${error.message}`);
      }
    });
  }

  function bindControls() {
    const zoomIn = document.getElementById('zoom-in');
    const zoomOut = document.getElementById('zoom-out');
    if (zoomIn) zoomIn.addEventListener('click', () => module.zoomBy(1));
    if (zoomOut) zoomOut.addEventListener('click', () => module.zoomBy(-1));
    api.on('languagechange', updateControls);
  }

  // ---- The Dear ImGui panel's neighbours -----------------------------------

  // HTML boxes that may lie below the panel, which must end above them.
  const boxesBelowPanel = ['#offline-panel'];

  const observedBoxes = new WeakSet();

  // The canvas y (CSS pixels) that the panel, spanning left..right on the
  // canvas, must end above; -1 when no shown box lies below it there.
  // The map reads it on each frame, and a box that changes size requests a
  // redraw.
  function panelFloor(left, right) {
    const canvas = document.querySelector(canvasSelector).getBoundingClientRect();
    let floor = -1;
    for (const selector of boxesBelowPanel) {
      const box = document.querySelector(selector);
      if (box && window.ResizeObserver && !observedBoxes.has(box)) {
        observedBoxes.add(box);
        new ResizeObserver(() => module?.redraw()).observe(box);
      }
      const rect = box && !box.hidden ? box.getBoundingClientRect() : null;
      if (!rect || rect.height === 0) continue;
      const overlaps = rect.left - canvas.left < right && rect.right - canvas.left > left;
      if (overlaps) floor = floor < 0 ? rect.top - canvas.top : Math.min(floor, rect.top - canvas.top);
    }
    return floor;
  }

  // ---- Loading ------------------------------------------------------------

  // Creates the map canvas's WebGL2 context now, while the module still
  // downloads, and returns whether that worked. This is the WebGL2 check:
  // a separate throw-away context would cost 150 to 260 ms with SwiftShader
  // (render benchmark). module.start then gets this context back from
  // getContext, which ignores the attributes of a second call, so they must
  // be the ones create_webgl2_context in web/app.cpp requests.
  function createContextEarly() {
    if (typeof window.WebGL2RenderingContext !== 'function') return false;
    const canvas = document.querySelector(canvasSelector);
    if (!canvas) return true; // module.start reports the missing canvas
    return Boolean(canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false }));
  }

  function failNoWebGL2(detail) {
    fail('Peramban ini tidak mendukung WebGL2, yang dibutuhkan peta. Gunakan versi terbaru Chrome, Firefox, Edge atau Safari, atau aktifkan akselerasi grafis.',
      'This browser does not support WebGL2, which the map needs. Use a current Chrome, Firefox, Edge or Safari, or turn on graphics acceleration.',
      detail);
  }

  // The response with its body counted into onProgress, when the server
  // sent Content-Length. A gzip'd response may report its compressed
  // length, so the fraction is capped at 1.
  function withProgress(response, onProgress) {
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total || typeof TransformStream !== 'function') return response;

    let received = 0;
    const counter = new TransformStream({
      transform(chunk, controller) {
        received += chunk.length;
        onProgress(Math.min(1, received / total));
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), { headers: response.headers });
  }

  // Compiles the module while its bytes still download, which needs the
  // media type application/wasm; with another type it reads the bytes whole
  // first. Resolves to {instance, module}.
  async function instantiateWasm(wasmRequest, imports) {
    const response = await wasmRequest;
    if (!response.ok) {
      throw new Error(`badung-map.wasm: HTTP ${response.status} ${response.statusText}`);
    }
    const counted = withProgress(response, (fraction) => setProgress(0.6 * fraction));
    const type = (response.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
      return WebAssembly.instantiateStreaming(counted, imports);
    }
    return WebAssembly.instantiate(await counted.arrayBuffer(), imports);
  }

  // Runs the Emscripten factory with the module compiled from wasmRequest.
  // The factory's own promise never settles when instantiation fails, so
  // that failure rejects here instead.
  function createModule(wasmRequest) {
    return new Promise((resolve, reject) => {
      window.createBadungMapModule({
        instantiateWasm(imports, receiveInstance) {
          instantiateWasm(wasmRequest, imports)
            .then((result) => receiveInstance(result.instance, result.module))
            .catch(reject);
          return {};
        },
      }).then(resolve, reject);
    });
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${src} could not be loaded`));
      document.head.appendChild(script);
    });
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) {
      throw Object.assign(new Error(`${url}: HTTP ${response.status} ${response.statusText}`), { status: response.status });
    }
    return response.json();
  }

  // True for a failed fetch that may succeed later: no response at all
  // (fetch rejects with a TypeError), 408, 429 or a server error.
  function isTransient(error) {
    if (error.status === undefined) return error.name === 'TypeError';
    return error.status === 408 || error.status === 429 || error.status >= 500;
  }

  function checkReady(allSettled) {
    if (readyDone || !allSettled) return;
    if (!loading.catalogDone || !loading.fontDone || !loading.tilesDone || !loading.addOnsDone) return;
    if (loading.pendingLayers > 0) return;
    readyDone = true;
    document.getElementById('loading')?.classList.add('done');
    const detail = { failedLayers: loading.failedLayers.slice(), tilesError: tilesError() };
    resolveReady(detail);
    emit('ready', detail);
  }

  async function loadLayer(entry, layerCount, onSettled) {
    const url = `${config.dataUrl}layers/${encodeURIComponent(entry.id)}.geojson`;
    try {
      const response = await fetch(url);
      if (!response.ok) {
        throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
      }
      const summary = JSON.parse(module.loadLayer(entry.id, await response.text()));
      if (summary.error) {
        throw new Error(summary.error);
      }
      if (summary.issues.length > 0) {
        console.warn(`badungMap: layer '${entry.id}' dropped or repaired features:`, summary.issues);
      }
    } catch (error) {
      const message = String((error && error.message) || error);
      module.failLayer(entry.id, message);
      loading.failedLayers.push({ id: entry.id, error: message });
      console.error(`badungMap: layer '${entry.id}' failed to load: ${message}`);
    } finally {
      onSettled();
    }
  }

  // Hands the map style to the app; without it the built-in colours stay.
  function styleUrl() {
    return config.styleUrl || `${config.apiUrl}/styles/badung.json`;
  }

  async function loadStyle(styleRequest) {
    const url = styleUrl();
    try {
      const response = await styleRequest;
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
      const result = JSON.parse(module.setStyle(await response.text()));
      if (result.error) throw new Error(`${url}: ${result.error}`);
      for (const diagnostic of result.diagnostics) {
        console.warn(`badungMap: style: ${diagnostic}`);
      }
    } catch (error) {
      console.warn(`badungMap: no map style, using the built-in colours: ${error.message}`);
    }
  }

  async function loadData(catalogRequest, styleRequest) {
    const [catalog] = await Promise.all([catalogRequest, loadStyle(styleRequest)]);
    if (!catalog || !Array.isArray(catalog.layers)) {
      throw new Error(`${config.dataUrl}catalog.json has no "layers" array`);
    }
    showAttribution(catalog);

    const entries = catalog.layers.filter((entry) => entry && typeof entry.id === 'string');
    for (const entry of entries) {
      const title = entry.title || {};
      module.addLayer(entry.id, String(title.id || entry.id), String(title.en || title.id || entry.id),
        String(entry.geometry_type || ''), String(entry.category || ''), String(entry.name_property || 'name'));
    }
    loading.pendingLayers = entries.length;
    loading.catalogDone = true;

    // The map draws from the tiles; the GeoJSON layers (for picking and
    // search) wait until the first view is drawn, so they do not delay it.
    await firstViewOrTimeout;

    let settled = 0;
    await Promise.all(entries.map((entry) => loadLayer(entry, entries.length, () => {
      settled += 1;
      loading.pendingLayers -= 1;
      setProgress(0.6 + 0.4 * (settled / Math.max(1, entries.length)));
    })));
  }

  // Downloads the UI font at once and hands it to the map after the first
  // view is drawn, because building the panel's font atlas takes a while.
  async function loadFont() {
    // The panel appears once the UI font is set, so without the font it stays hidden.
    if (config.panel === false) {
      loading.fontDone = true;
      return;
    }
    try {
      const response = await fetch('fonts/NotoSans-Regular.ttf');
      if (!response.ok) throw new Error(`fonts/NotoSans-Regular.ttf: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await firstViewOrTimeout;
      module.loadFont(bytes);
    } catch (error) {
      console.error(`badungMap: the UI font failed to load, so the panel stays hidden: ${error.message}`);
    } finally {
      loading.fontDone = true;
    }
  }

  // The absolute tile URL template of a TileJSON document.
  function tileTemplate(tilejson) {
    const template = Array.isArray(tilejson.tiles) && tilejson.tiles[0];
    if (typeof template !== 'string') {
      throw new Error(`${config.tilesUrl} has no "tiles" URL template`);
    }
    return new URL(template, new URL(config.tilesUrl, window.location.href)).href
      .replace(/%7B/g, '{').replace(/%7D/g, '}');
  }

  // The vector tiles the map draws from; the GeoJSON layers serve picking
  // and search.
  async function loadTiles(tilejsonRequest) {
    try {
      setTileSource(await tilejsonRequest);
    } catch (error) {
      console.error(`badungMap: the vector tiles are not available, so the map stays empty: ${error.message}`);
      loading.tilesError = error.message;
      const transient = isTransient(error);
      showNotice(transient ? 'tilesFailed' : 'tileSourceFailed');
      if (transient) retryTileSource(1);
      drewFirstView();
    } finally {
      loading.tilesDone = true;
    }
  }

  function setTileSource(tilejson) {
    module.setTileSource(tileTemplate(tilejson), Number(tilejson.minzoom ?? 0), Number(tilejson.maxzoom ?? 22));
  }

  // Fetches a TileJSON that failed for a transient reason again, after 1 s
  // doubling up to 30 s (as the map retries tiles), and at once when the
  // browser goes back online. The notice goes once the map has its tiles.
  function retryTileSource(attempt) {
    const run = () => {
      clearTimeout(timer);
      window.removeEventListener('online', run);
      fetchJson(config.tilesUrl).then((tilejson) => {
        setTileSource(tilejson);
        loading.tilesError = null;
        hideNotice('tilesFailed');
      }).catch((error) => {
        console.error(`badungMap: the vector tiles are still not available (attempt ${attempt + 1}): ${error.message}`);
        loading.tilesError = error.message;
        if (isTransient(error)) retryTileSource(attempt + 1);
        else showNotice('tileSourceFailed');
      });
    };
    const timer = setTimeout(run, Math.min(1000 * 2 ** (attempt - 1), 30000));
    window.addEventListener('online', run);
  }

  // Requests the tiles of the opening view before module.start, which
  // blocks while the GPU sets up (up to 400 ms with SwiftShader). The
  // map's own requests for them then come from the HTTP cache, or wait for
  // these, when the tile server allows caching (badung-cityd sends max-age).
  // Needs the TileJSON already downloaded; otherwise the map fetches alone.
  function prefetchOpeningTiles(tilejson) {
    const canvas = document.querySelector(canvasSelector);
    if (!tilejson || !canvas) return;
    try {
      const size = canvas.getBoundingClientRect();
      const urls = JSON.parse(module.openingTileUrls(size.width, size.height, tileTemplate(tilejson),
        Number(tilejson.minzoom ?? 0), Number(tilejson.maxzoom ?? 22)));
      // A hung request must not hold a connection longer than the map's own
      // request for the tile, which gives up after 15 s (web/tiles/tile_fetch.cpp).
      for (const url of urls) {
        fetch(url, { signal: AbortSignal.timeout(15000) }).then((response) => response.arrayBuffer()).catch(() => {});
      }
    } catch (error) {
      // loadTiles reports a bad TileJSON.
    }
  }

  // Resolves once a frame shows every tile of the first view (or the tiles
  // are unavailable). The loading screen goes then, because the map is
  // drawn, and work the first view does not need starts when the page is idle.
  let drewFirstView;
  const firstViewDrawn = new Promise((resolve) => { drewFirstView = resolve; });
  const offFirstFrame = api.on('frame', (frame) => {
    if (frame.complete) {
      offFirstFrame();
      drewFirstView();
    }
  });
  firstViewDrawn.then(() => {
    document.getElementById('loading')?.classList.add('done');
    // The map fetches failed tiles again (web/tiles/tile_pyramid.cpp), so
    // the notice shows while a complete frame lacks tiles and goes once one
    // has them all. A missing TileJSON has its own notice (loadTiles).
    let tilesFailing = false;
    const update = (failing) => {
      if (failing && !tilesFailing) showNotice('tilesFailed');
      if (!failing && tilesFailing) hideNotice('tilesFailed');
      tilesFailing = failing;
    };
    if (!loading.tilesError) update(Boolean(tilesError()));
    api.on('frame', (frame) => {
      if (frame.complete && !loading.tilesError) update(frame.failedTiles > 0);
    });
  });

  // Work the first view does not need starts after that view, or after
  // addOnWaitMs when the tiles are slow, whichever comes first.
  const firstViewOrTimeout = Promise.race([
    firstViewDrawn,
    new Promise((resolve) => { setTimeout(resolve, addOnWaitMs); }),
  ]);
  if (config.reports !== false) firstViewOrTimeout.then(() => whenIdle(reports));

  function whenIdle(callback) {
    if (typeof window.requestIdleCallback === 'function') {
      window.requestIdleCallback(() => callback(), { timeout: 2000 });
    } else {
      setTimeout(callback, 0);
    }
  }

  // Requests the first view needs, started before the module has loaded so
  // that they download in parallel (index.html also preloads the TileJSON).
  // Aborting wasmSignal stops the module's download.
  function startRequests(wasmSignal) {
    const requests = {
      wasm: fetch('badung-map.wasm', { signal: wasmSignal }),
      tilejson: fetchJson(config.tilesUrl),
      catalog: fetchJson(`${config.dataUrl}catalog.json`),
      style: fetch(styleUrl()),
    };
    for (const request of Object.values(requests)) request.catch(() => {});
    return requests;
  }

  async function start() {
    const wasmDownload = new AbortController();
    const requests = startRequests(wasmDownload.signal);
    let arrivedTilejson = null;
    requests.tilejson.then((tilejson) => { arrivedTilejson = tilejson; }, () => {});

    // Without WebGL2 the module is of no use: its download stops and the
    // glue script is never requested.
    if (!createContextEarly()) {
      wasmDownload.abort();
      failNoWebGL2();
      rejectModuleLoaded(new Error('the map module was not loaded: no WebGL2'));
      return;
    }

    try {
      await loadScript('badung-map.js');
      module = await createModule(requests.wasm);
      resolveModuleLoaded(module);
    } catch (error) {
      rejectModuleLoaded(error);
      fail('Modul peta gagal dimuat. Periksa koneksi lalu muat ulang halaman.',
        'The map module failed to load. Check the connection and reload the page.', error.message);
      return;
    }

    module.badungEmit = (name, json) => {
      if (!listeners.has(name)) return;
      const payload = JSON.parse(json);
      // 'viewchange' carries what getView() returns.
      emit(name, name === 'viewchange' ? { lon: payload.lon, lat: payload.lat, zoom: payload.zoom } : payload);
    };
    module.badungFrameDrawn = checkReady;
    // The panel's report button, pressed before the report modules have
    // loaded, loads them and opens the form. reports.js replaces this once
    // it has started.
    module.badungOpenReportForm = openReportFormFromPanel;
    module.badungPanelChanged = (open) => document.body.classList.toggle('panel-open', open);
    module.badungPanelFloor = panelFloor;

    prefetchOpeningTiles(arrivedTilejson);
    const startError = module.start(canvasSelector);
    if (startError) {
      module = null;
      if (startError.startsWith('WebGL2 is not available')) {
        failNoWebGL2(startError);
      } else {
        fail('Peta tidak dapat dimulai pada peramban ini.',
          'The map could not start in this browser.', startError);
      }
      return;
    }
    bindControls();
    if (config.rememberLanguage !== false) rememberLanguage();
    updateControls(module.language());

    // Add-ons (e.g. shell/finder.js) start with the module; ready waits for
    // them. They get firstViewOrTimeout as firstViewDrawn to hold back work
    // the first view does not need, so they may settle after every layer
    // has, and the frame that follows resolves ready.
    const addOns = (window.badungMapPlugins || []).map((plugin) => Promise.resolve()
      .then(() => plugin({ module, api, config, firstViewDrawn: firstViewOrTimeout }))
      .catch((error) => console.error(`badungMap: an add-on failed to start: ${error.message}`)));
    Promise.all(addOns).then(() => {
      for (const name of finderMembers) {
        if (api[name] === notStarted) delete api[name];
      }
      loading.addOnsDone = true;
      module?.redraw();
    });

    // An embedding page may resize the canvas without a window resize.
    if (window.ResizeObserver) {
      new ResizeObserver(() => module.redraw()).observe(document.querySelector(canvasSelector));
    }

    try {
      await Promise.all([loadFont(), loadTiles(requests.tilejson), loadData(requests.catalog, requests.style), ...addOns]);
    } catch (error) {
      fail('Katalog data peta gagal dimuat.', 'The map data catalog failed to load.', error.message);
      return;
    }
    // One more frame, so that a frame with every layer settled follows the
    // last hand-over even when no layer changed what is drawn.
    module.redraw();
  }

  // The page puts this script after the canvas, so it starts at once instead
  // of waiting for DOMContentLoaded, which waits for every deferred and module
  // script. A page that loads it before the canvas starts on that event.
  if (document.querySelector(canvasSelector)) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}());
