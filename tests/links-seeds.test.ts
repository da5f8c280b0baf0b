// The link graph against the real notes, as built once per run by the global setup (`inject('siteDir')`):
// the anchors the graph computes are the ids Astro gave the headings, and every seed wikilink renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { scanVault } from '../src/lib/vault.ts';

const graph = buildLinkGraph(scanVault({ dir: 'notes' }), { unresolved: 'concept' });
const page = (path: string) => readFileSync(join(inject('siteDir'), path, 'index.html'), 'utf8');

describe('the seeds', () => {
  test.each([...graph.notes.keys()])('every heading anchor of %s computed by the graph exists on the page', (id) => {
    const ids = new Set(Array.from(page(id).matchAll(/<h[1-6] id="([^"]+)"/g), (m) => m[1]));
    const anchors = [...graph.notes.get(id)!.anchors.values()];
    expect(anchors.length).toBeGreaterThan(0);
    for (const anchor of anchors) expect(ids, `#${anchor}`).toContain(anchor);
  });

  test('the links to unwritten notes of python-concurrency are concept links with a page each', () => {
    const html = page('python-concurrency');
    for (const [slug, text] of [['python', 'Python'], ['computer-science', 'computer_science'], ['algorithm', 'algorithm'], ['computer-network', 'computer_network']] as const) {
      expect(html).toContain(`<a href="/concepts/${slug}/" title="“`);
      expect(html).toMatch(new RegExp(`href="/concepts/${slug}/"[^>]*class="wikilink wikilink-concept">${text.replace(/[/]/g, '\\/')}</a>`));
      expect(page(`concepts/${slug}`)).toContain('Not written yet');
    }
    expect(page('concepts/computer-science')).toContain('<p class="backlinks-context">In <mark>computer_science</mark> concurrency is the ability');
  });

  test('[[asyncio]], [[input_output|I/O]] and [[Go#Goroutines]] reach the hub notes written for them', () => {
    const html = page('python-concurrency');
    expect(html).toMatch(/<a href="\/asyncio\/" class="wikilink">asyncio<\/a>/);
    expect(html).toMatch(/<a href="\/go\/#goroutines" class="wikilink">Go (?:>|&gt;) Goroutines<\/a>/);
    // The seed's ==[[input_output|I/O]] bound== keeps the link inside the highlight.
    expect(html).toMatch(/<mark class="cloze"><a href="\/input-output\/" class="wikilink">I\/O<\/a> bound<\/mark>/);
    for (const hub of ['asyncio', 'input-output', 'go']) expect(page(hub)).not.toContain('Not written yet');
    expect(page('go')).toContain('<h2 id="goroutines">');
  });

  test('frontmatter tags of the seeds have tag pages', () => {
    expect(page('tags/python')).toContain('href="/python-concurrency/">Python concurrency</a>');
    expect(page('tags/python')).toContain('href="/concurrency-in-python-a-guide/">Concurrency in Python - A Guide</a>');
  });
});
