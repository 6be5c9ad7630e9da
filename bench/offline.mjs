// Offline pack benchmark: the pack's size, the time to download and store it
// from a server on localhost, and the time from navigation to the first
// complete frame offline (from the pack) against the same view online.
// Run with ./badung bench offline; the last line printed is one JSON object.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchPersistent } from '../tests/browser/support/browser.mjs';
import { root, startServer } from '../tests/browser/support/server.mjs';

const viewport = { width: 1024, height: 768 };
const runs = 3;

function packSizes() {
  const data = join(root, 'dist', 'data');
  const pack = JSON.parse(readFileSync(join(data, 'pack.json'), 'utf8'));
  const tilesGzip = Number(execFileSync('sqlite3', [join(data, 'badung.mbtiles'),
    'SELECT sum(length(tile_data)) FROM tiles'], { encoding: 'utf8' }).trim());
  let layersGzip = 0;
  for (const name of readdirSync(join(data, 'layers'))) {
    layersGzip += gzipSync(readFileSync(join(data, 'layers', name))).length;
  }
  return {
    pack,
    storedBytes: pack.total_bytes,
    tileCount: pack.tiles.count,
    tilesGzipBytes: tilesGzip,
    layersGzipBytes: layersGzip,
    manifestGzipBytes: gzipSync(readFileSync(join(data, 'pack.json'))).length,
  };
}

// Milliseconds from navigation start to the resolution of badungMap.ready,
// which follows the first frame with every layer drawn.
async function timeToReady(page, url) {
  await page.goto(url);
  return page.evaluate(async () => {
    await window.badungMap.ready;
    return performance.now();
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const sizes = packSizes();
  const server = await startServer();
  const profile = await launchPersistent();
  try {
    const page = await profile.context.newPage();
    await page.setViewportSize(viewport);
    await timeToReady(page, server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);

    // Online: the service worker serves the shell, the data comes from the server.
    const online = [];
    for (let i = 0; i < runs; i += 1) online.push(await timeToReady(page, server.url));

    const download = await page.evaluate(async () => {
      const start = performance.now();
      const result = await window.badungMap.downloadOfflinePack();
      return { ms: performance.now() - start, entries: result.fetchedEntries };
    });

    await profile.context.setOffline(true);
    await server.stop();
    const offline = [];
    for (let i = 0; i < runs; i += 1) offline.push(await timeToReady(page, server.url));

    const result = {
      benchmark: 'offline',
      data_version: sizes.pack.data_version,
      pack_stored_bytes: sizes.storedBytes,
      pack_gzip_bytes: sizes.tilesGzipBytes + sizes.layersGzipBytes + sizes.manifestGzipBytes,
      pack_entries: sizes.pack.files.length + sizes.tileCount,
      tiles: sizes.tileCount,
      download_store_ms: Math.round(download.ms),
      first_frame_online_ms: Math.round(median(online)),
      first_frame_offline_ms: Math.round(median(offline)),
      offline_to_online_ratio: Number((median(offline) / median(online)).toFixed(2)),
      runs,
    };
    console.log(`pack: ${result.pack_entries} entries, ${sizes.storedBytes} bytes stored, ` +
      `${result.pack_gzip_bytes} bytes gzipped (tiles ${sizes.tilesGzipBytes}, layers ${sizes.layersGzipBytes}, ` +
      `manifest ${sizes.manifestGzipBytes})`);
    console.log(`download and store from localhost: ${result.download_store_ms} ms`);
    console.log(`navigation to first complete frame: online ${online.map(Math.round).join(', ')} ms; ` +
      `offline from the pack ${offline.map(Math.round).join(', ')} ms`);
    console.log(JSON.stringify(result));
  } finally {
    await profile.close();
    await server.stop();
  }
}

await main();
