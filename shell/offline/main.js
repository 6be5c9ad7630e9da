// Offline features of the map page: the service worker and its update
// prompt, the "Unduh peta Badung" panel with the connection and pack state,
// and badungMap.offlinePack() / badungMap.downloadOfflinePack().
import { registerServiceWorker, notifyPackChanged } from './service-worker-client.js';
import { deletePack, downloadPack, fetchManifest, readPack, recordLatest } from './pack-download.js';
import { serverReachabilityEvent } from './reachability.js';
import { strings, formatBytes, formatDate } from './strings.js';

const baseUrl = new URL('./', document.baseURI);
// The same bound as the map's other add-ons wait (addOnWaitMs in
// badung-map-api.js).
const firstViewWaitMs = 3000;
const state = {
  pack: null,
  latest: null,
  progress: null,
  error: null,
  download: null,
  panelDownload: null, // AbortController of the download the panel's button started
  acceptUpdate: null,
  // False after a request to the map server failed without a response
  // (see reachability.js), until one gets a response again. fetch-watch.js
  // keeps the value of the requests made before this module loaded.
  serverReachable: window.badungServerReachable !== false,
};

function language() {
  return document.documentElement.lang === 'en' ? 'en' : 'id';
}

function text() {
  return strings[language()];
}

// ---- State ----------------------------------------------------------------

function packState() {
  if (state.download) return 'downloading';
  if (!state.pack) return 'none';
  if (state.latest && state.latest.dataVersion !== state.pack.dataVersion) return 'outdated';
  return 'ready';
}

async function refreshPack() {
  const stored = await readPack();
  state.pack = stored.pack || null;
  state.latest = stored.latest || null;
  render();
}

// Records the newest data version when online, so the service worker can tell
// whether the stored pack is current. Offline, or with no pack stored, this
// does nothing: a download reads the manifest itself.
async function checkLatest() {
  if (!state.pack) return;
  try {
    const manifest = await fetchManifest(baseUrl);
    await recordLatest(manifest.data_version);
    notifyPackChanged();
  } catch (error) {
    // Offline or no pack on the server: the stored state stays as it is.
  }
  await refreshPack();
}

function offlinePack() {
  const pack = state.pack;
  return {
    state: packState(),
    size: pack ? pack.bytes : 0,
    date: pack ? pack.completedAt : null,
    dataVersion: pack ? pack.dataVersion : null,
    latestDataVersion: state.latest ? state.latest.dataVersion : null,
    tiles: pack ? pack.tiles : 0,
    files: pack ? pack.files : 0,
    progress: state.progress ? { ...state.progress } : null,
  };
}

function downloadOfflinePack({ onProgress, signal } = {}) {
  if (state.download) return state.download;
  state.error = null;
  state.download = (async () => {
    try {
      return await downloadPack({
        baseUrl,
        signal,
        onProgress: (progress) => {
          state.progress = progress;
          render();
          if (onProgress) onProgress(progress);
        },
      });
    } catch (error) {
      state.error = error;
      throw error;
    } finally {
      state.download = null;
      state.progress = null;
      notifyPackChanged();
      await refreshPack();
    }
  })();
  return state.download;
}

async function deleteOfflinePack() {
  await deletePack();
  notifyPackChanged();
  await refreshPack();
}

// ---- UI -------------------------------------------------------------------

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  for (const child of children) node.append(child);
  return node;
}

const panel = element('section', { id: 'offline-panel' });
const connection = element('span', { id: 'offline-connection' });
const foldedText = element('span', { id: 'offline-folded-text' });
// The connection state doubles as the button that shows or hides the rest,
// so on a phone the panel can shrink to one line above the attribution.
const toggle = element('button', { id: 'offline-toggle', type: 'button' }, [connection, foldedText]);
const details = element('div', { id: 'offline-details' });
const status = element('span', { id: 'offline-pack-state' });
const progressBar = element('progress', { id: 'offline-progress', max: 1, value: 0, hidden: true });
const downloadButton = element('button', { id: 'offline-download', type: 'button' });
const cancelButton = element('button', { id: 'offline-cancel', type: 'button', hidden: true });
const deleteButton = element('button', { id: 'offline-delete', type: 'button' });
const message = element('p', { id: 'offline-message', hidden: true });
message.setAttribute('role', 'alert');
details.append(status, progressBar, downloadButton, cancelButton, deleteButton, message);
panel.append(toggle, details);
toggle.setAttribute('aria-controls', 'offline-details');

// Below this viewport width (CSS pixels, a phone held upright) the panel
// starts folded to its connection line, as the map panel does.
const narrowViewport = '(max-width: 599px)';
let expanded = typeof window.matchMedia !== 'function' || !window.matchMedia(narrowViewport).matches;
let shownError = null;

const updateBanner = element('div', { id: 'update-banner', hidden: true });
updateBanner.setAttribute('role', 'status');
const updateText = element('span');
const reloadButton = element('button', { id: 'update-reload', type: 'button' });
updateBanner.append(updateText, reloadButton);

// Returns what the folded panel shows after the connection state: the
// download's percentage while one runs, else the panel's name.
function foldedSummary(t, current) {
  const progress = state.progress;
  if (current === 'downloading' && progress?.bytesTotal) {
    return `${Math.floor((100 * progress.bytesDone) / progress.bytesTotal)} %`;
  }
  return t.panelLabel;
}

