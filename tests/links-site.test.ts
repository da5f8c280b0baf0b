// The links fixture vault built with the real `npm run build` (lint + astro build): assertions on the
// HTML of note pages (hrefs, anchors, embeds, tags), concept pages, backlinks, mentions and tag pages.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuiltSite } from './support/build-site.ts';
import { withSiteSearch } from './support/pagefind.ts';

const VAULT = 'tests/fixtures/links-vault';
let site: BuiltSite;
const page = (path: string) => readFileSync(join(site.outDir, path, 'index.html'), 'utf8');
/** The page's own content and panels (no sidebar, no head). */
const main = (path: string) => {
  const html = page(path);
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
};
const ids = (html: string) => new Set(Array.from(html.matchAll(/\sid="([^"]+)"/g), (m) => m[1]));

beforeAll(() => {
  site = buildSite(VAULT);
}, 300_000);

describe('wikilinks in the built site', () => {
  test('links go to the note, and heading links to an anchor the target page really has', () => {
    const beta = main('beta_note');
    expect(beta).toContain('<a href="/alpha/#setup" class="wikilink">Alpha Note > Setup</a>');
    expect(beta).toContain('<a href="/alpha/#setup-1-1" class="wikilink">alpha > Setup 1</a>');
    expect(beta).toContain('<a href="/alpha/" class="wikilink">First Letter</a>');
    expect(beta).toContain('<a href="/beta_note/" class="wikilink">BETA_NOTE</a>');
    const alphaIds = ids(page('alpha'));
    const anchors = Array.from(beta.matchAll(/<a href="\/alpha\/#([^"]+)" class="wikilink">/g), (m) => m[1]);
    expect(anchors.length).toBeGreaterThanOrEqual(3);
    for (const anchor of anchors) expect(alphaIds, `#${anchor}`).toContain(anchor);
    expect(beta).toContain('<a href="/alpha/#missing-heading" class="wikilink wikilink-missing-heading">');
  });

  test('same-page links, table links, highlights around links and code that stays literal', () => {
    expect(main('alpha')).toContain('<a href="#usage-notes" class="wikilink">Usage Notes</a>');
    const gamma = main('gamma');
    expect(gamma).toContain('<td><a href="/alpha/" class="wikilink">Alpha in a table</a></td>');
    expect(gamma).toMatch(/<mark class="cloze"><a href="\/beta_note\/" class="wikilink">Beta<\/a> bound<\/mark>/);
    expect(gamma).toContain('<code dir="auto">[[alpha]]</code>');
    expect(gamma).toContain('# [[alpha]] #notatag');
  });

  test('links to notes not written yet are concept links with their own class, title and style', () => {
    expect(main('gamma')).toContain('<a href="/concepts/go/" title="“Go” is not written yet" class="wikilink wikilink-concept">Go > Goroutines</a>');
    const css = readdirSync(join(site.outDir, '_astro')).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(site.outDir, '_astro', f), 'utf8')).join('');
    expect(css).toMatch(/a\.wikilink-concept[^{]*\{[^}]*dashed/);
  });

  test('embeds transclude a section or a whole note with a link to the source; self-embeds do not recurse', () => {
    const gamma = main('gamma');
    expect(gamma).toContain('<div class="wikilink-embed" data-embed="alpha"><p class="wikilink-embed-source"><a href="/alpha/#usage-notes" class="wikilink wikilink-embed-link">Alpha Note › Usage Notes</a></p>');
    expect(gamma).toContain('<div class="wikilink-embed" data-embed="beta_note">');
    expect(gamma).toContain('Names are matched loosely');
    expect(gamma).not.toContain('The first setup section');
    expect(gamma).toContain('class="wikilink wikilink-embed-skipped">gamma</a>');
    // Embedded headings take no ids, so the page's own anchors keep their numbers.
    expect(gamma).not.toMatch(/<h2 id="usage-notes"/);
    // ![[delta]] inside the embedded epsilon would close a cycle: a link instead.
    expect(main('delta')).toContain('data-embed="epsilon"');
    expect(main('delta')).toContain('class="wikilink wikilink-embed-skipped">delta</a>');
  });

  test('image embeds become images (Astro optimises them)', () => {
    expect(main('gamma')).toMatch(/<img alt="Diagram of the flow"[^>]*src="\/_astro\/diagram\.[^"]+"/);
  });
});

describe('concept pages', () => {
  test('say the note is not written yet, quote each mention and offer to write it', () => {
    const concept = main('concepts/unwritten-idea');
    expect(concept).toContain('<h1 id="_top"');
    expect(concept).toContain('Unwritten idea</h1>');
    expect(concept).toContain('Not written yet');
    expect(concept).toContain('<a class="backlinks-source" href="/alpha/">Alpha Note</a><p class="backlinks-context">A list item pointing to <mark>unwritten_idea</mark> for later.</p>');
    const href = concept.match(/<a class="concept-write[^"]*" href="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const url = new URL(href);
    expect(url.pathname).toMatch(/^\/[^/]+\/[^/]+\/new\/main\/notes$/);
    expect(url.searchParams.get('filename')).toBe('unwritten_idea.md');
    expect(url.searchParams.get('value')).toContain('title: "Unwritten idea"');
    // Mentioned in: delta names "Unwritten Idea" without linking it.
    expect(concept).toMatch(/Mentioned in[\s\S]*href="\/delta\/">Delta<\/a><p class="backlinks-context">[^<]*<mark>Unwritten Idea<\/mark>/);
  });

  test('the concepts index lists every unwritten concept', () => {
    const index = main('concepts');
    expect(index).toContain('href="/concepts/unwritten-idea/">Unwritten idea</a>');
    expect(index).toContain('href="/concepts/go/">Go</a>');
  });

  test('the build prints a summary of unresolved targets', () => {
    expect(site.output).toContain('2 unresolved link target(s) rendered as concept pages under /concepts/: Go (1), Unwritten idea (1)');
  });
});

