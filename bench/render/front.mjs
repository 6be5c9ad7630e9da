// The benchmark's front server serves the MapLibre page from the same origin
// as our site and proxies our site, tiles and data to badung-cityd. It
// gzip-compresses what is not compressed yet, as a production reverse proxy
// would, and counts the bytes it sends, split into code and data. Its own
// files (MapLibre's bundle and page) go out compressed by zopfli, as our
// site's files do through badung-cityd, so both sides' code is compressed
// the same way. Our site
// goes through badung-cityd so that it gets the server's own caching headers
// (ETag, Cache-Control: no-cache), as in production.
import { createServer, request as httpRequest } from 'node:http';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { constants, createGzip, gzipSync } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
};
const codeExtensions = new Set(['.html', '.js', '.mjs', '.css', '.wasm']);

// Counts bytes on the wire of every response (headers left out).
export class ByteCounter {
  constructor() {
    this.reset();
  }

  reset() {
    this.code = 0;
    this.data = 0;
    this.tiles = 0; // part of data: vector tiles and TileJSON
    this.requests = 0;
  }

  add(path, bytes) {
    const clean = path.split('?')[0];
    const isCode = codeExtensions.has(extname(clean)) || clean.endsWith('/');
    if (isCode) this.code += bytes;
    else this.data += bytes;
    if (clean.startsWith('/tiles/')) this.tiles += bytes;
  }
}

function counted(res, counter, path) {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => {
    if (chunk) counter.add(path, Buffer.byteLength(chunk));
    return write(chunk, ...rest);
  };
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') counter.add(path, Buffer.byteLength(chunk));
    return end(chunk, ...rest);
  };
}

function acceptsGzip(req) {
  return /\bgzip\b/.test(req.headers['accept-encoding'] || '');
}

// Gzip bytes of each file served so far: zopfli's (Debian package zopfli,
// which the build of our site uses too), or zlib level 9 without it.
const gzipCache = new Map();

export function gzipFile(file) {
  if (!gzipCache.has(file)) {
    const zopfli = spawnSync('zopfli', ['--gzip', '-c', file], { maxBuffer: 1 << 28 });
    const bytes = zopfli.status === 0
      ? zopfli.stdout
      : gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION });
    gzipCache.set(file, bytes);
  }
  return gzipCache.get(file);
}

function sendFile(req, res, file) {
  const type = types[extname(file)] || 'application/octet-stream';
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  if (acceptsGzip(req)) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(gzipFile(file));
  } else {
    res.setHeader('Content-Length', statSync(file).size);
    createReadStream(file).pipe(res);
  }
}

function proxy(req, res, upstream) {
  const target = new URL(req.url, upstream);
  const forward = httpRequest(target, { method: req.method, headers: req.headers }, (reply) => {
    const headers = { ...reply.headers };
    const compress = !headers['content-encoding'] && acceptsGzip(req) && reply.statusCode === 200;
    if (compress) {
      delete headers['content-length'];
      headers['content-encoding'] = 'gzip';
      // The body changes, so the ETag is marked weak. badung-cityd's
      // If-None-Match check accepts the weak form.
      if (headers.etag && !headers.etag.startsWith('W/')) headers.etag = `W/${headers.etag}`;
    }
    res.writeHead(reply.statusCode, headers);
    (compress ? reply.pipe(createGzip({ level: 6 })) : reply).pipe(res);
  });
  forward.on('error', (error) => {
    res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(`proxy error: ${error.message}`);
  });
  req.pipe(forward);
}

// Starts the server on a free loopback port. folders: {'/prefix/': folder}
// for static folders, `pages` {path: html} for generated pages, upstream:
// badung-cityd's URL for everything else, our site included. The files in
// `precompress` are compressed before the server starts, so no timed page
// load waits for zopfli.
export async function startFront({ folders, pages, upstream, precompress = [] }) {
  const counter = new ByteCounter();
  for (const file of precompress) gzipFile(file);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    counter.requests += 1;
    counted(res, counter, path);

    if (pages[path]) {
      res.setHeader('Content-Type', path.endsWith('.json') ? types['.json'] : types['.html']);
      res.setHeader('Cache-Control', 'no-store');
      if (acceptsGzip(req)) {
        res.setHeader('Content-Encoding', 'gzip');
        res.end(gzipSync(pages[path], { level: constants.Z_BEST_COMPRESSION }));
      } else {
        res.end(pages[path]);
      }
      return;
    }
    for (const [prefix, folder] of Object.entries(folders)) {
      if (path.startsWith(prefix)) {
        const file = normalize(join(folder, path.slice(prefix.length)));
        if (file.startsWith(folder) && existsSync(file) && statSync(file).isFile()) {
          sendFile(req, res, file);
          return;
        }
      }
    }
    proxy(req, res, upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, counter, close: () => new Promise((resolve) => server.close(resolve)) };
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