function render() {
  const t = text();
  const lang = language();
  panel.setAttribute('aria-label', t.panelLabel);
  const online = navigator.onLine;
  let connectionState = 'offline';
  if (online) connectionState = state.serverReachable ? 'online' : 'unreachable';
  connection.textContent = { online: t.online, offline: t.offline, unreachable: t.unreachable }[connectionState];
  connection.dataset.state = connectionState;

  const current = packState();
  panel.dataset.pack = current;
  if (current === 'downloading') {
    // Until the first progress report the download reads the manifest and
    // checks what is stored already.
    const p = state.progress;
    status.textContent = !p || p.phase === 'checking'
      ? t.packChecking
      : t.packDownloading(formatBytes(p.bytesDone, lang), formatBytes(p.bytesTotal, lang), p.tilesDone, p.tilesTotal);
    progressBar.hidden = false;
    progressBar.value = p?.bytesTotal ? p.bytesDone / p.bytesTotal : 0;
  } else {
    progressBar.hidden = true;
    if (current === 'none') status.textContent = t.packNone;
    if (current === 'ready') status.textContent = t.packReady(formatBytes(state.pack.bytes, lang), formatDate(state.pack.completedAt, lang));
    if (current === 'outdated') status.textContent = `${t.packOutdated} · ${t.packReady(formatBytes(state.pack.bytes, lang), formatDate(state.pack.completedAt, lang))}`;
  }
  downloadButton.textContent = current === 'outdated' ? t.update : t.download;
  downloadButton.hidden = current === 'ready' || current === 'downloading';
  downloadButton.disabled = !online;
  // Only a download the panel started can be cancelled from it.
  cancelButton.textContent = t.cancel;
  cancelButton.hidden = current !== 'downloading' || !state.panelDownload;
  deleteButton.textContent = t.remove;
  deleteButton.hidden = !state.pack || current === 'downloading';

  // A new error unfolds the panel, so a folded panel never hides it.
  if (state.error && state.error !== shownError) expanded = true;
  shownError = state.error;
  details.hidden = !expanded;
  toggle.setAttribute('aria-expanded', String(expanded));
  toggle.title = expanded ? t.fold : t.unfold;
  foldedText.textContent = expanded ? '' : `· ${foldedSummary(t, current)}`;

  if (state.error) {
    message.hidden = false;
    if (state.error.name === 'QuotaError') message.textContent = t.quota;
    else if (state.error.name === 'AbortError') message.textContent = t.cancelled;
    else message.textContent = t.failed(state.error.message);
  } else {
    message.hidden = true;
  }
  updateText.textContent = t.newVersion;
  reloadButton.textContent = t.reload;
}

// Keeps the panel above the data attribution, which must stay readable
// whatever its height (it wraps to several lines on a phone).
function keepAboveAttribution() {
  const attribution = document.getElementById('attribution');
  if (!attribution || typeof ResizeObserver !== 'function') return;
  const place = () => panel.style.setProperty('--attribution-height', `${attribution.offsetHeight}px`);
  new ResizeObserver(place).observe(attribution);
  place();
}

function bindUi() {
  document.body.append(panel, updateBanner);
  keepAboveAttribution();
  downloadButton.addEventListener('click', () => {
    const controller = new AbortController();
    state.panelDownload = controller;
    downloadOfflinePack({ signal: controller.signal })
      .catch((error) => console.warn(`badungMap: offline pack: ${error.message}`))
      .finally(() => {
        if (state.panelDownload === controller) state.panelDownload = null;
        render();
      });
    render();
  });
  cancelButton.addEventListener('click', () => state.panelDownload?.abort());
  toggle.addEventListener('click', () => {
    expanded = !expanded;
    render();
  });
  deleteButton.addEventListener('click', () => {
    if (window.confirm(text().removeConfirm)) deleteOfflinePack();
  });
  reloadButton.addEventListener('click', () => {
    if (state.acceptUpdate) state.acceptUpdate();
  });
  window.addEventListener('online', () => {
    render();
    checkLatest();
  });
  window.addEventListener('offline', render);
  window.addEventListener(serverReachabilityEvent, (event) => {
    state.serverReachable = event.detail.reachable;
    render();
  });
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  render();
}

// ---- Start ----------------------------------------------------------------

function attachApi() {
  const api = window.badungMap;
  if (!api) return;
  api.offlinePack = offlinePack;
  api.downloadOfflinePack = downloadOfflinePack;
  api.deleteOfflinePack = deleteOfflinePack;
  api.updateAvailable = () => Boolean(state.acceptUpdate);
}

// Resolves after the map's first complete frame, when the map failed, or
// after firstViewWaitMs (slow tiles must not keep the service worker away),
// and then once the page is idle. ready settles after the first view, so it
// also covers a first frame drawn before this module ran.
function afterFirstView(api) {
  const drawn = new Promise((resolve) => {
    setTimeout(resolve, firstViewWaitMs);
    if (!api) {
      resolve();
      return;
    }
    const off = api.on('frame', (frame) => {
      if (!frame.complete) return;
      off();
      resolve();
    });
    api.ready.then(resolve, resolve);
  });
  return drawn.then(() => new Promise((resolve) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(resolve, { timeout: 2000 });
    else setTimeout(resolve, 0);
  }));
}

// The service worker's install fetches every shell file. Registered after
// the first view, it finds the page's files in the HTTP cache and only
// revalidates them, instead of downloading them again beside the page.
async function startServiceWorker() {
  await afterFirstView(window.badungMap);
  try {
    await registerServiceWorker({
      onUpdate(accept) {
        state.acceptUpdate = accept;
        updateBanner.hidden = false;
        render();
      },
    });
  } catch (error) {
    console.warn(`badungMap: service worker not registered: ${error.message}`);
  }
}

attachApi();
bindUi();
refreshPack().then(checkLatest).catch((error) => console.warn(`badungMap: offline pack state: ${error.message}`));
startServiceWorker();
