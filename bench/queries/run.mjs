// Query benchmark: the core's packed Hilbert R-tree natively and as wasm
// under Node, against flatbush and kdbush in this same Node process, for
// 1 million random points and for the real Badung layers; and the search
// time per keystroke over all Badung layers in wasm.
//
//   node --no-experimental-fetch bench/queries/run.mjs BUILD_DIR DATA_DIR
//
// BUILD_DIR holds native/ and wasm/ builds, DATA_DIR the built map data
// (catalog.json, layers/). Prints a table, then one JSON line.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Flatbush from 'flatbush';
import KDBush from 'kdbush';

const [buildDir, dataDir] = process.argv.slice(2);
if (!buildDir || !dataDir) {
  console.error('usage: run.mjs BUILD_DIR DATA_DIR');
  process.exit(2);
}
const nativeTool = path.join(buildDir, 'native/bench/queries/bench-queries');
const wasmTool = path.join(buildDir, 'wasm/bench/queries/bench-queries.js');
for (const file of [nativeTool, wasmTool, path.join(dataDir, 'catalog.json')]) {
  if (!fs.existsSync(file)) {
    console.error(`run.mjs: '${file}' not found: run ./badung build first`);
    process.exit(2);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'badung-bench-queries-'));
const queryCount = 10000;
const pointCount = 1000000;
const k = 10;
// Every implementation runs each timed step (build, all bbox queries, all kNN
// queries) this often and reports its best time, which damps the noise of a
// shared machine and lets V8 and the wasm engine reach their optimising tiers.
const repeat = 3;

// A small seeded generator (mulberry32), so every run uses the same inputs.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Bali's extent, where the random points and their queries lie.
const baliExtent = { west: 114.4, south: -8.9, east: 115.8, north: -8.0 };

function writeDoubles(name, values) {
  const file = path.join(work, name);
  fs.writeFileSync(file, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  return file;
}

function randomPoints(count, next) {
  const boxes = new Float64Array(count * 4);
  for (let i = 0; i < count; i += 1) {
    const lon = baliExtent.west + next() * (baliExtent.east - baliExtent.west);
    const lat = baliExtent.south + next() * (baliExtent.north - baliExtent.south);
    boxes.set([lon, lat, lon, lat], i * 4);
  }
  return boxes;
}

// Query boxes of size degrees a side and kNN positions, all in extent.
function queries(next, size, extent) {
  const bbox = new Float64Array(queryCount * 4);
  const knn = new Float64Array(queryCount * 2);
  for (let i = 0; i < queryCount; i += 1) {
    const west = extent.west + next() * (extent.east - extent.west - size);
    const south = extent.south + next() * (extent.north - extent.south - size);
    bbox.set([west, south, west + size, south + size], i * 4);
    knn.set([extent.west + next() * (extent.east - extent.west), extent.south + next() * (extent.north - extent.south)], i * 2);
  }
  return { bbox, knn };
}

function boxOfCoordinates(coordinates, box) {
  if (typeof coordinates[0] === 'number') {
    box[0] = Math.min(box[0], coordinates[0]);
    box[1] = Math.min(box[1], coordinates[1]);
    box[2] = Math.max(box[2], coordinates[0]);
    box[3] = Math.max(box[3], coordinates[1]);
    return;
  }
  for (const child of coordinates) boxOfCoordinates(child, box);
}

function boxOfGeometry(geometry, box) {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const member of geometry.geometries) boxOfGeometry(member, box);
  } else if (geometry.coordinates) {
    boxOfCoordinates(geometry.coordinates, box);
  }
}

// The boxes of every feature of the layers, as the core indexes them.
function layerBoxes(files) {
  const boxes = [];
  for (const file of files) {
    for (const feature of JSON.parse(fs.readFileSync(file, 'utf8')).features) {
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      boxOfGeometry(feature.geometry, box);
      if (box[0] <= box[2]) boxes.push(...box);
    }
  }
  return Float64Array.from(boxes);
}

// The regency's extent: the box of the kabupaten layer, where residents
// ask the finder; the union of every layer's boxes when that layer is missing.
function badungExtent(files, boxes) {
  const regency = files.find((file) => path.basename(file) === 'kabupaten.geojson');
  const source = regency ? layerBoxes([regency]) : boxes;
  const extent = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (let i = 0; i < source.length; i += 4) {
    extent.west = Math.min(extent.west, source[i]);
    extent.south = Math.min(extent.south, source[i + 1]);
    extent.east = Math.max(extent.east, source[i + 2]);
    extent.north = Math.max(extent.north, source[i + 3]);
  }
  return extent;
}

// Runs a step repeat times and returns the best time and the last result.
function time(run) {
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i += 1) {
    const start = process.hrtime.bigint();
    result = run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: best, result };
}

