// A minimal static file server on a loopback address and a free port, to
// serve a partner page from an origin other than badung-cityd's.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const mediaTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

// Serves files below `root` and the in-memory `pages` ({'/path': html}).
// Resolves to { url, stop() }; url has no trailing '/'.
export async function startStaticServer({ root = null, pages = {}, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (Object.hasOwn(pages, path)) {
      res.writeHead(200, { 'Content-Type': mediaTypes['.html'] });
      res.end(pages[path]);
      return;
    }
    const file = root ? normalize(join(root, path)) : null;
    if (!file || !file.startsWith(normalize(root) + sep)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`no file at ${path}`);
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': mediaTypes[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`no file at ${path}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  return {
    url: `http://${host}:${port}`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
