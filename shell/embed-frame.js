// The map page's side of the embed protocol (docs/embed.md): reads the
// element's settings from the page URL, runs the method calls that the
// embedding page posts and replies to them, and posts map events back to it. It builds on
// window.badungMap and talks only to the parent window at the origin the
// page was created for.
//
// Messages, all carrying {protocol: 'badung-map', version: 1}:
//   parent to map: {type: 'call', id, method, params}
//   map to parent: {type: 'reply', id, ok, result | error: {code, message}}
//                  {type: 'event', name, data}
(function () {
  'use strict';

  const protocol = 'badung-map';
  const version = 1;
  const basemapCategory = 'peta-dasar';
  const attributionCorners = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
  const settingNames = ['center', 'zoom', 'layers', 'lang', 'interactive', 'attribution'];

  // The map page inside a frame shows no panel: the map is the whole page.
  window.badungMapConfig = Object.assign({}, window.badungMapConfig, { panel: false, reports: false, rememberLanguage: false });

  const pageParams = new URLSearchParams(window.location.search);
  let parentOrigin = null;
  let gestures = null;
  let markers = null;
  let catalog = null;

  // An Error with a protocol error code.
  function protocolError(code, message) {
    const error = new Error(message);
    error.code = code;
    return error;
  }

  // The origin of the page that created this frame: the `origin` parameter
  // embed.js sets, checked against the real parent where the browser reports
  // it (location.ancestorOrigins). Null when the page is not in a frame.
  function embeddingOrigin() {
    if (window.parent === window) return null;
    const claimed = pageParams.get('origin');
    let valid = false;
    try {
      const url = new URL(claimed);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === claimed;
    } catch (error) {
      valid = false;
    }
    if (!valid) {
      throw new Error(`origin parameter ${JSON.stringify(claimed)} is not an http(s) origin; load the map through embed.js`);
    }
    const ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length > 0 && ancestors[0] !== claimed) {
      throw new Error(`this map is framed by ${ancestors[0]}, not by ${claimed}`);
    }
    return claimed;
  }

  function post(message) {
    if (!parentOrigin) return;
    window.parent.postMessage(Object.assign({ protocol, version }, message), parentOrigin);
  }

  function postEvent(name, data) {
    post({ type: 'event', name, data: data === undefined ? null : data });
  }

  function reportSettingError(message) {
    console.warn(`badung-map embed: ${message}`);
    postEvent('error', { code: 'invalid_attribute', message });
  }

  // ---- Settings (the element's attributes) -------------------------------

  function parseCenter(text) {
    const parts = String(text).split(',').map((part) => Number(part.trim()));
    const [lon, lat] = parts;
    if (parts.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new Error(`center ${JSON.stringify(text)} is invalid; write lon,lat in degrees, such as 115.17,-8.72`);
    }
    return { lon, lat };
  }

  // The map's zoom range (view_min_zoom and view_max_zoom in web/app.cpp).
  // The map would clamp a zoom outside it, so the attribute rejects one.
  const minZoom = 7;
  const maxZoom = 20;

  function parseZoom(text) {
    const zoom = Number(String(text).trim());
    if (String(text).trim() === '' || !Number.isFinite(zoom) || zoom < minZoom || zoom > maxZoom) {
      throw new Error(`zoom ${JSON.stringify(text)} is invalid; write a number from ${minZoom} to ${maxZoom}`);
    }
    return zoom;
  }

  function parseInteractive(text) {
    const value = String(text).trim().toLowerCase();
    if (['', 'true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    throw new Error(`interactive ${JSON.stringify(text)} is invalid; write true or false`);
  }

  // Shows the listed layers and the base map, and hides every other layer.
  // Unknown ids are reported; the known ones still apply.
  function applyLayers(text) {
    const wanted = String(text).split(',').map((id) => id.trim()).filter(Boolean);
    const layers = window.badungMap.layers();
    const known = new Set(layers.map((layer) => layer.id));
    const categories = new Map((catalog ? catalog.layers : []).map((entry) => [entry.id, entry.category]));
    for (const layer of layers) {
      const visible = wanted.includes(layer.id) || categories.get(layer.id) === basemapCategory;
      if (layer.visible !== visible) window.badungMap.setLayerVisible(layer.id, visible);
    }
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const choices = layers.filter((layer) => categories.get(layer.id) !== basemapCategory).map((layer) => layer.id);
      throw new Error(`layers ${unknown.map((id) => `'${id}'`).join(', ')} unknown; use ids of ${choices.join(', ')}`);
    }
  }

  function applyLanguage(text) {
    const code = String(text).trim();
    window.badungMap.setLanguage(code);
    gestures.setLanguage(window.badungMap.language());
  }

  function applyAttribution(text) {
    const corner = String(text).trim().toLowerCase() || 'bottom-right';
    if (!attributionCorners.includes(corner)) {
      throw new Error(`attribution ${JSON.stringify(text)} is invalid; use one of ${attributionCorners.join(', ')}`);
    }
    document.body.dataset.attribution = corner;
  }

  // Applies element settings {name: attribute text}; null means the
  // attribute was removed. Returns the list of error messages.
  function applySettings(settings) {
    const errors = [];
    const attempt = (step) => {
      try {
        step();
      } catch (error) {
        errors.push(error.message);
      }
    };
    const has = (name) => Object.prototype.hasOwnProperty.call(settings, name) && settings[name] !== null;

    if (has('lang')) attempt(() => applyLanguage(settings.lang));
    if (has('layers')) attempt(() => applyLayers(settings.layers));
    if ('interactive' in settings) attempt(() => gestures.setInteractive(has('interactive') ? parseInteractive(settings.interactive) : true));
    if ('attribution' in settings) attempt(() => applyAttribution(has('attribution') ? settings.attribution : ''));

    const view = {};
    if (has('center')) attempt(() => Object.assign(view, parseCenter(settings.center)));
    if (has('zoom')) attempt(() => { view.zoom = parseZoom(settings.zoom); });
    if (Object.keys(view).length > 0) window.badungMap.setView(view);
    return errors;
  }

  function settingsFromPage() {
    const settings = {};
    for (const name of settingNames) {
      if (pageParams.has(name)) settings[name] = pageParams.get(name);
    }
    return settings;
  }

  // ---- Methods -------------------------------------------------------------

  function currentView() {
    const view = window.badungMap.getView();
    const canvas = document.getElementById('map');
    return Object.assign(view, { width: canvas.clientWidth, height: canvas.clientHeight });
  }

  function requireObject(params, method) {
    if (!params || typeof params !== 'object' || Array.isArray(params)) {
      throw protocolError('invalid_params', `${method} needs an object of parameters`);
    }
    return params;
  }

  // Every [lon, lat] of a GeoJSON geometry.
  function positionsOf(geometry) {
    const positions = [];
    const walk = (value) => {
      if (Array.isArray(value) && typeof value[0] === 'number') positions.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
    };
    if (geometry && geometry.type === 'GeometryCollection') geometry.geometries.forEach((part) => walk(part.coordinates));
    else if (geometry) walk(geometry.coordinates);
    return positions;
  }

  // Zoom (512-pixel tiles) at which a bbox fills the canvas less padding.
  function zoomToFit(west, south, east, north) {
    const canvas = document.getElementById('map');
    const padding = 32;
    const mercatorY = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI);
    const width = Math.max(1, canvas.clientWidth - 2 * padding);
    const height = Math.max(1, canvas.clientHeight - 2 * padding);
    const spanX = Math.max(1e-9, (east - west) / 360);
    const spanY = Math.max(1e-9, mercatorY(north) - mercatorY(south));
    return Math.min(Math.log2(width / (512 * spanX)), Math.log2(height / (512 * spanY)), 18);
  }

  async function fetchFeature(layer, id) {
    const url = `collections/${encodeURIComponent(layer)}/items/${encodeURIComponent(id)}?f=json`;
    const response = await fetch(url, { headers: { Accept: 'application/geo+json' } });
    if (response.status === 404) {
      throw protocolError('not_found', `feature '${id}' not found in layer '${layer}'`);
    }
    if (!response.ok) {
      throw protocolError('failed', `${url}: HTTP ${response.status}`);
    }
    return response.json();
  }

  // Centres the map on a feature, zoomed to fit it (or to `zoom`), and
  // selects it as a click would when it is drawn at its anchor point.
  async function showFeature(params) {
    const { layer, id, zoom } = requireObject(params, 'showFeature');
    if (typeof layer !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
      throw protocolError('invalid_params', 'showFeature needs {layer: string, id: string or number}');
    }
    if (zoom !== undefined && (typeof zoom !== 'number' || !Number.isFinite(zoom))) {
      throw protocolError('invalid_params', `zoom ${JSON.stringify(zoom)} is not a finite number`);
    }

    if (layer === 'markers') {
      const marker = markers.find(id);
      if (!marker) throw protocolError('not_found', `no marker with id '${id}'`);
      window.badungMap.setView({ lon: marker.position[0], lat: marker.position[1], zoom: zoom ?? Math.max(16, window.badungMap.getView().zoom) });
      return Object.assign(marker, { selected: false });
    }
    if (!window.badungMap.layers().some((entry) => entry.id === layer)) {
      throw protocolError('not_found', `layer '${layer}' not found; use one of ${window.badungMap.layers().map((entry) => entry.id).join(', ')}`);
    }

    const feature = await fetchFeature(layer, id);
    const positions = positionsOf(feature.geometry);
    if (positions.length === 0) throw protocolError('not_found', `feature '${id}' of layer '${layer}' has no geometry`);
    const lons = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const anchor = positions.length === 1 ? positions[0] : [(west + east) / 2, (south + north) / 2];
    const fitted = positions.length === 1 ? Math.max(16, window.badungMap.getView().zoom) : zoomToFit(west, south, east, north);
    window.badungMap.setView({ lon: anchor[0], lat: anchor[1], zoom: zoom ?? fitted });

    const point = window.badungMap.project(anchor[0], anchor[1]);
    const hit = window.badungMap.pick(point.x, point.y);
    const selected = Boolean(hit && hit.layer === layer && String(hit.id) === String(feature.id ?? id));
    if (selected) gestures.click(point.x, point.y);
    return { layer, id: feature.id ?? id, properties: feature.properties || {}, selected };
  }

  async function search(params) {
    const { query, options } = requireObject(params, 'search');
    if (typeof window.badungMap.search !== 'function') {
      throw protocolError('not_available',
        'the embedded map has no search, because it does not download the layers search needs; link to the full map for search');
    }
    if (typeof query !== 'string' || query.trim() === '') {
      throw protocolError('invalid_params', 'search needs a non-empty query string');
    }
    const results = await window.badungMap.search(query, options);
    return JSON.parse(JSON.stringify(results === undefined ? null : results));
  }

  const methods = {
    getView: () => currentView(),
    // Takes back what getView returns: its read-only width and height are
    // dropped, and any other unknown field is rejected by badungMap.setView.
    setView(params) {
      const { width, height, ...view } = requireObject(params, 'setView');
      window.badungMap.setView(view);
      return currentView();
    },
    showFeature,
    addMarkers: (params) => markers.add(requireObject(params, 'addMarkers').geojson),
    clearMarkers: () => markers.clear(),
    search,
    configure(params) {
      const settings = requireObject(params, 'configure');
      const unknown = Object.keys(settings).filter((name) => !settingNames.includes(name));
      if (unknown.length > 0) {
        throw protocolError('invalid_params', `unknown settings ${unknown.join(', ')}; use ${settingNames.join(', ')}`);
      }
      const errors = applySettings(settings);
      errors.forEach(reportSettingError);
      return { errors };
    },
  };

  // ---- Messages --------------------------------------------------------------

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // A call of this protocol, any version: the version is checked later so
  // that a caller of another version gets a clear reply.
  function isCall(data) {
    return isPlainObject(data) && data.protocol === protocol && data.type === 'call' &&
      Number.isSafeInteger(data.id) && typeof data.method === 'string' &&
      (data.params === undefined || isPlainObject(data.params));
  }

  async function answer(call) {
    const reply = { type: 'reply', id: call.id };
    try {
      if (call.version !== version) {
        throw protocolError('unsupported_version', `this map speaks protocol version ${version}, not ${JSON.stringify(call.version)}; load embed.js from the map server`);
      }
      if (!Object.prototype.hasOwnProperty.call(methods, call.method)) {
        throw protocolError('unknown_method', `unknown method '${call.method}'; use one of ${Object.keys(methods).join(', ')}`);
      }
      await window.badungMap.ready;
      reply.result = await methods[call.method](call.params || {});
      reply.ok = true;
    } catch (error) {
      const code = error.code || (error instanceof TypeError ? 'invalid_params' : 'failed');
      reply.ok = false;
      reply.error = { code, message: String((error && error.message) || error) };
    }
    post(reply);
  }

  function onMessage(event) {
    if (event.source !== window.parent || event.origin !== parentOrigin || !isCall(event.data)) return;
    answer(event.data);
  }

  // ---- Start -----------------------------------------------------------------

  function showFrameError(message) {
    const box = document.getElementById('failure');
    document.getElementById('failure-id').textContent = 'Peta ini hanya dapat ditampilkan melalui embed.js di situs mitra.';
    document.getElementById('failure-en').textContent = 'This map can only be shown through embed.js on a partner site.';
    document.getElementById('failure-detail').textContent = message;
    box.hidden = false;
  }

  async function start() {
    try {
      parentOrigin = embeddingOrigin();
    } catch (error) {
      console.error(`badung-map embed: ${error.message}`);
      showFrameError(error.message);
      return;
    }
    const map = window.badungMap;
    gestures = window.badungEmbed.gestures.install({
      canvas: document.getElementById('map'),
      hint: document.getElementById('embed-hint'),
      onEscape: () => postEvent('focusexit'),
    });
    markers = window.badungEmbed.markers.create({
      container: document.getElementById('embed-markers'),
      onSelect: (feature) => postEvent('select', feature),
    });
    window.addEventListener('message', onMessage);
    postEvent('connect', { version });

    let detail;
    try {
      detail = await map.ready;
      catalog = await (await fetch('data/catalog.json')).json();
    } catch (error) {
      postEvent('error', { code: 'map_failed', message: String(error.message || error) });
      return;
    }
    applySettings(settingsFromPage()).forEach(reportSettingError);
    document.body.classList.add('embed-ready');

    map.on('select', (feature) => postEvent('select', feature));
    map.on('viewchange', (view) => {
      markers.placeAll();
      postEvent('viewchange', currentView());
    });
    map.on('languagechange', (code) => postEvent('languagechange', code));
    postEvent('ready', {
      failedLayers: detail.failedLayers,
      view: currentView(),
      language: map.language(),
      layers: map.layers(),
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