function runFlatbush(boxes, bboxQueries, knnQueries) {
  const count = boxes.length / 4;
  const build = time(() => {
    const index = new Flatbush(count, 16);
    for (let i = 0; i < count; i += 1) index.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    index.finish();
    return index;
  });
  const index = build.result;
  const bbox = time(() => {
    let hits = 0;
    for (let q = 0; q < queryCount; q += 1) {
      hits += index.search(bboxQueries[4 * q], bboxQueries[4 * q + 1], bboxQueries[4 * q + 2], bboxQueries[4 * q + 3]).length;
    }
    return hits;
  });
  const knn = time(() => {
    let hits = 0;
    for (let q = 0; q < queryCount; q += 1) hits += index.neighbors(knnQueries[2 * q], knnQueries[2 * q + 1], k).length;
    return hits;
  });
  return {
    items: count, build_ms: build.ms, bbox_ms: bbox.ms, knn_ms: knn.ms,
    memory_bytes: index.data.byteLength, bbox_hits: bbox.result, knn_hits: knn.result,
  };
}

// kdbush indexes points only (box centres) and has no kNN query.
function runKdbush(boxes, bboxQueries) {
  const count = boxes.length / 4;
  const build = time(() => {
    const index = new KDBush(count, 64);
    for (let i = 0; i < count; i += 1) index.add((boxes[4 * i] + boxes[4 * i + 2]) / 2, (boxes[4 * i + 1] + boxes[4 * i + 3]) / 2);
    index.finish();
    return index;
  });
  const index = build.result;
  const bbox = time(() => {
    let hits = 0;
    for (let q = 0; q < queryCount; q += 1) {
      hits += index.range(bboxQueries[4 * q], bboxQueries[4 * q + 1], bboxQueries[4 * q + 2], bboxQueries[4 * q + 3]).length;
    }
    return hits;
  });
  return {
    items: count, build_ms: build.ms, bbox_ms: bbox.ms, knn_ms: null,
    memory_bytes: index.data.byteLength, bbox_hits: bbox.result, knn_hits: null,
  };
}

function runNative(args) {
  return JSON.parse(execFileSync(nativeTool, ['--repeat', String(repeat), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }));
}

// The wasm build runs in this process: its factory runs main() with args.
async function runWasm(args) {
  const require = createRequire(import.meta.url);
  const factory = require(path.resolve(wasmTool));
  const output = path.join(work, 'wasm-result.json');
  await factory({ arguments: ['--out', output, '--repeat', String(repeat), ...args] });
  return JSON.parse(fs.readFileSync(output, 'utf8'));
}

function ratio(ours, peer) {
  return ours === null || peer === null || !peer ? null : Number((ours / peer).toFixed(3));
}

// Returns the peer a ratio of ours compares with, as { name, value }: the
// fastest (or smallest) of the peers whose result has as many hits as ours,
// or null when none has. A peer that runs another query is left out: kdbush
// indexes box centres, so its bbox hits over boxes differ. hitsField is
// null for build and memory, where every peer counts.
function fastestPeer(peers, field, hitsField, ourHits) {
  let best = null;
  for (const [name, peer] of Object.entries(peers)) {
    const value = peer[field];
    if (value === null || (hitsField !== null && peer[hitsField] !== ourHits)) continue;
    if (best === null || value < best.value) best = { name, value };
  }
  return best;
}

// Ratios of ours to the fastest peer with the same hit count on each
// operation (below 1 is faster), and the peer of each ratio in peers. knn
// compares knn_ms with the peers' kNN. box_knn (Badung only) compares the
// core's kNN over the feature boxes, the same work as flatbush.neighbors.
// There knn_ms is the exact geometry kNN of LayerSet::nearest, more work.
function ratios(ours, peers) {
  const operations = {
    build: ['build_ms', 'build_ms', null, null],
    bbox: ['bbox_ms', 'bbox_ms', 'bbox_hits', ours.bbox_hits],
    knn: ['knn_ms', 'knn_ms', 'knn_hits', ours.knn_hits],
    memory: ['memory_bytes', 'memory_bytes', null, null],
  };
  if (ours.box_knn_ms !== undefined) operations.box_knn = ['box_knn_ms', 'knn_ms', 'knn_hits', ours.box_knn_hits];
  const result = { peers: {} };
  for (const [operation, [ourField, peerField, hitsField, ourHits]] of Object.entries(operations)) {
    const peer = fastestPeer(peers, peerField, hitsField, ourHits);
    result[operation] = peer === null ? null : ratio(ours[ourField], peer.value);
    result.peers[operation] = peer === null ? null : peer.name;
  }
  return result;
}

// The note of a peer row: each operation whose hit count differs from the
// core's, since that peer is then left out of that operation's ratio.
function mismatchNote(core, peer) {
  const notes = [];
  if (peer.bbox_hits !== core.bbox_hits) notes.push('bbox');
  if (peer.knn_hits !== null && peer.knn_hits !== (core.box_knn_hits ?? core.knn_hits)) notes.push('kNN');
  return notes.length === 0 ? '' : ` (other hit count: left out of the ${notes.join(' and ')} ratio)`;
}

