// Links, concept pages and backlinks in a real headless Chromium, on the links fixture vault:
// wide and narrow screenshots for a human to look at (test-results/screenshots, or SHOTS_DIR), plus checks
// that backlinks are visible on both widths, concept links look different, and heading links land.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';
import { describe, expect, test } from 'vitest';
import { buildSite } from '../support/build-site.ts';

if (!hasChromium) console.warn(`tests/e2e/links.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('links and backlinks in a real browser (Chromium)', () => {
  const site = useSiteBrowser(() => buildSite('tests/fixtures/links-vault').outDir);

  async function open(path: string, width = 1280): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(site.url + path);
    return page;
  }

  test('a note shows its backlinks with context, on wide and narrow screens', async () => {
    for (const [width, name] of [[1280, 'note-wide'], [390, 'note-narrow']] as const) {
      const page = await open('/alpha/', width);
      const panel = page.locator('aside.backlinks');
      await panel.scrollIntoViewIfNeeded();
      expect(await panel.isVisible()).toBe(true);
      const text = await panel.innerText();
      expect(text).toContain('Linked from');
      expect(text).toContain('Beta Note');
      expect(text).toContain('Mentioned in');
      expect(text).toContain('Delta talks about the alpha note');
      // Nothing in the panel overflows the viewport on a phone.
      const box = await panel.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await panel.screenshot({ path: join(SHOTS, `${name}-backlinks.png`) });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await page.context().close();
    }
  });

  test('concept links look different from links to written notes', async () => {
    const page = await open('/gamma/');
    const style = (selector: string) => page.locator(selector).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { decoration: s.textDecorationStyle, color: s.color, after: getComputedStyle(el, '::after').content };
    });
    const concept = await style('a.wikilink-concept');
    const written = await style('.sl-markdown-content p > a.wikilink:not(.wikilink-concept)');
    expect(concept.decoration).toBe('dashed');
    expect(written.decoration).not.toBe('dashed');
    expect(concept.color).not.toBe(written.color);
    expect(concept.after).toBe('"?"');
    await page.screenshot({ path: join(SHOTS, 'embeds.png'), fullPage: true });
    await page.context().close();
  });

  test('a concept page says it is not written yet and offers to write it', async () => {
    for (const [width, name] of [[1280, 'concept-wide'], [390, 'concept-narrow']] as const) {
      const page = await open('/concepts/unwritten-idea/', width);
      expect(await page.locator('h1').innerText()).toBe('Unwritten idea');
      expect(await page.locator('.concept-badge').isVisible()).toBe(true);
      const write = page.getByRole('link', { name: 'Write this note' });
      expect(await write.isVisible()).toBe(true);
      expect(await write.getAttribute('href')).toContain('/new/main/notes?filename=unwritten_idea.md');
      expect(await page.locator('aside.backlinks').innerText()).toContain('A list item pointing to unwritten_idea for later.');
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await page.context().close();
    }
  });

  test('a heading link lands on the heading of the target page', async () => {
    const page = await open('/beta_note/');
    await page.locator('a.wikilink', { hasText: 'alpha > Setup 1' }).click();
    await page.waitForURL(/\/alpha\/#setup-1-1$/);
    const heading = page.locator('#setup-1-1');
    expect(await heading.innerText()).toBe('Setup 1');
    expect(await heading.isVisible()).toBe(true);
    await page.context().close();
  });
});
