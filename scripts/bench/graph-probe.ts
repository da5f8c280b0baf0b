// Measures the global graph page (/graph/) on a generated vault in headless Chromium with WebGL
// (SwiftShader, i.e. software rendering: a real GPU does better). The graph data is made by the
// same code as the build (scan, link graph, `globalGraphData`) and served with a built site's
// /graph/ page, so a 10,000-note graph is measured without a 10,000-note site build.
//
//   node scripts/bench/graph-probe.ts --site dist --notes 10000 [--seed 42] [--screenshot graph.png]
//
// Prints JSON: the build's layout time (`withLayout`, ForceAtlas2 in Node), graph.json size (raw,
// gzipped), local graph JSON sizes, time to first frame (fetch + parse + build + first draw),
// frames per second while the camera pans and while it zooms, and how long a search takes to
// highlight. Run it with a few notes (--notes 50) for the frame rate SwiftShader allows at all.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { globalGraphData, localGraphData } from '../../src/lib/graph-data.ts';
import { withLayout } from '../../src/lib/graph-layout.ts';
import { buildLinkGraph } from '../../src/lib/link-graph.ts';
import { scanVault } from '../../src/lib/vault.ts';
import { launchBrowser } from '../../tests/support/browser.ts';
import { serveStatic } from '../../tests/support/static-server.ts';
import { generateVault } from './generator.ts';

const { values } = parseArgs({ options: { site: { type: 'string', default: 'dist' }, notes: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' }, screenshot: { type: 'string' } } });
const work = mkdtempSync(join(tmpdir(), 'graph-probe-'));
try {
  const n = Number(values.notes);
  const vault = generateVault(join(work, 'vault'), n, Number(values.seed));
  const graph = buildLinkGraph(scanVault({ dir: vault.dir, displayDir: 'notes', includeDrafts: false }), { unresolved: 'concept' });
  const layoutStarted = performance.now();
  const data = JSON.stringify(withLayout(globalGraphData(graph, '')));
  const layoutMs = Math.round(performance.now() - layoutStarted);
  const site = join(work, 'site');
  cpSync(resolve(values.site!), site, { recursive: true });
  writeFileSync(join(site, 'graph.json'), data);
  const locals = [...graph.notes.keys()].map((id) => JSON.stringify(localGraphData(graph, '', id)).length).sort((a, b) => a - b);

  const server = await serveStatic(site);
  const browser = await launchBrowser({ webgl: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const started = Date.now();
  await page.goto(`${server.url}/graph/`);
  await page.waitForSelector('global-graph[data-state="ready"]');
  const wall = Date.now() - started;
  const attrs = await page.locator('global-graph').evaluate((el: HTMLElement) => ({ ...el.dataset }));
  /** Frames drawn by the page during `ms`, while `action` runs. */
  const fps = (ms: number, action: string) =>
    page.evaluate(async ({ ms, action }) => {
      const host = document.querySelector('.global-graph-canvas') as HTMLElement & { sigma: { getCamera(): { animate(s: object, o: object): Promise<void> } } };
      const camera = host.sigma.getCamera();
      if (action === 'zoom') void camera.animate({ ratio: 0.2, x: 0.4, y: 0.6 }, { duration: ms });
      if (action === 'pan') void camera.animate({ ratio: 1, x: 0.8, y: 0.3 }, { duration: ms });
      let frames = 0;
      const t0 = performance.now();
      await new Promise<void>((done) => {
        const tick = () => (performance.now() - t0 < ms ? (frames++, requestAnimationFrame(tick)) : done());
        requestAnimationFrame(tick);
      });
      return Math.round((frames / (performance.now() - t0)) * 1000 * 10) / 10;
    }, { ms, action });
  const idleFps = await fps(2000, 'idle');
  // `--screenshot FILE`: the drawn graph, to look at (the measures below move the camera).
  if (values.screenshot) await page.screenshot({ path: values.screenshot });
  const panFps = await fps(3000, 'pan');
  const zoomFps = await fps(3000, 'zoom');
  const search = await page.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('.graph-search input')!;
    const t0 = performance.now();
    input.value = 'thread';
    input.dispatchEvent(new Event('input'));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return { ms: Math.round(performance.now() - t0), matches: document.querySelector('.graph-match-count')!.textContent };
  });
  await browser.close();
  await server.close();
  console.log(JSON.stringify({
    notes: n,
    layout_ms: layoutMs,
    nodes: Number(attrs.nodes),
    edges: Number(attrs.edges),
    graph_json_bytes: data.length,
    graph_json_gzip_bytes: gzipSync(data).length,
    local_json_bytes_median: locals[locals.length >> 1],
    local_json_bytes_max: locals[locals.length - 1],
    fetch_ms: Number(attrs.fetchMs),
    first_frame_ms: Number(attrs.loadMs),
    wall_until_ready_ms: wall,
    fps_idle: idleFps,
    fps_while_panning: panFps,
    fps_while_zooming: zoomFps,
    search_highlight_ms: search.ms,
    search_matches: search.matches,
    page_errors: errors,
    load_average: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  }, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}