function row(name, result, note = '') {
  const cell = (value) => (value === null ? 'n/a' : value.toFixed(1)).padStart(10);
  const memory = `${(result.memory_bytes / 1048576).toFixed(1)} MiB`.padStart(10);
  const knnMs = result.box_knn_ms ?? result.knn_ms;
  const knnHits = result.box_knn_hits ?? result.knn_hits;
  console.log(`  ${name.padEnd(14)}${cell(result.build_ms)}${cell(result.bbox_ms)}${cell(knnMs)}${memory}`
    + `   bbox hits ${result.bbox_hits}, kNN hits ${knnHits ?? 'n/a'}${note}`);
}

function ratioRow(name, ratio) {
  const cell = (operation) => `${operation} ${ratio[operation] ?? 'n/a'} (${ratio.peers[operation] ?? 'no peer'})`;
  const knn = ratio.box_knn !== undefined ? 'box_knn' : 'knn';
  console.log(`  ${name.padEnd(14)}${[cell('build'), cell('bbox'), cell(knn), cell('memory')].join(', ')}`);
}

async function main() {
  const next = random(20261204);
  const points = randomPoints(pointCount, next);
  const pointQueries = queries(next, 0.01, baliExtent);
  const pointFiles = [writeDoubles('points.f64', points), writeDoubles('bbox.f64', pointQueries.bbox), writeDoubles('knn.f64', pointQueries.knn)];

  const catalog = JSON.parse(fs.readFileSync(path.join(dataDir, 'catalog.json'), 'utf8'));
  const layerFiles = catalog.layers.map((entry) => path.join(dataDir, 'layers', `${entry.id}.geojson`))
    .filter((file) => fs.existsSync(file));
  const badungBoxes = layerBoxes(layerFiles);
  const badungQueries = queries(next, 0.02, badungExtent(layerFiles, badungBoxes));
  const badungArgs = ['layers', writeDoubles('badung-bbox.f64', badungQueries.bbox), writeDoubles('badung-knn.f64', badungQueries.knn),
    path.join(dataDir, 'catalog.json'), ...layerFiles];

  const results = {
    random: {
      native: runNative(['boxes', ...pointFiles]).random,
      wasm: (await runWasm(['boxes', ...pointFiles])).random,
      flatbush: runFlatbush(points, pointQueries.bbox, pointQueries.knn),
      kdbush: runKdbush(points, pointQueries.bbox),
    },
  };
  const nativeBadung = runNative(badungArgs);
  const wasmBadung = await runWasm(badungArgs);
  results.badung = {
    native: nativeBadung.badung,
    wasm: wasmBadung.badung,
    flatbush: runFlatbush(badungBoxes, badungQueries.bbox, badungQueries.knn),
    kdbush: runKdbush(badungBoxes, badungQueries.bbox),
  };

  const summary = {
    k, queries: queryCount, ratios: {},
    search: { wasm: wasmBadung.search, native: nativeBadung.search },
    knn_index: { wasm: wasmBadung.knn_index, native: nativeBadung.knn_index },
  };
  for (const set of ['random', 'badung']) {
    const { native, wasm, flatbush, kdbush } = results[set];
    console.log(`${set === 'random' ? '1,000,000 random points' : `Badung layers (${native.items} features)`}:`
      + '  build ms   bbox ms    kNN ms    memory');
    row('core native', native);
    row('core wasm', wasm);
    row('flatbush', flatbush, mismatchNote(native, flatbush));
    row('kdbush', kdbush, mismatchNote(native, kdbush));
    const peers = { flatbush, kdbush };
    summary.ratios[set] = { native: ratios(native, peers), wasm: ratios(wasm, peers) };
    summary[set] = results[set];
    if (set === 'badung') {
      console.log('  kNN column: the core\'s kNN over the feature boxes by haversine distance to each box, '
        + 'the same work as flatbush.neighbors over the same boxes');
      const layerRatio = (ours) => ratio(ours.knn_ms, flatbush.knn_ms);
      console.log(`  layer kNN by exact geometry (LayerSet::nearest, what the finder runs; not the same work as `
        + `flatbush's box kNN): native ${native.knn_ms.toFixed(1)} ms (${layerRatio(native)}x flatbush), `
        + `wasm ${wasm.knn_ms.toFixed(1)} ms (${layerRatio(wasm)}x flatbush)`);
    }
    console.log('  ratio to the fastest peer with the same hit count:');
    ratioRow('native', summary.ratios[set].native);
    ratioRow('wasm', summary.ratios[set].wasm);
  }
  console.log(`Badung kNN segment index (built by the first kNN query, not in the kNN column): `
    + `native ${nativeBadung.knn_index.build_ms.toFixed(1)} ms, wasm ${wasmBadung.knn_index.build_ms.toFixed(1)} ms, `
    + `${(nativeBadung.knn_index.memory_bytes / 1048576).toFixed(1)} MiB`);
  console.log(`Search over all Badung layers, per keystroke (${wasmBadung.search.keystrokes} keystrokes): `
    + `wasm p50 ${wasmBadung.search.p50_ms.toFixed(3)} ms, p95 ${wasmBadung.search.p95_ms.toFixed(3)} ms; `
    + `native p95 ${nativeBadung.search.p95_ms.toFixed(3)} ms`);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(JSON.stringify(summary));
}

await main();
