// The site built at `/` and at `/kb/` (a GitHub Pages project site), crawled as a static host
// serves it: every internal link, asset, anchor and Pagefind file must arrive under the base.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { buildSite } from './support/build-site.ts';
import { crawlSite, type CrawlReport } from './support/crawl.ts';
import { readPage } from './support/html-text.ts';

const SITE_URL = 'https://example.github.io';

/** The notes plus a fixture with images, embeds, tags and headings: every kind of generated URL. */
function mixedVault(): string {
  const dir = mkdtempSync(join(tmpdir(), 'base-vault-'));
  cpSync('notes', dir, { recursive: true });
  for (const f of readdirSync('tests/fixtures/links-vault')) cpSync(join('tests/fixtures/links-vault', f), join(dir, f));
  return dir;
}

let kb: string | undefined;
/** The mixed vault built at /kb/ on SITE_URL, once for this file. */
const kbSite = () => (kb ??= buildSite(mixedVault(), { SITE_BASE: '/kb/', SITE_URL }).outDir);

/** The one place the Search script says where Pagefind lives (`bundlePath:` in Starlight's Search bundle). */
function pagefindBundlePath(dist: string): string | undefined {
  for (const f of readdirSync(join(dist, '_astro'))) {
    if (!f.endsWith('.js')) continue;
    // Starlight writes `bundlePath:`/kb`.replace(/\/$/,``)+`/pagefind/``.
    const m = /bundlePath:`([^`]*)`/.exec(readFileSync(join(dist, '_astro', f), 'utf8'));
    if (m) return `${m[1]!.replace(/\/$/, '')}/pagefind/`;
  }
  return undefined;
}

describe('the crawler', () => {
  test('reports a missing file, a missing anchor and a link outside the base (positive control)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'crawl-'));
    mkdirSync(join(dist, 'a'));
    writeFileSync(join(dist, 'a', 'index.html'), '<h2 id="here">Here</h2>');
    writeFileSync(join(dist, 'style.css'), 'body{background:url(/kb/missing.png)}');
    writeFileSync(
      join(dist, 'index.html'),
      '<link rel="stylesheet" href="/kb/style.css"><a href="/kb/a/#here">ok</a><a href="/kb/a/#gone">x</a><a href="/a/">y</a><a href="/kb/b/">z</a><a href="https://other.org/">ext</a>',
    );
    const report = crawlSite(dist, '/kb/');
    expect(report.broken.map((b) => `${b.from} ${b.url} ${b.problem}`).sort()).toEqual([
      'index.html /a/ outside-base',
      'index.html /kb/a/#gone missing-anchor',
      'index.html /kb/b/ missing-file',
      'style.css /kb/missing.png missing-file',
    ]);
    expect(report.checked).toBe(6);
  });
});

describe.each([
  { base: '/', env: {} as Record<string, string> },
  { base: '/kb/', env: { SITE_BASE: '/kb/', SITE_URL } as Record<string, string> },
])('the site built at $base', ({ base, env }) => {
  let dist: string;
  let report: CrawlReport;
  beforeAll(() => {
    dist = base === '/' ? inject('siteDir') : kbSite();
    report = crawlSite(dist, base, env.SITE_URL ?? 'http://crawl.invalid');
  });

  test('has no broken internal link, missing anchor or asset outside the base', () => {
    expect(report.broken).toEqual([]);
    expect(report.pages).toBeGreaterThan(15);
    expect(report.checked).toBeGreaterThan(300);
  });

  test('reaches styles, scripts, the favicon, the manifest, tags, concepts and every note list', () => {
    const reached = [...report.reached];
    for (const re of [/\/og\/notes\/.+\.png$/, /\/og\/site\.png$/, /\/_astro\/.*\.css$/, /\/_astro\/.*\.js$/, /\/favicon\.svg$/, /\/manifest\.webmanifest$/, /\/tags\/.+\/$/, /\/concepts\/.+\/$/, /\/notes\/$/]) {
      expect(reached.some((u) => u.startsWith(base) && re.test(u)), String(re)).toBe(true);
    }
  });

  test('points the search box at Pagefind files that exist under the base', () => {
    const bundle = pagefindBundlePath(dist);
    expect(bundle).toBe(`${base}pagefind/`);
    for (const file of ['pagefind.js', 'pagefind-entry.json', 'pagefind-ui.js']) expect(readdirSync(join(dist, 'pagefind'))).toContain(file);
  });
});

describe('a site with SITE_URL and SITE_BASE', () => {
  let dist: string;
  beforeAll(() => {
    dist = buildSite(resolve('tests/fixtures/links-vault'), { SITE_BASE: '/kb/', SITE_URL }).outDir;
  });

  test('has canonical URLs, a sitemap and robots.txt on the real host under the base', () => {
    expect(readPage(dist, 'alpha')).toContain(`<link rel="canonical" href="${SITE_URL}/kb/alpha/"`);
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE_URL}/kb/sitemap-index.xml`);
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${SITE_URL}/kb/alpha/</loc>`);
    expect(sitemap).not.toMatch(/<loc>https:\/\/example\.github\.io\/(?!kb\/)/);
  });

  test('crawls clean, images and embeds included', () => {
    const report = crawlSite(dist, '/kb/', SITE_URL);
    expect(report.broken).toEqual([]);
    // On failure, say what the embedding page holds instead (one CI run found no optimized image).
    const imgs = readPage(dist, 'gamma').match(/<img[^>]*>|data-image-missing[^>]*>/g)?.join('\n');
    expect([...report.reached].some((u) => /\/kb\/_astro\/diagram\..*\.(png|webp)$/.test(u)), `gamma's images:\n${imgs}`).toBe(true);
  });
});

