// ./badung bench render: our app and MapLibre GL JS on the same tiles, in
// one headless Chromium run, alternating. It measures the time from
// navigation to the first complete frame of a fixed view and the frame
// times over a scripted 10 s pan and zoom path. It also measures JS heap
// plus wasm memory at the end and bytes on the wire (code and data, gzip).
// The last line printed is one JSON object.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

import { chromiumPath } from '../../tests/browser/support/browser.mjs';
import { root, startServer } from '../../tests/browser/support/server.mjs';
import { readJson, startFront } from './front.mjs';
import { benchStyle } from './style.mjs';

const rounds = Number(process.env.BADUNG_BENCH_ROUNDS ?? 3);
const pathSeconds = 10;
const viewport = { width: 1024, height: 768 };
const loadTimeoutMs = 120_000;

const maplibrePage = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="dist/maplibre-gl.css">
<style>html, body, #map { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="map"></div>
<script src="dist/maplibre-gl.js"></script>
<script>
const query = new URLSearchParams(location.search);
const map = new maplibregl.Map({
  container: 'map', style: 'style.json', attributionControl: false,
  center: [Number(query.get('lon')), Number(query.get('lat'))], zoom: Number(query.get('zoom')),
});
window.benchMap = map;
map.once('idle', () => { window.__bench.firstComplete = performance.now(); window.__bench.ready = true; });
</script></body></html>`;

// Runs in every page before its scripts: records the first complete frame
// of our app and every WebAssembly memory the page creates.
function instrument() {
  window.__bench = { firstComplete: null, ready: false, memories: [] };
  const keep = (result) => {
    const instance = result.instance || result;
    for (const value of Object.values(instance.exports || {})) {
      if (value instanceof WebAssembly.Memory) window.__bench.memories.push(value);
    }
    return result;
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) {
    return instantiate.apply(this, args).then(keep);
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) {
    WebAssembly.instantiateStreaming = function (...args) {
      return streaming.apply(this, args).then(keep);
    };
  }
  let api;
  Object.defineProperty(window, 'badungMap', {
    configurable: true,
    get() { return api; },
    set(value) {
      api = value;
      value.on('frame', (frame) => {
        if (frame.complete && window.__bench.firstComplete === null) {
          window.__bench.firstComplete = performance.now();
        }
      });
      value.ready.then(() => { window.__bench.ready = true; });
    },
  });
}

// The scripted path: around the fixed view, zooming in by up to 3 levels
// and back while panning a few kilometres.
function pathScript([kind, start, seconds]) {
  const view = (t) => ({
    lon: start.lon + 0.05 * Math.sin((2 * Math.PI * t) / seconds),
    lat: start.lat + 0.03 * Math.sin((4 * Math.PI * t) / seconds),
    zoom: start.zoom + 1.5 - 1.5 * Math.cos((2 * Math.PI * t) / seconds),
  });
  return new Promise((resolve) => {
    const times = [];
    let begin = null;
    let last = null;
    const tick = (now) => {
      if (begin === null) begin = now;
      if (last !== null) times.push(now - last);
      last = now;
      const t = (now - begin) / 1000;
      if (t >= seconds) {
        resolve(times);
        return;
      }
      const v = view(t);
      if (kind === 'ours') window.badungMap.setView(v);
      else window.benchMap.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / Math.max(1, sorted.length);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  return { mean, p95, frames: sorted.length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(browser, front, kind, start) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  front.counter.reset();
  const url = kind === 'ours'
    ? `${front.url}/`
    : `${front.url}/maplibre/?lon=${start.lon}&lat=${start.lat}&zoom=${start.zoom}`;
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.firstComplete !== null, null, { timeout: loadTimeoutMs });
  const firstFrameMs = await page.evaluate(() => window.__bench.firstComplete);
  const view = kind === 'ours' ? await page.evaluate(() => window.badungMap.getView()) : start;
  await page.waitForFunction(() => window.__bench.ready, null, { timeout: loadTimeoutMs });

  const frames = stats(await page.evaluate(pathScript, [kind, view, pathSeconds]));

  const memory = await page.evaluate(() => ({
    jsHeap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.__bench.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
  }));
  const bytes = { code: front.counter.code, data: front.counter.data, tiles: front.counter.tiles };
  await context.close();
  if (errors.length > 0) console.error(`${kind}: page errors: ${errors.join('; ')}`);
  return { firstFrameMs, frames, memory, bytes, view };
}

// The shipped style as the server gives it, labels included: both
// renderers draw its symbol layers with the server's glyphs. Without a
// shipped style, a bench-local one with the app's built-in colours.
async function maplibreStyle(origin, catalog) {
  const response = await fetch(`${origin}/styles/badung.json`);
  if (response.ok) {
    const style = await response.json();
    return { style, styleName: 'shipped /styles/badung.json' };
  }
  const areaIds = readJson(join(root, 'dist', 'data', 'layers', 'kecamatan.geojson')).features
    .map((feature) => feature.properties?.id).filter((id) => typeof id === 'string');
  return {
    style: benchStyle(catalog, `${origin}/tiles/badung.json`, areaIds),
    styleName: 'bench-local (bench/render/style.mjs)',
  };
}

async function main() {
  const catalog = readJson(join(root, 'dist', 'data', 'catalog.json'));
  const server = await startServer();
  const pages = { '/maplibre/': maplibrePage };
  const maplibreDist = join(root, 'node_modules', 'maplibre-gl', 'dist');
  const front = await startFront({
    folders: { '/maplibre/dist/': maplibreDist },
    pages,
    precompress: [join(maplibreDist, 'maplibre-gl.js'), join(maplibreDist, 'maplibre-gl.css')],
    upstream: server.url,
  });
  const { style, styleName } = await maplibreStyle(front.url, catalog);
  pages['/maplibre/style.json'] = JSON.stringify(style);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-precise-memory-info'],
  });

  const results = { ours: [], maplibre: [] };
  try {
    let start = null;
    for (let round = 0; round < rounds; round += 1) {
      const ours = await measure(browser, front, 'ours', start);
      start = start ?? ours.view;
      results.ours.push(ours);
      results.maplibre.push(await measure(browser, front, 'maplibre', start));
      console.log(`round ${round + 1}: first frame ours ${ours.firstFrameMs.toFixed(0)} ms, ` +
        `maplibre ${results.maplibre.at(-1).firstFrameMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await front.close();
    await server.stop();
  }

  const summary = (runs) => ({
    firstFrameMs: median(runs.map((r) => r.firstFrameMs)),
    frameMeanMs: median(runs.map((r) => r.frames.mean)),
    frameP95Ms: median(runs.map((r) => r.frames.p95)),
    frames: median(runs.map((r) => r.frames.frames)),
    memoryBytes: median(runs.map((r) => r.memory.jsHeap + r.memory.wasm)),
    jsHeapBytes: median(runs.map((r) => r.memory.jsHeap)),
    wasmBytes: median(runs.map((r) => r.memory.wasm)),
    codeBytes: median(runs.map((r) => r.bytes.code)),
    dataBytes: median(runs.map((r) => r.bytes.data)),
    tileBytes: median(runs.map((r) => r.bytes.tiles)),
  });
  const ours = summary(results.ours);
  const maplibre = summary(results.maplibre);
  const ratio = (key) => Number((ours[key] / maplibre[key]).toFixed(3));
  const ratios = Object.fromEntries(['firstFrameMs', 'frameMeanMs', 'frameP95Ms', 'memoryBytes', 'codeBytes', 'dataBytes', 'tileBytes']
    .map((key) => [key, ratio(key)]));

  console.log('metric            ours        maplibre    ratio');
  for (const key of Object.keys(ratios)) {
    console.log(`${key.padEnd(16)}  ${String(Math.round(ours[key])).padEnd(10)}  ${String(Math.round(maplibre[key])).padEnd(10)}  ${ratios[key]}`);
  }
  console.log(JSON.stringify({
    benchmark: 'render', rounds, pathSeconds, viewport, view: results.ours[0].view,
    maplibreStyle: styleName, ours, maplibre, ratios,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
