// Lighthouse mobile performance of every note, on the built site served locally with gzip.
// Usage: npm run lighthouse [-- --runs 3]   (needs `npm run build` first and Chromium; CHROME_PATH
// defaults to /usr/bin/chromium). Prints one line per note: median performance score and total
// blocking time over the runs, plus the load average, so figures can be read against the machine.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, dist: { type: 'string', default: 'dist' }, only: { type: 'string' } } });
const runs = Number(values.runs);
const root = resolve(values.dist);
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.png': 'image/png' };
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

const server = createServer((req, res) => {
  let file = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
  if (!file.startsWith(root + sep) && file !== root) return void res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404).end();
  const type = extname(file);
  const gzip = COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']));
  res.writeHead(200, { 'content-type': TYPES[type] ?? 'application/octet-stream', 'cache-control': 'max-age=3600', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  const stream = createReadStream(file);
  (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Notes are the top-level pages that are not the site's own lists.
const SITE_PAGES = new Set(['concepts', 'tags', 'notes', 'pagefind', '_astro']);
const notes = readdirSync(root).filter((d) => !SITE_PAGES.has(d) && existsSync(join(root, d, 'index.html')) && (!values.only || d === values.only));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lighthouse = resolve('node_modules/lighthouse/cli/index.js');
const out = join(tmpdir(), `lighthouse-${process.pid}.json`);

console.log(`lighthouse mobile, ${runs} run(s) per note, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const note of notes) {
  const scores: number[] = [];
  const tbts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [lighthouse, `${base}/${note}/`, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'], {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`lighthouse failed on ${note}: ${result.stderr}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    scores.push(Math.round(report.categories.performance.score * 100));
    tbts.push(Math.round(report.audits['total-blocking-time'].numericValue));
  }
  const bytes = statSync(join(root, note, 'index.html')).size;
  console.log(`${note}: performance ${median(scores)} (${scores.join(', ')}), TBT ${median(tbts)} ms (${tbts.join(', ')}), HTML ${(bytes / 1024).toFixed(0)} KB`);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
server.close();
