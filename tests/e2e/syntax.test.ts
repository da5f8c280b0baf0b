import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, hasChromium, launchBrowser } from '../support/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';
import { XSS_PAYLOADS } from '../fixtures/xss/payloads.ts';

/** Screenshots for a human to look at (not compared): SYNTAX_SHOTS or a temp folder. */
const SHOTS = process.env.SYNTAX_SHOTS ?? join(tmpdir(), 'syntax-shots');

if (!hasChromium) console.warn(`tests/e2e/syntax.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

/**
 * The fixture vault `tests/fixtures/syntax-site/` plus a note holding every XSS payload, built
 * with the real `npm run build` and opened in Chromium.
 */
describe.skipIf(!hasChromium)('Obsidian syntax in a real browser (Chromium)', () => {
  let site: BuiltSite;
  let server: StaticSite;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const vault = mkdtempSync(join(tmpdir(), 'syntax-vault-'));
    cpSync('tests/fixtures/syntax-site', vault, { recursive: true });
    const body = XSS_PAYLOADS.map(([name, md]) => `## ${name.replace(/[^\w :.-]/g, ' ')}\n\n${md}\n`).join('\n');
    writeFileSync(join(vault, 'xss.md'), `---\ntitle: Hostile HTML\n---\n\nCanary paragraph.\n\n${body}`);
    site = buildSite(vault);
    // Positive control for the XSS check: an unsanitized page where the same probe must fire.
    writeFileSync(join(site.outDir, 'control.html'), '<!doctype html><title>c</title><img src="x" onerror="window.__xss=1">');
    server = await serveStatic(site.outDir);
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (route: string, width = 1100) => {
    page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${server.url}${route}`, { waitUntil: 'load' });
    return page;
  };

  test('the build warns about each missing image with file:line:col (a missing relative image does not break it)', () => {
    expect(site.output).toContain('notes/syntax-demo.md:21:1 warning: image not found: /img/multithreading_schedule.png [image-missing]');
    expect(site.output).toContain('notes/syntax-demo.md:30:11 warning: image not found: sketches/missing.png [image-missing]');
  });

  /** The first footnote of the demo note: its reference, its popover and the paragraph holding it. */
  const firstFootnote = async () => {
    const p = await open('/syntax-demo/');
    return {
      p,
      ref: p.locator('.fn sup a').first(),
      popover: p.locator('.fn-popover').first(),
      paragraph: p.locator('.sl-markdown-content p').first(),
    };
  };
  const shotAround = (p: Page, name: string, y: number) =>
    p.screenshot({ path: join(SHOTS, name), clip: { x: 0, y: Math.max(0, y - 160), width: 1100, height: 320 } });

  test('a footnote popover opens on hover with the footnote text, and moves nothing', async () => {
    const { p, ref, popover, paragraph } = await firstFootnote();
    await expect.poll(() => popover.isVisible()).toBe(false);
    const before = await paragraph.boundingBox();
    await ref.hover();
    await expect.poll(() => popover.isVisible()).toBe(true);
    expect(await popover.innerText()).toBe('Fixing races costs more than locks.');
    expect(await paragraph.boundingBox()).toEqual(before);
    await p.waitForTimeout(200);
    await shotAround(p, 'footnote-hover.png', before?.y ?? 0);
    await p.close();
  });

  test('a popover near the right edge is shifted back inside the viewport', async () => {
    const { p, ref, popover } = await firstFootnote();
    await ref.hover();
    await expect.poll(() => popover.isVisible()).toBe(true);
    const shown = (await popover.boundingBox())!;
    expect(shown.x).toBeGreaterThanOrEqual(0);
    expect(shown.x + shown.width).toBeLessThanOrEqual(1100);
    await p.close();
  });

  // Chromium 156 showed the defect: the diagonal path crosses the paragraph for an instant
  // (below the bridge, left of the number), and the popover used to vanish right there.
  test('the pointer can travel diagonally from the number onto the popover without it closing', async () => {
    const { p, ref, popover } = await firstFootnote();
    await ref.hover();
    await expect.poll(() => popover.isVisible()).toBe(true);
    const box = (await popover.boundingBox())!;
    const number = (await ref.boundingBox())!;
    // The far corner of the popover from the number, along a straight line in 4 steps.
    const farX = box.x + 10 < number.x ? box.x + 10 : box.x + box.width - 10;
    await p.mouse.move(farX, box.y + box.height - 4, { steps: 4 });
    await p.waitForTimeout(500);
    expect(await popover.isVisible()).toBe(true);
    expect(await p.evaluate(() => document.querySelector('.fn-popover:hover') !== null)).toBe(true);
    await p.close();
  });

  test('a popover closes when the pointer leaves both the number and the popover', async () => {
    const { p, ref, popover } = await firstFootnote();
    await ref.hover();
    await expect.poll(() => popover.isVisible()).toBe(true);
    await p.mouse.move(5, 880);
    await expect.poll(() => popover.isVisible()).toBe(false);
    await p.close();
  });

  test('Tab onto a footnote reference opens its popover, and Escape closes it', async () => {
    const { p, ref, popover, paragraph } = await firstFootnote();
    await ref.focus();
    await p.keyboard.press('Shift+Tab');
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-footnote-ref'))).toBe('');
    await expect.poll(() => popover.isVisible()).toBe(true);
    await p.keyboard.press('Escape');
    await expect.poll(() => popover.isVisible()).toBe(false);
    await shotAround(p, 'footnote-escape.png', (await paragraph.boundingBox())?.y ?? 0);
    await p.close();
  });

  test('tabbing on from a dismissed popover opens the next reference, which it describes', async () => {
    const { p, ref, paragraph } = await firstFootnote();
    await ref.focus();
    await p.keyboard.press('Escape');
    await p.keyboard.press('Tab');
    const describedBy = await p.evaluate(() => document.activeElement?.getAttribute('aria-describedby'));
    expect(describedBy).toBe('user-content-fnpop-gil');
    await expect.poll(() => p.locator('#user-content-fnpop-gil').isVisible()).toBe(true);
    await shotAround(p, 'footnote-focus.png', (await paragraph.boundingBox())?.y ?? 0);
    await p.close();
  });

  test('a footnote reference jumps to its footnote, whose back-reference returns', async () => {
    const p = await open('/syntax-demo/');
    await p.locator('#user-content-fnref-gil').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => p.evaluate(() => location.hash)).toBe('#user-content-fn-gil');
    await p.locator('#user-content-fn-gil a[data-footnote-backref]').click();
    await expect.poll(() => p.evaluate(() => location.hash)).toBe('#user-content-fnref-gil');
    await p.close();
  });

  test('on a phone-sized screen (dark theme) the popover stays inside the viewport', async () => {
    page = await browser.newPage({ viewport: { width: 380, height: 800 }, colorScheme: 'dark' });
    await page.goto(`${server.url}/syntax-demo/`, { waitUntil: 'load' });
    for (const id of ['cost', 'gil']) {
      await page.locator(`#user-content-fnref-${id}`).focus();
      const popover = page.locator(`#user-content-fnpop-${id}`);
      await expect.poll(() => popover.isVisible()).toBe(true);
      const box = (await popover.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(380);
    }
    await page.waitForTimeout(300); // let the fade-in finish
    await page.screenshot({ path: join(SHOTS, 'footnote-phone-dark.png') });
    await page.close();
  });

  test('math is rendered by KaTeX at build time with its CSS loaded once; $5 and $10 stays text', async () => {
    const p = await open('/syntax-demo/');
    expect(await p.locator('.katex').count()).toBe(2);
    expect(await p.locator('.katex-display').count()).toBe(1);
    const font = await p.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toContain('KaTeX_Main');
    // The MathML copy is visually hidden by katex.min.css; the glyphs are shown.
    expect(await p.locator('.katex-mathml').first().evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
    expect(await p.locator('.katex-html').first().isVisible()).toBe(true);
    const sheetsWithKatex = await p.evaluate(() =>
      [...document.styleSheets].filter((s) => [...s.cssRules].some((r) => r instanceof CSSStyleRule && r.selectorText === '.katex')).length,
    );
    expect(sheetsWithKatex).toBe(1);
    expect(await p.locator('.sl-markdown-content').innerText()).toContain('costs $5 and $10 to fix.');
    // No KaTeX script on the page: rendering happened at build time.
    expect(await p.evaluate(() => [...document.scripts].some((s) => /katex/i.test(s.src + s.text)))).toBe(false);
    const display = p.locator('.katex-display');
    await display.scrollIntoViewIfNeeded();
    const box = (await display.boundingBox())!;
    await p.screenshot({ path: join(SHOTS, 'math.png'), clip: { x: 0, y: Math.max(0, box.y - 200), width: 1100, height: 320 } });
    await p.close();
  });

  test('callouts render with titles; [!x]- is closed, [!x]+ open, and they fold on click', async () => {
    const p = await open('/syntax-demo/');
    const tip = p.locator('div.callout[data-callout="tip"]');
    expect(await tip.locator('.callout-title').innerText()).toBe('Use a pool');
    const closed = p.locator('details.callout[data-callout="warning"]');
    expect(await closed.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await closed.getByText('Hidden until you open it.').isVisible()).toBe(false);
    await closed.locator('> summary').click();
    await expect.poll(() => closed.getByText('Hidden until you open it.').isVisible()).toBe(true);
    const nested = closed.locator('details.callout[data-callout="note"]');
    expect(await nested.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await nested.getByText('Still inside.').isVisible()).toBe(true);
    // Distinct colours per type (the CSS applied).
    const colour = (l: typeof tip) => l.evaluate((el) => getComputedStyle(el).borderInlineStartColor);
    expect(await colour(tip)).not.toBe(await colour(closed));
    await tip.scrollIntoViewIfNeeded();
    const box = (await tip.boundingBox())!;
    await p.screenshot({ path: join(SHOTS, 'callouts.png'), clip: { x: 0, y: Math.max(0, box.y - 20), width: 1100, height: 420 } });
    await nested.locator('> summary').click();
    await expect.poll(() => nested.getByText('Still inside.').isVisible()).toBe(false);
    await p.close();
  });

  test('a missing image shows a captioned placeholder; the found image loads; no broken <img>; comments are gone', async () => {
    const p = await open('/syntax-demo/');
    const figure = p.locator('figure.image-missing');
    const inline = p.locator('span.image-missing');
    expect(await inline.getAttribute('aria-label')).toBe('missing sketch (image not available yet)');
    expect(await inline.isVisible()).toBe(true);
    expect(await figure.isVisible()).toBe(true);
    expect(await figure.innerText()).toContain('multithreading schedule');
    expect(await figure.innerText()).toContain('image not available yet');
    const box = (await figure.boundingBox())!;
    expect(box.height).toBeGreaterThan(60);
    expect(box.height).toBeLessThan(300);
    expect(await p.locator('.image-missing-box').first().evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(30);
    const images = await p.locator('.sl-markdown-content img').evaluateAll((imgs) => imgs.map((i) => ({ alt: (i as HTMLImageElement).alt, ok: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 })));
    expect(images).toEqual([{ alt: 'a small diagram', ok: true }]);
    const text = await p.locator('.sl-markdown-content').innerText();
    expect(text).not.toContain('private comment');
    expect(text).not.toContain('commented-out section');
    expect(await p.locator('.sl-markdown-content kbd').count()).toBe(2);
    expect(await p.locator('.sl-markdown-content mark').innerText()).toBe('marked');
    await figure.scrollIntoViewIfNeeded();
    const at = (await figure.boundingBox())!;
    await p.screenshot({ path: join(SHOTS, 'image-placeholder.png'), clip: { x: 0, y: Math.max(0, at.y - 40), width: 1100, height: 420 } });
    await p.close();
  });

  test('the XSS probe works on an unsanitized page (positive control)', async () => {
    const p = await open('/control.html');
    await expect.poll(() => p.evaluate(() => (window as { __xss?: number }).__xss)).toBe(1);
    await p.close();
  });

  test(`a note with ${XSS_PAYLOADS.length} hostile payloads runs no script and opens no dialog`, async () => {
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/xss/`, { waitUntil: 'load' });
    expect(await page.getByText('Canary paragraph.').isVisible()).toBe(true);
    // Give handlers a chance: hover and click every link and detail, focus everything focusable.
    for (const el of await page.locator('.sl-markdown-content :is(a, summary, button, img, details)').all()) {
      await el.hover({ timeout: 500 }).catch(() => {});
      await el.click({ timeout: 500, noWaitAfter: true }).catch(() => {});
      if (page.url() !== `${server.url}/xss/` && !page.url().startsWith(`${server.url}/xss/#`)) await page.goto(`${server.url}/xss/`);
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Starlight's heading-anchor icons (SVG) and KaTeX's own MathML are the site's, not the note's.
    const foreign = await page
      .locator('.sl-markdown-content :is(script, iframe, object, embed, form, style, base, meta, svg, math)')
      .evaluateAll((all) => all.filter((el) => !el.closest('.sl-anchor-link, .katex')).map((el) => el.outerHTML.slice(0, 80)));
    expect(foreign).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'xss.png'), fullPage: false });
    await page.close();
  });
});
