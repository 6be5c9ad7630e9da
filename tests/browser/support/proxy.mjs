// A loopback HTTP proxy in front of badung-cityd for report and offline
// tests: it logs every POST requests.json (Idempotency-Key and body), the
// path of every request, and apart the paths of the offline pack download's
// requests (header X-Badung-Pack: download). It can drop the response to the next POST
// after the server has stored the request, respond to the next POST with
// an error status without passing it on, and respond to every request
// whose path starts with a prefix with an error status.
import http from 'node:http';

const postPath = '/open311/v2/requests.json';

// Resolves to { url, posts, paths, packPaths, dropNextPostResponse(), failNextPost(),
// failPaths(), close() } for a proxy
// to upstream (a URL such as http://127.0.0.1:PORT). The client's Host
// header goes on unchanged, so the server's absolute links (TileJSON, style)
// name the proxy, the page's own origin, which the page's CSP allows.
export async function startProxy(upstream) {
  const target = new URL(upstream);
  const posts = [];
  const paths = [];
  const packPaths = [];
  const failedPrefixes = new Map();
  let dropNext = false;
  let failNextStatus = 0;

  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const isPost = request.method === 'POST' && request.url.split('?')[0] === postPath;
      const drop = isPost && dropNext;
      if (drop) dropNext = false;
      paths.push(request.url);
      if (request.headers['x-badung-pack'] === 'download') packPaths.push(request.url);
      let failStatus = isPost ? failNextStatus : 0;
      if (failStatus) failNextStatus = 0;
      for (const [prefix, status] of failedPrefixes) {
        if (request.url.startsWith(prefix)) failStatus = status;
      }
      if (isPost) {
        posts.push({
          key: request.headers['idempotency-key'] || '',
          body: body.toString('utf8'),
          fields: new URLSearchParams(body.toString('utf8')),
          dropped: drop,
          failedWith: failStatus,
        });
      }
      if (failStatus) {
        response.writeHead(failStatus, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify([{ code: failStatus, description: 'the proxy failed this request on purpose' }]));
        return;
      }

      const headers = { ...request.headers };
      const upstreamRequest = http.request({
        host: target.hostname, port: target.port, method: request.method, path: request.url, headers,
      }, (upstreamResponse) => {
        const parts = [];
        upstreamResponse.on('data', (part) => parts.push(part));
        upstreamResponse.on('end', () => {
          if (drop) {
            // The server has stored the request and responded, but the
            // client never receives the response.
            request.socket.destroy();
            return;
          }
          response.writeHead(upstreamResponse.statusCode, upstreamResponse.headers);
          response.end(Buffer.concat(parts));
        });
      });
      upstreamRequest.on('error', () => request.socket.destroy());
      upstreamRequest.end(body);
    });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    paths,
    packPaths,
    dropNextPostResponse() {
      dropNext = true;
    },
    failNextPost(status) {
      failNextStatus = status;
    },
    // Responds with status to every request whose path starts with prefix,
    // until called again with status 0.
    failPaths(prefix, status) {
      if (status) failedPrefixes.set(prefix, status);
      else failedPrefixes.delete(prefix);
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
