// Attachments in Chromium: embedded PDFs (`![[paper.pdf]]`, `![[paper.pdf#page=2]]`), a viewer with a title, sized
// to the column, with a download link that stays visible (axe-clean, light and dark, desktop and phone), and a
// Markdown image found by file name.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium, launchBrowser } from '../support/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';

const SHOTS = 'test-results/screenshots';

if (!hasChromium) console.warn(`tests/e2e/attachments.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** A valid PDF with one page per text (Helvetica, 24 pt), offsets computed for the xref table. */
export function tinyPdf(pages: string[]): Buffer {
  const objects: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  pages.forEach((text, i) => {
    const stream = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe.skipIf(!hasChromium)('attachments in Chromium: embedded PDFs, Markdown images found by name', { timeout: 240_000 }, () => {
  let site: BuiltSite;
  let server: StaticSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const vault = mkdtempSync(join(tmpdir(), 'pdf-vault-'));
    mkdirSync(join(vault, 'Attachments', 'papers'), { recursive: true });
    writeFileSync(join(vault, 'Attachments', 'papers', 'scheduling paper.pdf'), tinyPdf(['Page one of the paper', 'Page two of the paper']));
    mkdirSync(join(vault, 'Attachments', 'icons'), { recursive: true });
    writeFileSync(join(vault, 'Attachments', 'icons', 'plus.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48"><path d="M20 8h8v12h12v8H28v12h-8V28H8v-8h12z" fill="#2a7"/></svg>');
    writeFileSync(
      join(vault, 'reading.md'),
      '---\ntitle: Reading list\n---\n\nThe paper, embedded:\n\n![[scheduling paper.pdf]]\n\nIts second page, shorter:\n\n![[scheduling paper.pdf#page=2&height=300|Second page]]\n\nA link only: [[scheduling paper.pdf]].\n\nA Markdown image found by its name: ![plus icon](plus.svg)\n',
    );
    site = buildSite(vault);
    server = await serveStatic(site.outDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, scheme: 'light' | 'dark'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    await page.goto(`${server.url}/reading/`, { waitUntil: 'load' });
    return page;
  }

  test('each embed is an <object> with the PDF, its title and a visible download link; a plain [[link]] stays a link', async () => {
    const page = await open(1280, 'light');
    const viewers = page.locator('.sl-markdown-content .pdf-embed object');
    expect(await viewers.count()).toBe(2);
    const href = '/_attachments/Attachments/papers/scheduling%20paper.pdf';
    expect(await viewers.evaluateAll((els) => els.map((e) => [e.getAttribute('data'), e.getAttribute('type'), e.getAttribute('title')]))).toEqual([
      [href, 'application/pdf', 'scheduling paper.pdf (PDF)'],
      [`${href}#page=2`, 'application/pdf', 'Second page (PDF, page 2)'],
    ]);
    const downloads = page.locator('.pdf-embed a.pdf-embed-link');
    expect(await downloads.evaluateAll((els) => els.map((e) => [e.getAttribute('href'), e.hasAttribute('download')]))).toEqual([
      [href, true],
      [href, true],
    ]);
    expect(await downloads.first().isVisible()).toBe(true);
    // The file is published where the viewer points, as a PDF.
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // `[[x.pdf]]` without `!` is a link, not a viewer.
    expect(await page.locator('.sl-markdown-content p a.wikilink-attachment:not(.pdf-embed-link)').innerText()).toBe('scheduling paper.pdf (PDF)');
    // For a human: the second viewer should open at page two.
    await page.locator('.pdf-embed').nth(1).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await page.locator('.pdf-embed').nth(1).screenshot({ path: join(SHOTS, 'pdf-embed-page-2.png') });
    await page.close();
  });

  test('a Markdown image written by file name only is found in the vault and shown, and the build does not warn about it', async () => {
    expect(site.output).not.toContain('image not found');
    const page = await open(1280, 'light');
    const img = page.locator('.sl-markdown-content img[alt="plus icon"]');
    await img.waitFor();
    expect(await img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBe(48);
    await page.close();
  });

  test.each([
    [1280, 'light'],
    [1280, 'dark'],
    [390, 'light'],
    [390, 'dark'],
  ] as const)('at %i px, %s: the viewer fills the column, is page-high (or the height asked for), and axe finds nothing serious', async (width, scheme) => {
    const page = await open(width, scheme);
    const column = (await page.locator('.sl-markdown-content').boundingBox())!;
    const [first, second] = await page.locator('.pdf-embed object').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(Math.abs(first!.width - column.width)).toBeLessThanOrEqual(2);
    expect(first!.height).toBeGreaterThanOrEqual(Math.min(0.8 * 900, 48 * 16) - 2);
    expect(Math.round(second!.height)).toBe(300);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(formatAxe(await axeFindings(page))).toEqual([]);
    await page.locator('.pdf-embed').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, `pdf-embed-${width}-${scheme}.png`) });
    await page.close();
  });
});
