// <badung-map>: the Badung city map as a custom element for partner sites.
//
//   <script src="https://CITY-HOST/embed.js" async></script>
//   <badung-map center="115.17,-8.72" zoom="13" layers="sekolah,faskes"
//               lang="en" style="height:400px"></badung-map>
//
// The map runs in an iframe of the city server's /embed page, so neither
// page's CSS or scripts reach the other. The element and the frame talk
// through window.postMessage with the versioned protocol of docs/embed.md;
// each side accepts only messages from the other's window and origin.
(function () {
  'use strict';

  if (!window.customElements || window.customElements.get('badung-map')) return;

  const protocol = 'badung-map';
  const version = 1;
  const events = ['ready', 'select', 'viewchange', 'languagechange', 'error'];
  const settings = ['center', 'zoom', 'layers', 'lang', 'interactive', 'attribution'];
  const callTimeoutMs = 20000;
  // After the frame's load event, a frame that has not posted 'connect' by
  // then was rejected (not on the server's embed allow-list) or failed.
  const connectTimeoutMs = 5000;

  // The map server is where this script came from.
  const script = document.currentScript;
  const mapBase = new URL('.', script && script.src ? script.src : window.location.href);
  const mapOrigin = mapBase.origin;
  const labels = { id: 'Peta Kabupaten Badung', en: 'Map of Kabupaten Badung' };
  const notConnected = {
    id: 'Peta tidak dapat dimuat di situs ini.',
    en: 'The map cannot be loaded on this site.',
  };

  // Elements by the window of their frame, for routing messages.
  const frames = new Map();

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // The first NaN or Infinity in params as {path, value} (path such as
  // "lon" or "geojson.features[0].geometry.coordinates[1]"), or null. Calls
  // travel as JSON, which would turn such a number into null before the map
  // could name it. A cycle is left for JSON.stringify to reject.
  function findNonFinite(value, path, seen = new WeakSet()) {
    if (typeof value === 'number') return Number.isFinite(value) ? null : { path, value };
    if (value === null || typeof value !== 'object' || seen.has(value)) return null;
    seen.add(value);
    for (const [key, item] of Object.entries(value)) {
      const itemPath = Array.isArray(value) ? `${path}[${key}]` : (path ? `${path}.${key}` : key);
      const found = findNonFinite(item, itemPath, seen);
      if (found !== null) return found;
    }
    return null;
  }

  function isFrameMessage(data) {
    if (!isPlainObject(data) || data.protocol !== protocol || data.version !== version) return false;
    if (data.type === 'event') return typeof data.name === 'string';
    return data.type === 'reply' && Number.isSafeInteger(data.id) && typeof data.ok === 'boolean';
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== mapOrigin || !isFrameMessage(event.data)) return;
    const element = frames.get(event.source);
    if (element) element._receive(event.data);
  });

  function languageOf(element) {
    return /^en\b/i.test(element.getAttribute('lang') || '') ? 'en' : 'id';
  }

  class BadungMapElement extends HTMLElement {
    static get observedAttributes() {
      return [...settings, 'label'];
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: 'open' });
      this._root.innerHTML = '<style>' +
        ':host{display:block;position:relative;height:400px;min-height:100px;overflow:hidden;background:#a9cfe0}' +
        ':host([hidden]){display:none}' +
        'iframe{display:block;width:100%;height:100%;border:0}' +
        'p{position:absolute;inset:0;margin:0;padding:1em;font:14px sans-serif;color:#5a1a10;background:#fff7f5}' +
        '.exit{position:absolute;inset:0;pointer-events:none}' +
        '.exit:focus{outline:3px solid #1a56db;outline-offset:-3px}' +
        '</style>' +
        // Escape in the map moves focus here, so Tab continues after the map.
        '<span class="exit" tabindex="-1"></span>';
      this._exit = this._root.querySelector('.exit');
      this._listeners = new Map(events.map((name) => [name, new Set()]));
      this._pending = new Map();
      this._queue = [];
      this._changed = {};
      this._nextId = 1;
      this._ready = false;
    }

    connectedCallback() {
      if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
      this._label();
      if (!this._frame) this._open();
    }

    disconnectedCallback() {
      this._close(new Error('the <badung-map> element was removed from the page'));
    }

    attributeChangedCallback(name, before, after) {
      if (name === 'label' || name === 'lang') this._label();
      if (name === 'label' || before === after || !this._frame) return;
      // Changes made in one task go to the frame as one configure call.
      const first = Object.keys(this._changed).length === 0;
      this._changed[name] = after;
      if (first) {
        Promise.resolve().then(() => {
          const changed = this._changed;
          this._changed = {};
          this._call('configure', changed).catch(() => {});
        });
      }
    }

    // Subscribes to 'ready', 'select', 'viewchange', 'languagechange' or
    // 'error'; returns a function that unsubscribes.
    on(name, handler) {
      if (!this._listeners.has(name)) {
        throw new Error(`unknown event '${name}': use one of ${events.join(', ')}`);
      }
      if (typeof handler !== 'function') throw new TypeError(`the handler for '${name}' must be a function`);
      this._listeners.get(name).add(handler);
      if (name === 'ready' && this._ready) handler(this._readyData);
      return () => this._listeners.get(name).delete(handler);
    }

    setView(view) { return this._call('setView', view); }
    getView() { return this._call('getView', {}); }
    showFeature(layer, id, options) {
      const params = isPlainObject(layer) ? layer : Object.assign({}, options, { layer, id });
      return this._call('showFeature', params);
    }
    addMarkers(geojson) { return this._call('addMarkers', { geojson }); }
    clearMarkers() { return this._call('clearMarkers', {}); }
    search(query, options) { return this._call('search', { query, options }); }

    _label() {
      const label = this.getAttribute('label') || labels[languageOf(this)];
      if (this._frame) this._frame.title = label;
      if (!this.hasAttribute('aria-label') || this._ownAriaLabel) {
        this.setAttribute('aria-label', label);
        this._ownAriaLabel = true;
      }
    }

    _open() {
      const url = new URL('embed', mapBase);
      url.searchParams.set('origin', window.location.origin);
      for (const name of settings) {
        if (this.hasAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
      }
      const frame = document.createElement('iframe');
      frame.src = url.href;
      frame.loading = 'lazy';
      frame.referrerPolicy = 'origin';
      frame.allow = 'fullscreen';
      this._frame = frame;
      this._label();
      frame.addEventListener('load', () => {
        clearTimeout(this._connectTimer);
        if (!this._connected) {
          this._connectTimer = setTimeout(() => this._refused(), connectTimeoutMs);
        }
      });
      this._root.insertBefore(frame, this._exit);
      frames.set(frame.contentWindow, this);
    }

    _close(error) {
      clearTimeout(this._connectTimer);
      if (this._frame) {
        frames.delete(this._frame.contentWindow);
        this._frame.remove();
      }
      this._frame = null;
      this._connected = false;
      this._ready = false;
      this._failed = null;
      for (const call of this._queue) call.reject(error);
      this._queue = [];
      for (const [id, call] of this._pending) {
        clearTimeout(call.timer);
        call.reject(error);
        this._pending.delete(id);
      }
    }

    _refused() {
      const message = `the map at ${mapOrigin} did not respond; check that ${window.location.origin} is on the map server's embed_allow_origins list`;
      const box = document.createElement('p');
      box.setAttribute('role', 'alert');
      box.textContent = `${notConnected[languageOf(this)]} (${message})`;
      this._root.appendChild(box);
      this._emit('error', { code: 'not_connected', message });
      this._close(new Error(message));
    }

    _emit(name, data) {
      if (name === 'error') console.warn(`<badung-map>: ${data && data.message}`);
      for (const handler of this._listeners.get(name)) {
        try {
          handler(data);
        } catch (error) {
          console.error(`<badung-map>: a '${name}' handler threw:`, error);
        }
      }
    }

    // Posts a call once the map is ready; resolves with its result, or
    // rejects with an Error carrying the protocol error code.
    _call(method, params) {
      return new Promise((resolve, reject) => {
        if (!this._frame) {
          reject(new Error('the <badung-map> element is not in the page'));
          return;
        }
        if (this._failed) {
          reject(this._failed);
          return;
        }
        // The frame ignores a call whose params are not an object, so
        // such a call would only time out.
        if (params !== undefined && !isPlainObject(params)) {
          const error = new TypeError(`${method} needs an object of parameters, not ${JSON.stringify(params)}`);
          error.code = 'invalid_params';
          reject(error);
          return;
        }
        const nonFinite = params === undefined ? null : findNonFinite(params, '');
        if (nonFinite !== null) {
          const error = new TypeError(`${method}: ${nonFinite.path} must be a finite number, got ${nonFinite.value}`);
          error.code = 'invalid_params';
          reject(error);
          return;
        }
        const call = { method, params, resolve, reject };
        if (this._ready) this._send(call);
        else this._queue.push(call);
      });
    }

    _send(call) {
      const id = this._nextId++;
      call.timer = setTimeout(() => {
        this._pending.delete(id);
        call.reject(new Error(`the call '${call.method}' timed out after ${callTimeoutMs / 1000} s without a reply from the map`));
      }, callTimeoutMs);
      this._pending.set(id, call);
      let params = call.params;
      try {
        params = JSON.parse(JSON.stringify(params === undefined ? {} : params));
      } catch (error) {
        this._pending.delete(id);
        clearTimeout(call.timer);
        call.reject(new TypeError(`${call.method}: the parameters are not JSON (${error.message})`));
        return;
      }
      this._frame.contentWindow.postMessage({ protocol, version, type: 'call', id, method: call.method, params }, mapOrigin);
    }

    _receive(message) {
      if (message.type === 'reply') {
        const call = this._pending.get(message.id);
        if (!call) return;
        this._pending.delete(message.id);
        clearTimeout(call.timer);
        if (message.ok) {
          call.resolve(message.result);
        } else {
          const detail = isPlainObject(message.error) ? message.error : {};
          const error = new Error(String(detail.message || 'the map could not run the call'));
          error.code = String(detail.code || 'failed');
          call.reject(error);
        }
        return;
      }
      this._event(message.name, message.data);
    }

    _event(name, data) {
      if (name === 'connect') {
        this._connected = true;
        clearTimeout(this._connectTimer);
      } else if (name === 'focusexit') {
        this._exit.focus();
      } else if (name === 'ready') {
        this._ready = true;
        this._readyData = data;
        this._emit('ready', data);
        const queued = this._queue;
        this._queue = [];
        queued.forEach((call) => this._send(call));
      } else if (name === 'error' && isPlainObject(data) && data.code === 'map_failed') {
        // The frame shows the failure itself; no call can succeed.
        this._failed = new Error(String(data.message));
        this._queue.forEach((call) => call.reject(this._failed));
        this._queue = [];
        this._emit('error', data);
      } else if (this._listeners.has(name)) {
        this._emit(name, data);
      }
    }
  }

  window.customElements.define('badung-map', BadungMapElement);
}());
