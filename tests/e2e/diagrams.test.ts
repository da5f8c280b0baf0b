// Timelines and Mermaid diagrams in headless Chromium: visible, themed light and dark, the code
// language choosing the runtime, usable on a phone, and no serious or critical axe-core findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';

describe.skipIf(!hasChromium)('diagrams in Chromium', () => {
  const site = useSiteBrowser(() => inject('siteDir'));

  const open = async (route: string, width: number, theme: 'light' | 'dark', lang: 'python' | 'typescript') => {
    const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
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
    expect(formatAxe(await axeFindings(page, { include: 'figure.timeline' }))).toEqual([]);
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
    expect(formatAxe(await axeFindings(page, { include: 'figure.timeline' }))).toEqual([]);
    await page.context().close();
  });

  const sizes = [[1280, 'light'], [1280, 'dark'], [390, 'light'], [390, 'dark']] as const;

  test.each(sizes)('race-condition demo at %i px, %s: per worker, increments and lost updates of both rounds, as the trace holds them', async (width, theme) => {
    const trace = JSON.parse(readFileSync('src/data/traces/python-concurrency/race-condition-counter.node.json', 'utf8')) as
      { lanes: string[]; spans: { lane: number; start: number; counts?: Record<string, number> }[] };
    const page = await open('/python-concurrency/', width, theme, 'typescript');
    const figure = page.locator('figure.timeline', { hasText: 'increments and lost updates per worker' });
    const tally = figure.locator('svg.tl-tally');
    expect(await tally.isVisible()).toBe(true);
    const texts = await tally.locator('text.tl-lane-label').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const n = (x: number) => x.toLocaleString('en-US');
    trace.lanes.forEach((lane, i) => {
      const [r1, r2] = trace.spans.filter((x) => x.lane === i && x.counts).sort((a, b) => a.start - b.start).map((x) => x.counts!);
      const at = texts.indexOf(lane);
      expect(texts.slice(at, at + 3)).toEqual([lane, `${n(r1!.increments!)} · ${n(r1!.lost!)} lost`, `${n(r2!.increments!)} · 0 lost`]);
    });
    expect(await figure.innerText()).toMatch(/In this recorded run — round 1: counter\[0\] \+= 1 \(racy\): 500,000 increments, [\d,]+ lost; round 2: Atomics.add: 500,000 increments, 0 lost\./);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await figure.screenshot({ path: join(SHOTS, `timeline-race-${width}-${theme}.png`) });
    expect(formatAxe(await axeFindings(page, { include: 'figure.timeline' }))).toEqual([]);
    await page.context().close();
  }, 180_000);

  test('CPU-bound counting has both languages: the TypeScript run calls performCalculation 4 times one after another', async () => {
    const page = await open('/concurrency-in-python-a-guide/', 1280, 'light', 'typescript');
    const figure = page.locator('figure.timeline', { hasText: 'CPU-bound counting' });
    const names = await figure.locator('.tl-run').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.querySelector('.tl-run-name strong')?.textContent));
    expect(names).toEqual(['performCalculation × 4, one after another', 'worker_threads pool (tinypool)']);
    expect(await figure.innerText()).toContain('The run agrees with the note: “sequential: one calculation at a time” (this run: at most 1 job at once).');
    await figure.screenshot({ path: join(SHOTS, 'timeline-count-up-1280-light-typescript.png') });
    await page.context().close();
  }, 180_000);

  test.each(sizes)('the event loop note at %i px, %s: its Mermaid flowchart drawn at build time in the theme, source kept, no serious axe findings', async (width, theme) => {
    const page = await open('/event-loop/', width, theme, 'python');
    const figure = page.locator('figure.mermaid-diagram');
    expect(await figure.count()).toBe(1);
    const shown = await figure.locator('svg.mermaid-svg').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.classList.contains('mermaid-dark') ? 'dark' : 'light'));
    expect(shown).toEqual([theme]);
    const svg = figure.locator(`svg.mermaid-${theme}`);
    expect(await svg.evaluate((e) => e.textContent)).toContain('Anything ready now?');
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(width < 500 ? 200 : 300);
    expect(box.width).toBeLessThanOrEqual(width);
    // The source is the accessible description, folded under the drawing.
    const described = await svg.getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toContain('flowchart TD');
    // No code block of it is left in the text: the only one is the folded source.
    expect(await page.locator('.expressive-code', { hasText: 'flowchart TD' }).count()).toBe(1);
    expect(await figure.locator('details.mermaid-source .expressive-code', { hasText: 'flowchart TD' }).count()).toBe(1);
    expect(await figure.locator('details.mermaid-source').getAttribute('open')).toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await figure.screenshot({ path: join(SHOTS, `mermaid-event-loop-${width}-${theme}.png`) });
    expect(formatAxe(await axeFindings(page, { include: 'figure.mermaid-diagram' }))).toEqual([]);
    await page.context().close();
  }, 180_000);

  test.each(['light', 'dark'] as const)('Mermaid diagrams in the %s theme: one rendering shown, readable, no serious axe findings', async (theme) => {
    const { renderNote } = await import('../render-note.ts');
    const html = await renderNote('```mermaid\nflowchart LR\n  A[Submit job] --> B{Pool busy?}\n  B -- yes --> C[Queue]\n  B -- no --> D[Worker]\n```\n\n```mermaid\nsequenceDiagram\n  participant EL as Event loop\n  EL->>Task: resume\n  Task-->>EL: await sleep(1)\n```\n');
    const css = readFileSync('src/styles/timeline.css', 'utf8');
    const page = await site.browser.newPage({ viewport: { width: 900, height: 900 } });
    const bg = theme === 'dark' ? '#17181c' : '#ffffff';
    await page.setContent(`<!doctype html><html lang="en" data-theme="${theme}"><head><title>Mermaid</title><style>${css} body{background:${bg};color:${theme === 'dark' ? '#fff' : '#000'}}</style></head><body><main>${html}</main></body></html>`);
    const shown = await page.locator('svg.mermaid-svg').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.classList.contains('mermaid-dark') ? 'dark' : 'light'));
    expect(shown).toEqual([theme, theme]);
    await page.screenshot({ path: join(SHOTS, `mermaid-${theme}.png`), fullPage: true });
    expect(formatAxe(await axeFindings(page, { include: 'main' }))).toEqual([]);
    await page.close();
  }, 180_000);
});
