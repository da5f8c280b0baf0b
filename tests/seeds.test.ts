import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { splitFrontmatter } from '../src/lib/frontmatter.ts';
import { htmlText, mainOf, readPage, squash } from './support/html-text.ts';

/** Which page holds each seed; 002 is the lossy plain-text export of 000 and has no page of its own. */
const SEEDS = [
  { prefix: '000_', route: 'python-concurrency', title: 'Python concurrency' },
  { prefix: '001_', route: 'concurrency-options', title: 'Concurrency Options' },
  { prefix: '003_', route: 'concurrency-with-python', title: 'Concurrency with Python' },
  { prefix: '004_', route: 'concurrency-in-python-a-guide', title: 'Concurrency in Python - A Guide' },
] as const;

const seedsDir = resolve('../shared/seeds');
const seedFile = (prefix: string) => join(seedsDir, readdirSync(seedsDir).find((f) => f.startsWith(prefix))!);

/**
 * The author's words of a seed as text fragments, block by block. A fragment ends where the
 * page legitimately renders markup differently: at a wikilink (shown as its alias or target),
 * a footnote reference (a superscript number) and raw HTML (`<br>`, `<cite>`).
 */
function fragments(markdown: string): { kind: string; text: string }[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(splitFrontmatter(markdown).body) as Root;
  const out: { kind: string; text: string }[] = [];
  const inline = (node: Nodes, acc: string[]): void => {
    if (node.type === 'text' || node.type === 'inlineCode') acc.push(node.value);
    else if (node.type === 'footnoteReference' || node.type === 'html' || node.type === 'break') acc.push('\u0000');
    else if (node.type === 'image') acc.push('\u0000', node.alt ?? '', '\u0000');
    else if ('children' in node) for (const child of node.children) inline(child as Nodes, acc);
  };
  const block = (node: Nodes): void => {
    if (node.type === 'code') {
      out.push({ kind: 'code', text: node.value });
    } else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const acc: string[] = [];
      inline(node, acc);
      const text = acc.join('').replace(/\[\[[^\]]*\]\]/g, '\u0000').replace(/==/g, '').replace(/\$/g, '');
      for (const piece of text.split('\u0000')) if (piece.trim()) out.push({ kind: node.type, text: piece });
    } else if ('children' in node) {
      for (const child of node.children) block(child as Nodes);
    }
  };
  block(tree);
  return out;
}

describe('every seed is on the site, word for word', () => {
  let siteDir: string;
  beforeAll(() => {
    siteDir = inject('siteDir');
  });

  test.each(SEEDS)('seed $prefix: every sentence, list item, table cell and code block is on /$route/', ({ prefix, route }) => {
    const page = squash(htmlText(mainOf(readPage(siteDir, route))));
    const pieces = fragments(readFileSync(seedFile(prefix), 'utf8'));
    expect(pieces.length).toBeGreaterThan(20);
    const missing = pieces.filter((p) => !page.includes(squash(p.text))).map((p) => `${p.kind}: ${p.text.slice(0, 120)}`);
    expect(missing).toEqual([]);
  });

  test.each(SEEDS)('seed $prefix: the page title is "$title", shown once', ({ route, title }) => {
    const html = readPage(siteDir, route);
    expect(html).toContain(`<title>${title.replace(/&/g, '&amp;')} |`);
    const h1s = [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => htmlText(m[1]!).trim());
    expect(h1s).toEqual([title]);
  });

  test('seed 002 (lossy export of 000) has no page of its own, yet none of its lines is lost', () => {
    // Top-level pages: folders with an index.html (not `og/`'s social images or other assets).
    const pages = readdirSync(siteDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !['_astro', 'pagefind', 'notes', 'concepts', 'tags'].includes(d.name) && existsSync(join(siteDir, d.name, 'index.html')));
    const titles = pages.map((d) => readPage(siteDir, d.name).match(/<title>(.*?) \|/)?.[1]);
    expect(titles.filter((t) => t === 'Python concurrency')).toHaveLength(1);

    const page = squash(htmlText(mainOf(readPage(siteDir, 'python-concurrency'))));
    // 002 is one line per block with list bullets left as stray `-`: compare it sentence by sentence.
    const sentences = readFileSync(seedFile('002_'), 'utf8')
      .split(/\n|(?<=[.?!])\s+/)
      .map((s) => s.replace(/^\s*-\s*$|\s+-\s*$/, '').trim())
      .filter(Boolean);
    expect(sentences.length).toBeGreaterThan(40);
    const missing = sentences.filter((l) => !page.includes(squash(l)));
    expect(missing).toEqual([]);
  });

  test('sentences only in 002 are collapsed editor\'s notes "In the plain-text export", not interruptions', () => {
    const main = mainOf(readPage(siteDir, 'python-concurrency'));
    const onlyIn002 = [
      'Main information source is realpython concurrency article 1.',
      'Your program spends most of its time talking to a slow device, like a network connection, a hard drive, or a printer, this is I/O bound process.',
      'Speeding it up involves finding ways to do more computations in the same amount of time (solving the problem with more physical cores).',
      'How to Speed Up an I/O-Bound Program',
    ];
    const details = [...main.matchAll(/<details class="editorial editorial--export"([^>]*)>([\s\S]*?)<\/details>/g)];
    expect(details.map((m) => m[1])).not.toContainEqual(expect.stringMatching(/\bopen\b/));
    const exports = details.map((m) => squash(htmlText(m[2]!)));
    expect(exports).toHaveLength(onlyIn002.length);
    for (const [i, sentence] of onlyIn002.entries()) {
      // Collapsed (no `open`), marked in its summary, holding the export's sentence.
      expect(exports[i], sentence).toMatch(/^Editor'snoteIntheplain-textexport:/);
      expect(exports[i], sentence).toContain(squash(sentence));
    }
    expect(main).not.toMatch(/otherversionofthisnote|From the other version of this note/);
  });
});
