import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
  '.woff2': 'font/woff2', '.xml': 'application/xml', '.txt': 'text/plain', '.pdf': 'application/pdf',
};

/** A built site served on 127.0.0.1 for browser tests; `close()` when done. */
export interface StaticSite {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves `root` (a `dist/` folder) like a static host: `/x/` → `/x/index.html`, 404 page otherwise.
 * With `base` (`/kb/`), the site lives under that path, as a GitHub Pages project site does.
 */
export async function serveStatic(root: string, base = '/'): Promise<StaticSite> {
  const prefix = base.replace(/\/?$/, '/');
  const server: Server = createServer((req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = requested.startsWith(prefix) ? requested.slice(prefix.length - 1) : '/__outside-base__/';
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file);
    const served = found ? file : join(root, '404.html');
    res.writeHead(found ? 200 : 404, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
