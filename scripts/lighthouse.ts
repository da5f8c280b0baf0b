// Lighthouse mobile performance of every note, on the built site served locally with gzip.
// Usage: npm run lighthouse [-- --runs 3] [-- --only python-concurrency] [-- --timeout 180]
// (needs `npm run build` first and Chromium; CHROME_PATH defaults to /usr/bin/chromium). Prints one
// line per note: median performance score and total blocking time over the runs, plus the load
// average, so figures can be read against the machine.
//
// Lighthouse runs as a child process while this process serves dist/: the child must be spawned
// asynchronously. (A spawnSync here blocked the event loop, so the server never answered the page
// request and Lighthouse waited forever — the hang seen on the first note.) Each run has a deadline
// and Lighthouse's own --max-wait-for-load, so a page that never settles fails with a clear error.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    dist: { type: 'string', default: 'dist' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '180' },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values.timeout) * 1000;
const root = resolve(values.dist);
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.png': 'image/png' };
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

const server = createServer((req, res) => {
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return void res.writeHead(400).end();
  }
  let file = normalize(join(root, path));
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

// The notes are the site's own list of titles: [id, title, aliases] per note.
const titles = JSON.parse(readFileSync(join(root, 'titles.json'), 'utf8')) as [string, string, string[]][];
const notes = titles.map(([id]) => id).filter((id) => existsSync(join(root, id, 'index.html')) && (!values.only || values.only.split(',').includes(id)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lighthouse = resolve('node_modules/lighthouse/cli/index.js');
const out = join(tmpdir(), `lighthouse-${process.pid}.json`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** One Lighthouse run on `url`; rejects with the note and Lighthouse's stderr on failure or after the deadline. */
function run(note: string, url: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [lighthouse, url, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', '--max-wait-for-load=30000', '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'], {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`lighthouse on ${note}: no result after ${timeoutMs / 1000} s (killed). ${stderr.trim()}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Error(`lighthouse failed on ${note} (exit ${code}): ${stderr.trim()}`));
    });
  });
}

console.log(`lighthouse mobile, ${runs} run(s) per note, load average ${load()}`);
try {
  for (const note of notes) {
    const scores: number[] = [];
    const tbts: number[] = [];
    for (let i = 0; i < runs; i++) {
      await run(note, `${base}/${note}/`);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      if (report.runtimeError) throw new Error(`lighthouse on ${note}: ${report.runtimeError.code} ${report.runtimeError.message}`);
      scores.push(Math.round(report.categories.performance.score * 100));
      tbts.push(Math.round(report.audits['total-blocking-time'].numericValue));
    }
    const bytes = statSync(join(root, note, 'index.html')).size;
    console.log(`${note}: performance ${median(scores)} (${scores.join(', ')}), TBT ${median(tbts)} ms (${tbts.join(', ')}), HTML ${(bytes / 1024).toFixed(0)} KB`);
  }
} catch (error) {
  console.error(`lighthouse: ${(error as Error).message}`);
  process.exitCode = 1;
}
console.log(`load average after: ${load()}`);
server.close();