describe('a site without SITE_URL', () => {
  test('names no host: no canonical URL, no sitemap, robots.txt without a Sitemap line', () => {
    const dist = inject('siteDir');
    expect(readPage(dist, 'python-concurrency')).not.toContain('rel="canonical"');
    expect(readdirSync(dist)).not.toContain('sitemap-index.xml');
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).not.toContain('Sitemap:');
    expect(readPage(dist, 'python-concurrency')).not.toContain('example.org');
    // Social images are then paths on the site, which the crawler above finds.
    expect(readPage(dist, 'python-concurrency')).toContain('<meta property="og:image" content="/og/notes/python-concurrency.png"');
  });
});

describe('what a published site carries', () => {
  let dist: string;
  beforeAll(() => {
    dist = kbSite();
  });

  test('an RSS feed of dated notes, newest first, valid XML with absolute links under the base', async () => {
    const xml = readFileSync(join(dist, 'feed.xml'), 'utf8');
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    expect(XMLValidator.validate(xml)).toBe(true);
    const items = new XMLParser().parse(xml).rss.channel.item as { title: string; link: string; description: string }[];
    expect(items.map((i) => i.link)).toEqual([`${SITE_URL}/kb/python-concurrency/`, `${SITE_URL}/kb/concurrency-in-python-a-guide/`]);
    expect(items[0]!.description).toMatch(/^Various notes on concurrency in Python\. Main information source/);
    expect(readPage(dist, 'alpha')).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="Python Concurrency Notes" href="\/kb\/feed.xml"\/?>/);
  });

  test('each note describes itself: frontmatter description, else its first paragraph', () => {
    const meta = (id: string, key: string) => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`).exec(readPage(dist, id))?.[1];
    expect(meta('concurrency-in-python-a-guide', 'description')).toBe('Fundamentals of concurrency in Python');
    expect(meta('python-concurrency', 'og:description')).toMatch(/^Various notes on concurrency in Python\./);
    expect(meta('python-concurrency', 'twitter:description')).toBe(meta('python-concurrency', 'og:description'));
  });

  test('a note’s date is the same calendar day on its page, in lists and in the feed', () => {
    // notes/python-concurrency.md: `date: 2024-09-26T00:00+03:00`, which is 21:00 UTC on the 25th.
    expect(readPage(dist, 'python-concurrency')).toMatch(/Last updated:\s*<time datetime="2024-09-26T00:00:00.000Z">\s*Sep 26, 2024\s*<\/time>/);
    expect(readPage(dist, '')).toMatch(/<time datetime="[^"]+">2024-09-26<\/time>/);
    const feed = readFileSync(join(dist, 'feed.xml'), 'utf8');
    const pubDate = (link: string) => new RegExp(`<link>${SITE_URL}/kb/${link}/</link>(?:(?!</item>).)*?<pubDate>([^<]+)</pubDate>`, 's').exec(feed)?.[1];
    expect(pubDate('python-concurrency')).toBe('Thu, 26 Sep 2024 00:00:00 GMT');
    expect(pubDate('concurrency-in-python-a-guide')).toBe('Wed, 05 Apr 2023 00:00:00 GMT');
  });

  test('a social image per note, absolute under the base, and the site’s image on concept and tag pages', async () => {
    const meta = (id: string, key: string) => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`).exec(readPage(dist, id))?.[1];
    expect(meta('python-concurrency', 'og:image')).toBe(`${SITE_URL}/kb/og/notes/python-concurrency.png`);
    expect(meta('python-concurrency', 'twitter:image')).toBe(`${SITE_URL}/kb/og/notes/python-concurrency.png`);
    expect(meta('python-concurrency', 'twitter:card')).toBe('summary_large_image');
    expect(meta('python-concurrency', 'og:image:alt')).toBe('Python concurrency');
    expect(meta('concepts/python', 'og:image')).toBe(`${SITE_URL}/kb/og/site.png`);
    expect(meta('tags', 'og:image')).toBe(`${SITE_URL}/kb/og/site.png`);
    const { default: sharp } = await import('sharp');
    for (const file of ['og/notes/python-concurrency.png', 'og/notes/alpha.png', 'og/site.png']) {
      expect(await sharp(join(dist, file)).metadata(), file).toMatchObject({ format: 'png', width: 1200, height: 630 });
    }
    // Two notes, two different cards.
    expect(readFileSync(join(dist, 'og/notes/alpha.png')).equals(readFileSync(join(dist, 'og/notes/python-concurrency.png')))).toBe(false);
  });

  test('the favicon and web manifest exist and the manifest names the site', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
    expect(manifest.name).toBe('Python Concurrency Notes');
    expect(readFileSync(join(dist, 'favicon.svg'), 'utf8')).toMatch(/^<svg/);
  });

  test('every note has an "Edit page" link to its file in the repository', () => {
    expect(readPage(dist, 'alpha')).toContain('href="https://github.com/pyconcurrency/notes/edit/main/');
  });
});
