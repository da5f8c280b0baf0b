// Timelines and Mermaid diagrams in headless Chromium: visible, themed light and dark, the code
// language choosing the runtime, usable on a phone, and no serious or critical axe-core findings.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';

const SHOTS = 'test-results/screenshots';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe-core violations inside `selector`. */
async function axe(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (sel) => {
    const result = await (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({ include: [sel] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  }, selector);
}

describe.skipIf(!hasChromium)('diagrams in Chromium', () => {
  let site: StaticSite;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await serveStatic(inject('siteDir'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const open = async (route: string, width: number, theme: 'light' | 'dark', lang: 'python' | 'typescript') => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
    await context.addInitScript(([t, l]) => {
      localStorage.setItem('starlight-theme', t!);
      localStorage.setItem('notes:code-lang', l!);
    }, [theme, lang]);
    const page = await context.newPage();
    await page.goto(`${site.url}${route}`);
    return page;
  };

  test.each([
    [1280, 'light', 'python'], [1280, 'dark', 'typescript'], [390, 'light', 'typescript'], [390, 'dark', 'python'],
  ] as const)('concurrency-options at %i px, %s, %s: three timelines of that runtime, no serious axe findings', async (width, theme, lang) => {
    const page = await open('/concurrency-options/', width, theme, lang);
    const figures = page.locator('figure.timeline');
    expect(await figures.count()).toBe(3);
    const runtime = lang === 'python' ? 'python' : 'node';
    for (let i = 0; i < 3; i++) {
      const runs = figures.nth(i).locator('.tl-run');
      const visible = await runs.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).dataset.runtime));
      expect(visible).toEqual([runtime]);
    }
    const svg = figures.first().locator(`.tl-run[data-runtime="${runtime}"] svg`);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    // Bars take the theme's colours (light bars on dark, dark bars on light).
    const fill = await svg.locator('path.tl-bar').first().evaluate((el) => getComputedStyle(el).fill);
    const [r, g, b] = fill.match(/\d+/g)!.map(Number);
    expect((r! + g! + b!) / 3 > 128).toBe(theme === 'dark');
    // The page itself never scrolls sideways on a phone: the diagram scrolls in its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await figures.first().screenshot({ path: join(SHOTS, `timeline-options-${width}-${theme}-${lang}.png`) });
    expect(await axe(page, 'figure.timeline')).toEqual([]);
    await page.context().close();
  });

  test('the say_after pair shares one time axis: 3 s sequential, 2 s with tasks', async () => {
    const page = await open('/python-concurrency/', 1280, 'light', 'typescript');
    const pair = page.locator('figure.timeline', { hasText: 'say_after awaited one after the other' });
    const svgs = pair.locator('svg');
    expect(await svgs.count()).toBe(2);
    // Same axis: the 2 s tick sits at the same x in both.
    const tickX = (i: number) => svgs.nth(i).locator('text.tl-tick', { hasText: /^2 s$/ }).getAttribute('x');
    expect(await tickX(0)).toBe(await tickX(1));
    expect(await pair.innerText()).toMatch(/3 s in all[\s\S]*2 s in all/);
    await pair.screenshot({ path: join(SHOTS, 'timeline-say-after-1280-light.png') });
    expect(await axe(page, 'figure.timeline')).toEqual([]);
    await page.context().close();
  });

  test.each(['light', 'dark'] as const)('Mermaid diagrams in the %s theme: one rendering shown, readable, no serious axe findings', async (theme) => {
    const { renderNote } = await import('../render-note.ts');
    const html = await renderNote('```mermaid\nflowchart LR\n  A[Submit job] --> B{Pool busy?}\n  B -- yes --> C[Queue]\n  B -- no --> D[Worker]\n```\n\n```mermaid\nsequenceDiagram\n  participant EL as Event loop\n  EL->>Task: resume\n  Task-->>EL: await sleep(1)\n```\n');
    const css = readFileSync('src/styles/timeline.css', 'utf8');
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const bg = theme === 'dark' ? '#17181c' : '#ffffff';
    await page.setContent(`<!doctype html><html lang="en" data-theme="${theme}"><head><title>Mermaid</title><style>${css} body{background:${bg};color:${theme === 'dark' ? '#fff' : '#000'}}</style></head><body><main>${html}</main></body></html>`);
    const shown = await page.locator('svg.mermaid-svg').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.classList.contains('mermaid-dark') ? 'dark' : 'light'));
    expect(shown).toEqual([theme, theme]);
    await page.screenshot({ path: join(SHOTS, `mermaid-${theme}.png`), fullPage: true });
    expect(await axe(page, 'main')).toEqual([]);
    await page.close();
  }, 180_000);
});