describe('backlinks', () => {
  test('"Linked from" quotes the sentence around each link; "Mentioned in" finds unlinked names', () => {
    const alpha = main('alpha');
    const panel = alpha.slice(alpha.indexOf('<aside class="backlinks"'));
    expect(panel).toMatch(/^<aside class="backlinks" data-pagefind-ignore="all"/);
    expect(panel).toContain('Linked from <span class="backlinks-count">2</span>');
    expect(panel).toContain('<a class="backlinks-source" href="/beta_note/">Beta Note</a><p class="backlinks-context">Beta links to <mark>Alpha Note &gt; Setup</mark>, usage, alpha &gt; Setup 1, First Letter, alpha.md and ALPHA.</p>');
    expect(panel).toContain('<a class="backlinks-source" href="/gamma/">Gamma</a>');
    expect(panel).toContain('Mentioned in <span class="backlinks-count">1</span>');
    expect(panel).toContain('<a class="backlinks-source" href="/delta/">Delta</a><p class="backlinks-context">Delta talks about the <mark>alpha note</mark> and the First Letter without linking them.</p>');
  });

  test('backlinks are left out of the search index', () => {
    for (const path of ['alpha', 'gamma', 'concepts/unwritten-idea']) {
      for (const aside of main(path).matchAll(/<aside class="backlinks"[^>]*>/g)) expect(aside[0]).toContain('data-pagefind-ignore="all"');
    }
  });

  test('Pagefind does not find a page through its backlinks', async () => {
    // "talks" is written in delta (and in epsilon, which embeds delta); alpha only quotes it in "Mentioned in".
    await withSiteSearch(site.outDir, async (urls) => {
      const talks = await urls('talks');
      expect(talks).toContain('/delta/');
      expect(talks).not.toContain('/alpha/');
      // "later" is in alpha's text; the concept page quotes it in "Linked from" only.
      const later = await urls('later');
      expect(later).toContain('/alpha/');
      expect(later).not.toContain('/concepts/unwritten-idea/');
    });
  });

  test('a page carries only its own backlinks', () => {
    // epsilon is linked from delta only; nothing about alpha's backlinks leaks into it.
    const epsilon = main('epsilon');
    expect(epsilon).toContain('href="/delta/">Delta</a>');
    expect(epsilon).not.toContain('Beta links to');
  });
});

describe('tags', () => {
  test('inline #tags link to tag pages; frontmatter and inline tags share case-folded pages', () => {
    expect(main('alpha')).toContain('<a href="/tags/python/" class="tag">#Python</a>');
    expect(main('alpha')).toContain('<a href="/tags/nested/tag/" class="tag">#nested/tag</a>');
    expect(main('alpha')).toContain('but not #123');
    const python = main('tags/python');
    expect(python).toContain('href="/alpha/">Alpha Note</a>');
    expect(python).toContain('href="/beta_note/">Beta Note</a>');
    expect(existsSync(join(site.outDir, 'tags/nested/tag/index.html'))).toBe(true);
    expect(main('tags/nested')).toContain('href="/alpha/">Alpha Note</a>');
    expect(main('tags')).toContain('href="/tags/greek/">#greek</a>');
  });

  test('the sidebar links to Concepts and Tags', () => {
    const html = page('alpha');
    expect(html).toMatch(/<a href="\/concepts\/"[^>]*>\s*<span[^>]*>Concepts<\/span>/);
    expect(html).toMatch(/<a href="\/tags\/"[^>]*>\s*<span[^>]*>Tags<\/span>/);
  });
});

describe('link errors stop the build', () => {
  test('with UNRESOLVED_LINKS=error, unresolved links fail `npm run build` with file:line:col', () => {
    const failed = buildSite(VAULT, { UNRESOLVED_LINKS: 'error', EXPECT_FAILURE: '1' });
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('notes/alpha.md:27:27 error: [[unwritten_idea]] does not match any note (file name, title or alias) [unresolved-link]');
  });

  test('link errors fail even a bare `astro build` (link-report integration)', () => {
    const work = mkdtempSync(join(tmpdir(), 'links-ambiguous-'));
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, UNRESOLVED_LINKS: 'error', NOTES_DIR: VAULT, OUT_DIR: join(work, 'dist'), ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain('link error(s)');
    expect(output).toContain('notes/alpha.md:27:27 error: [[unwritten_idea]] does not match any note (file name, title or alias) [unresolved-link]');
  }, 120_000);
});

describe('incremental builds', () => {
  test('writing a concept\'s note turns the old "not written yet" links into real links, even with a warm cache', () => {
    const work = mkdtempSync(join(tmpdir(), 'links-incremental-'));
    const vault = join(work, 'notes');
    cpSync(VAULT, vault, { recursive: true });
    const env = { ASTRO_CACHE_DIR: join(work, 'cache') };
    const first = buildSite(vault, env);
    expect(readFileSync(join(first.outDir, 'alpha/index.html'), 'utf8')).toContain('href="/concepts/unwritten-idea/"');
    writeFileSync(join(vault, 'unwritten_idea.md'), '# Unwritten idea\n\nWritten at last.\n');
    const second = buildSite(vault, env);
    const alpha = readFileSync(join(second.outDir, 'alpha/index.html'), 'utf8');
    expect(alpha).toContain('<a href="/unwritten_idea/" class="wikilink">unwritten_idea</a>');
    expect(existsSync(join(second.outDir, 'concepts/unwritten-idea/index.html'))).toBe(false);
  }, 240_000);
});
