// The local graph under each note and the global graph page, used as a reader would in headless
// Chromium with WebGL (SwiftShader) on the links fixture vault: open the graph, search, click a node.
// Screenshots for a human to look at go to test-results/screenshots (or SHOTS_DIR); axe-core runs on each screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';

// Several browser pages per test on a shared 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser, watchProblems } from '../support/site-browser.ts';
import { buildSite } from '../support/build-site.ts';

const WAIT = { timeout: 30_000, interval: 100 };
if (!hasChromium) console.warn(`tests/e2e/graph.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('local and global graph in a real browser (Chromium, WebGL)', () => {
  let problems: string[] = [];

  const site = useSiteBrowser(() => process.env.GRAPH_SITE_DIR ?? buildSite('tests/fixtures/links-vault').outDir, { webgl: true, expect: 'graph/index.html' });

  async function open(path: string, options: BrowserContextOptions & { theme?: 'light' | 'dark' } = {}): Promise<Page> {
    const { theme = 'light', ...context } = options;
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: theme, ...context });
    await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    watchProblems(page, problems);
    await page.goto(site.url + path, { timeout: 30_000 });
    return page;
  }

  /** Canvas pixel of a node, from sigma's own coordinates (the renderer is on the container element). */
  const nodePosition = async (page: Page, selector: string, title: string) => {
    await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    return page.evaluate(({ selector, title }) => {
      const host = document.querySelector(selector) as HTMLElement & { sigma?: { getGraph(): { findNode(f: (k: string, a: { label: string }) => boolean): string | undefined }; getNodeDisplayData(k: string): { x: number; y: number }; framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number } } };
      const sigma = host.sigma!;
      const key = sigma.getGraph().findNode((_, a) => a.label === title)!;
      const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(key));
      const box = host.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, { selector, title });
  };

  test('the JSON files hold the graph: every note and concept globally, a note’s neighbours locally', () => {
    const global = JSON.parse(readFileSync(join(site.dir, 'graph.json'), 'utf8'));
    expect(global.nodes.map((n: { t: string }) => n.t).sort()).toEqual(['Alpha Note', 'Beta Note', 'Delta', 'Epsilon', 'Gamma', 'Go', 'Unwritten idea']);
    expect(global.nodes.find((n: { t: string }) => n.t === 'Go').c).toBe(1);
    expect(global.tags[0]).toBe('python');
    // Laid out at build time: every node has integer coordinates.
    expect(global.nodes.every((n: { x: number; y: number }) => Number.isInteger(n.x) && Number.isInteger(n.y))).toBe(true);
    const local = JSON.parse(readFileSync(join(site.dir, 'graph', 'local', 'alpha.json'), 'utf8'));
    expect(local.nodes[0]).toMatchObject({ t: 'Alpha Note', d: 0 });
    const depth = Object.fromEntries(local.nodes.map((n: { t: string; d: number }) => [n.t, n.d]));
    // Alpha links to Beta, Gamma and a concept; Go is linked from Gamma, two steps away; Delta only mentions Alpha.
    expect(depth).toEqual({ 'Alpha Note': 0, 'Beta Note': 1, Gamma: 1, 'Unwritten idea': 1, Go: 2 });
  });

  test('a note shows its local graph when scrolled to; the list equivalent is keyboard reachable; a click opens a node', async () => {
    problems = [];
    const page = await open('/alpha/');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.waitForTimeout(500);
    // Not fetched before it is shown.
    expect(requests).not.toContain('/graph/local/alpha.json');
    const graph = page.locator('local-graph');
    await graph.scrollIntoViewIfNeeded();
    await expect.poll(() => graph.getAttribute('data-state'), WAIT).toBe('ready');
    expect(requests).toContain('/graph/local/alpha.json');
    expect(await page.locator('.local-graph-status').innerText()).toContain('3 notes and concepts within one link');
    // The list: summary reachable with Tab, then its links.
    await page.locator('.local-graph-list summary').focus();
    await page.keyboard.press('Enter');
    const list = await page.locator('.local-graph-list').innerText();
    expect(list).toContain('Links to');
    expect(list).toContain('Beta Note');
    expect(list).toContain('Unwritten idea (not written yet)');
    expect(list).not.toContain('Go');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.local-graph-list') !== null)).toBe(true);
    // Depth 2 adds Go.
    await page.getByLabel('two links').check();
    await expect.poll(() => page.locator('.local-graph-list').innerText(), WAIT).toContain('Two links away');
    expect(await page.locator('.local-graph-list').innerText()).toContain('Go');
    expect(formatAxe(await axeFindings(page, { include: ['.local-graph'] }))).toEqual([]);
    await page.locator('.local-graph').screenshot({ path: join(SHOTS, 'local-graph-light.png') });
    // Click the node of Beta Note in the canvas: its page opens.
    await page.waitForTimeout(300);
    const at = await nodePosition(page, '.local-graph-canvas', 'Beta Note');
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(/\/beta_note\/$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the local graph in dark theme and on a phone passes axe', async () => {
    problems = [];
    for (const [theme, width] of [['dark', 1280], ['light', 390], ['dark', 390]] as const) {
      const page = await open('/gamma/', { theme, viewport: { width, height: 844 } });
      const graph = page.locator('local-graph');
      await graph.scrollIntoViewIfNeeded();
      await expect.poll(() => graph.getAttribute('data-state'), WAIT).toBe('ready');
      expect(formatAxe(await axeFindings(page, { include: ['.local-graph'] }))).toEqual([]);
      await page.locator('.local-graph').screenshot({ path: join(SHOTS, `local-graph-${theme}-${width}.png`) });
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  test('the global graph: search highlights and lists matches, a tag highlights its notes, a click opens a node', async () => {
    problems = [];
    const page = await open('/graph/');
    const graph = page.locator('global-graph');
    await expect.poll(() => graph.getAttribute('data-state'), WAIT).toBe('ready');
    expect(await graph.getAttribute('data-nodes')).toBe('7');
    expect(await page.locator('.graph-status').innerText()).toContain('5 notes, 2 concepts');
    // Drawn where the build put the nodes: the browser lays nothing out.
    const json = JSON.parse(readFileSync(join(site.dir, 'graph.json'), 'utf8')) as { nodes: Array<{ t: string; x: number; y: number }> };
    const drawn = await page.evaluate(() => {
      const host = document.querySelector('.global-graph-canvas') as HTMLElement & { sigma: { getGraph(): { mapNodes<T>(f: (k: string, a: { label: string; x: number; y: number }) => T): T[] } } };
      return host.sigma.getGraph().mapNodes((_, a) => ({ t: a.label, x: a.x, y: a.y }));
    });
    expect(drawn).toEqual(json.nodes.map(({ t, x, y }) => ({ t, x, y })));
    await page.getByLabel('Highlight notes whose title contains').fill('alph');
    await expect.poll(() => page.locator('.graph-matches').innerText(), WAIT).toBe('Alpha Note');
    expect(await page.locator('.graph-match-count').innerText()).toBe('1 match.');
    // Highlighted in the renderer: the other nodes are dimmed, the match keeps its colour and label.
    const display = (title: string) => page.evaluate((title) => {
      const host = document.querySelector('.global-graph-canvas') as HTMLElement & { sigma: { getGraph(): { findNode(f: (k: string, a: { label: string }) => boolean): string }; getNodeDisplayData(k: string): { color: string; label: string | null } } };
      const key = host.sigma.getGraph().findNode((_, a) => a.label === title);
      return host.sigma.getNodeDisplayData(key);
    }, title);
    expect((await display('Alpha Note')).label).toBe('Alpha Note');
    expect((await display('Delta')).label).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'global-graph-search-light.png') });
    // The match is a link.
    expect(await page.locator('.graph-matches a').getAttribute('href')).toBe('/alpha/');
    await page.getByLabel('Highlight notes whose title contains').fill('');
    await page.getByRole('button', { name: '#python' }).click();
    expect(await page.getByRole('button', { name: '#python' }).getAttribute('aria-pressed')).toBe('true');
    expect((await display('Beta Note')).label).toBe('Beta Note');
    expect((await display('Gamma')).label).toBeNull();
    await page.getByRole('button', { name: '#python' }).click();
    expect(formatAxe(await axeFindings(page, { include: ['main'] }))).toEqual([]);
    await page.waitForTimeout(300);
    const at = await nodePosition(page, '.global-graph-canvas', 'Gamma');
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(/\/gamma\/$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the global graph page in light and dark theme, on a desktop and a phone, passes axe', async () => {
    problems = [];
    for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]] as const) {
      const page = await open('/graph/', { theme, viewport: { width, height: 844 } });
      await expect.poll(() => page.locator('global-graph').getAttribute('data-state'), WAIT).toBe('ready');
      expect(formatAxe(await axeFindings(page, { include: ['main'] }))).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `global-graph-${theme}-${width}.png`) });
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});
