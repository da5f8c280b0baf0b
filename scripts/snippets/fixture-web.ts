// The local stand-in for the web sites the notes fetch: fixed bodies of the sizes in FORMAT.md,
// served over http and https with a configurable, per-host latency; counts requests in flight.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One page of the fixture web: body size in bytes and a latency factor (1 = the base latency). */
export interface FixturePage { host: string; path: string; bytes: number; latencyFactor: number }

/** The pages the notes use (FORMAT.md, "Fixture web"); any other path on these hosts is a 404. */
export const FIXTURE_PAGES: readonly FixturePage[] = [
  { host: 'www.jython.org', path: '/', bytes: 10966, latencyFactor: 1.0 },
  { host: 'www.wikipedia.org', path: '/', bytes: 74052, latencyFactor: 1.3 },
  { host: 'olympus.realpython.org', path: '/dice', bytes: 273, latencyFactor: 0.8 },
  { host: 'www.example.com', path: '/', bytes: 1256, latencyFactor: 0.9 },
  { host: 'www.openai.com', path: '/', bytes: 5230, latencyFactor: 1.1 },
  { host: 'www.python.org', path: '/', bytes: 50123, latencyFactor: 1.2 },
];

/** Host names that resolve to the fixture server (bare domains too, as browsers and libraries try both). */
export const FIXTURE_HOSTS: readonly string[] = [
  ...new Set(FIXTURE_PAGES.flatMap((p) => [p.host, p.host.replace(/^www\./, '')])),
];

/** A deterministic HTML body of exactly `bytes` bytes. */
export function fixtureBody(page: FixturePage): Buffer {
  const head = `<!doctype html><html><head><title>${page.host} (fixture)</title></head><body><p>`;
  const tail = '</p></body></html>\n';
  const fill = 'Local stand-in for the snippet check. '.repeat(Math.ceil(page.bytes / 38) + 1);
  const html = (head + fill).slice(0, Math.max(0, page.bytes - tail.length)) + tail;
  return Buffer.from(html.slice(0, page.bytes));
}

/** Counters of one fixture server, for reports and structural concurrency evidence. */
export interface FixtureStats {
  requests: number;
  notFound: number;
  inFlight: number;
  maxInFlight: number;
  byHost: Record<string, number>;
}

/** How the fixture web listens and how slow it answers. */
export interface FixtureOptions {
  /** Latency of a response in milliseconds of real time (already scaled), before the per-host factor. */
  latencyMs: number;
  /** Ports to listen on; 0 picks a free port (fallback mode without a network namespace). */
  httpPort: number;
  httpsPort: number;
  /** PEM key and certificate for https (see `tls-ca.ts`). */
  key: string;
  cert: string;
  host?: string;
}

/** A running fixture server: its ports, live counters, and `close()`. */
export interface FixtureServer {
  httpPort: number;
  httpsPort: number;
  stats: FixtureStats;
  close(): Promise<void>;
}

/** Starts the fixture web on http and https; resolves once both listen. */
export async function startFixtureWeb(options: FixtureOptions): Promise<FixtureServer> {
  const bodies = new Map(FIXTURE_PAGES.map((p) => [`${p.host}${p.path}`, { page: p, body: fixtureBody(p) }]));
  const stats: FixtureStats = { requests: 0, notFound: 0, inFlight: 0, maxInFlight: 0, byHost: {} };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const www = host.startsWith('www.') || !FIXTURE_HOSTS.includes(`www.${host}`) ? host : `www.${host}`;
    const path = (req.url ?? '/').split('?')[0]!;
    const hit = bodies.get(`${www}${path}`) ?? bodies.get(`${www}${path.replace(/\/$/, '')}`);
    stats.requests++;
    stats.byHost[www] = (stats.byHost[www] ?? 0) + 1;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const delay = options.latencyMs * (hit?.page.latencyFactor ?? 1);
    req.resume();
    setTimeout(() => {
      stats.inFlight--;
      if (!hit) stats.notFound++;
      const body = hit ? hit.body : Buffer.from('not found');
      res.writeHead(hit ? 200 : 404, { 'content-type': hit ? 'text/html; charset=utf-8' : 'text/plain', 'content-length': body.length });
      res.end(body);
    }, delay).unref();
  };
  const http: Server = createHttp({ keepAliveTimeout: 30_000 }, handler);
  const https: Server = createHttps({ key: options.key, cert: options.cert, keepAliveTimeout: 30_000 }, handler);
  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, options.host ?? '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const httpPort = await listen(http, options.httpPort);
  const httpsPort = await listen(https, options.httpsPort);
  const close = async () => {
    for (const s of [http, https]) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  };
  return { httpPort, httpsPort, stats, close };
}
