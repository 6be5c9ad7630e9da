// The location of a report: a point picked on the map (shown with a pin),
// the map centre or the device's position, and the desa that contains it.

// A press that moves less than this (CSS pixels) is a click, as in the map.
const clickSlopPx = 4;
// A visible map strip narrower or lower than this (CSS pixels) is not used
// for the map-centre location.
const minVisibleStripPx = 48;
// GeolocationPositionError codes: PERMISSION_DENIED, POSITION_UNAVAILABLE, TIMEOUT.
const geolocationReasons = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

export class MapLocation {
  constructor({ api, canvasSelector, dataUrl, module, onPick, onDesaLoaded }) {
    this.api = api;
    this.canvasSelector = canvasSelector;
    this.onPick = onPick;
    this.onDesaLoaded = onDesaLoaded;
    this.active = false;
    this.pinAt = null;
    this.press = null;
    this.lastClick = null;
    this.locator = null;

    this.pin = document.createElement('div');
    this.pin.className = 'report-pin';
    this.pin.hidden = true;
    this.pin.setAttribute('aria-hidden', 'true');
    document.body.append(this.pin);

    this.listen();
    this.loadDesa(dataUrl, module);
  }

  listen() {
    // Capture phase: the map's own handlers must not hide the press.
    window.addEventListener('pointerdown', (event) => {
      this.press = { x: event.clientX, y: event.clientY };
    }, true);
    window.addEventListener('pointerup', (event) => {
      const press = this.press;
      this.press = null;
      const canvas = document.querySelector(this.canvasSelector);
      if (!press || !canvas || event.target !== canvas) return;
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) >= clickSlopPx) return;
      const rect = canvas.getBoundingClientRect();
      this.lastClick = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }, true);
    // The map emits 'select' for a click on the map, not on its panel.
    this.api.on('select', () => {
      if (!this.active || !this.lastClick) return;
      const position = this.unproject(this.lastClick.x, this.lastClick.y);
      this.lastClick = null;
      if (position) this.onPick({ ...position, source: 'map' });
    });
    this.api.on('viewchange', () => this.placePin());
  }

  async loadDesa(dataUrl, module) {
    try {
      const catalog = await (await fetch(`${dataUrl}catalog.json`)).json();
      const entry = (catalog.layers || []).find((layer) => layer.id === 'desa');
      if (!entry) return;
      const response = await fetch(`${dataUrl}layers/desa.geojson`);
      if (!response.ok) throw new Error(`layers/desa.geojson: HTTP ${response.status}`);
      const locator = new module.DesaLocator(await response.text(), entry.name_property || 'name');
      const error = locator.error();
      if (error) throw new Error(error);
      this.locator = locator;
      this.onDesaLoaded?.();
    } catch (error) {
      console.warn(`badungMap: report positions are shown without their desa: ${error.message}`);
    }
  }

  // Returns the desa name at location, '' outside every desa, or null while
  // the desa layer is not loaded.
  desaAt(location) {
    if (!this.locator || !location) return null;
    return this.locator.nameAt(location.lon, location.lat);
  }

  // Returns the distance in metres from location to the nearest desa (0
  // inside one), or null while the desa layer is not loaded.
  distanceToDesaM(location) {
    if (!this.locator || !location) return null;
    const distance = this.locator.distanceAt(location.lon, location.lat);
    return distance < 0 ? null : distance;
  }

  setActive(active) {
    this.active = active;
    this.placePin();
  }

  // The position at the middle of the map that the report form leaves in
  // view, so its pin is not hidden under the form.
  centre() {
    let position;
    try {
      const point = this.visibleCentre();
      position = point ? this.unproject(point.x, point.y) : this.api.getView();
    } catch (error) {
      return null; // the map has not started
    }
    return position ? { lat: position.lat, lon: position.lon, source: 'centre' } : null;
  }

  // The canvas point (CSS pixels) in the middle of the canvas part that the
  // report form does not cover: above the sheet on a phone, left of the
  // side panel on a wider screen. Returns null without a canvas.
  visibleCentre() {
    const canvas = document.querySelector(this.canvasSelector);
    if (!canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const visible = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    const panel = document.getElementById('report-panel');
    const box = panel && !panel.hidden ? panel.getBoundingClientRect() : null;
    if (box && box.width > 0 && box.height > 0) {
      const spansWidth = box.left <= rect.left + 1 && box.right >= rect.right - 1;
      if (spansWidth && box.top > rect.top) {
        visible.bottom = Math.min(visible.bottom, box.top);
      } else if (box.left > rect.left && box.right >= rect.right - 1) {
        visible.right = Math.min(visible.right, box.left);
      }
    }
    // A strip too small to show a pin falls back to the canvas centre.
    if (visible.bottom - visible.top < minVisibleStripPx || visible.right - visible.left < minVisibleStripPx) {
      return { x: rect.width / 2, y: rect.height / 2 };
    }
    return { x: (visible.left + visible.right) / 2 - rect.left, y: (visible.top + visible.bottom) / 2 - rect.top };
  }

  // Resolves to the device's position when the browser already allows it
  // without asking, else to null.
  async devicePositionIfAllowed() {
    try {
      const permission = await navigator.permissions?.query({ name: 'geolocation' });
      if (permission?.state !== 'granted') return null;
      return await this.devicePosition();
    } catch (error) {
      return null;
    }
  }

  // Asks for the device's position; rejects when there is none, with an
  // Error whose reason is 'denied', 'unavailable', 'timeout' or 'unsupported'.
  devicePosition() {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) {
        reject(Object.assign(new Error('this browser has no geolocation'), { reason: 'unsupported' }));
        return;
      }
      navigator.geolocation.getCurrentPosition(
        (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude, source: 'device' }),
        (error) => reject(Object.assign(new Error(error.message || `geolocation error ${error.code}`),
          { reason: geolocationReasons[error.code] || 'unavailable' })),
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  // The position under a canvas point, by inverting the map's Web Mercator
  // view (512-pixel tiles, no rotation, as docs/js-api.md states).
  unproject(x, y) {
    const canvas = document.querySelector(this.canvasSelector);
    if (!canvas) return null;
    const view = this.api.getView();
    const worldSize = 512 * 2 ** view.zoom;
    const centreX = ((view.lon + 180) / 360) * worldSize;
    const sinLat = Math.sin((view.lat * Math.PI) / 180);
    const centreY = (0.5 - Math.log((1 + sinLat) / (1 - sinLat)) / (4 * Math.PI)) * worldSize;
    const worldX = centreX + x - canvas.clientWidth / 2;
    const worldY = centreY + y - canvas.clientHeight / 2;
    const lon = (worldX / worldSize) * 360 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * worldY) / worldSize))) * 180) / Math.PI;
    return { lat, lon };
  }

  showPin(location) {
    this.pinAt = location;
    this.placePin();
  }

  placePin() {
    const canvas = document.querySelector(this.canvasSelector);
    if (!this.active || !this.pinAt || !canvas) {
      this.pin.hidden = true;
      return;
    }
    let point;
    try {
      point = this.api.project(this.pinAt.lon, this.pinAt.lat);
    } catch (error) {
      this.pin.hidden = true;
      return;
    }
    const rect = canvas.getBoundingClientRect();
    this.pin.hidden = point.x < 0 || point.y < 0 || point.x > rect.width || point.y > rect.height;
    this.pin.style.left = `${rect.left + point.x}px`;
    this.pin.style.top = `${rect.top + point.y}px`;
  }
}
