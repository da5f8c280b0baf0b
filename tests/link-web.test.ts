// The web of notes as a visitor meets it: read from the built pages only (the global setup's
// `dist`), never from the graph that made them. Reports, per note, links and mentions in and out,
// and holds the seeds to being connected.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { mainOf, readPage } from './support/html-text.ts';

const SEEDS = ['python-concurrency', 'concurrency-options', 'concurrency-with-python', 'concurrency-in-python-a-guide'];
const NOT_NOTES = new Set(['_astro', 'pagefind', 'notes', 'concepts', 'tags', 'graph', 'study', '_attachments']);

interface Web {
  /** Note pages it links to from its text (wikilinks), and concept stubs it links to. */
  linksOut: Set<string>;
  conceptsOut: Set<string>;
  /** Its backlinks panel: "Linked from", "Mentioned in", "Mentions". */
  linkedFrom: string[];
  mentionedIn: string[];
  mentions: string[];
}

/** The note ids listed in one section of the backlinks panel, by its heading. */
function panelSection(html: string, heading: string): string[] {
  const panel = html.match(/<aside class="backlinks"[\s\S]*?<\/aside>/)?.[0] ?? '';
  const section = panel.split('<section>').find((s) => s.includes(`<h2 class="backlinks-title">${heading} <span`));
  return section ? [...section.matchAll(/<a class="backlinks-source" href="\/([^"#]+)\/(?:#[^"]*)?">/g)].map((m) => m[1]!) : [];
}

function webOf(siteDir: string, id: string): Web {
  const html = readPage(siteDir, id);
  const main = mainOf(html).replace(/<aside class="backlinks"[\s\S]*?<\/aside>/, '');
  const out = (cls: RegExp) => new Set([...main.matchAll(/<a href="\/([^"#]*?)\/?(?:#[^"]*)?"[^>]*class="([^"]*)"/g)].filter((m) => cls.test(m[2]!)).map((m) => m[1]!));
  const conceptsOut = out(/wikilink-concept/);
  // Links the editor's notes add (class editorial-link) are the editor's, not the note's.
  const linksOut = new Set([...out(/^wikilink(?!.*(concept|editorial-link))/)].filter((t) => t && t !== id));
  return { linksOut, conceptsOut, linkedFrom: panelSection(html, 'Linked from'), mentionedIn: panelSection(html, 'Mentioned in'), mentions: panelSection(html, 'Mentions') };
}

describe('the link web of the built site', () => {
  let siteDir: string;
  let notes: string[];
  let web: Map<string, Web>;
  beforeAll(() => {
    siteDir = inject('siteDir');
    notes = readdirSync(siteDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !NOT_NOTES.has(d.name) && existsSync(join(siteDir, d.name, 'index.html')))
      .map((d) => d.name)
      .sort();
    web = new Map(notes.map((id) => [id, webOf(siteDir, id)]));
    const rows = notes.map((id) => {
      const w = web.get(id)!;
      return { note: id, 'links out': w.linksOut.size, 'mentions out': w.mentions.length, 'linked from': w.linkedFrom.length, 'mentioned in': w.mentionedIn.length, 'concept stubs out': w.conceptsOut.size };
    });
    console.log('link web of the built site (per note page):');
    console.table(rows);
  });

  test('every seed note has at least 3 other notes linking to it or mentioning it', () => {
    const weak = SEEDS.map((id) => ({ id, inbound: new Set([...web.get(id)!.linkedFrom, ...web.get(id)!.mentionedIn]).size })).filter((s) => s.inbound < 3);
    expect(weak).toEqual([]);
  });

  test('every seed note leads somewhere: it links to or mentions at least one hub note', () => {
    for (const id of SEEDS) {
      const w = web.get(id)!;
      expect(w.linksOut.size + w.mentions.length, id).toBeGreaterThan(0);
    }
  });

  test("the seed's [[asyncio]], [[input_output|I/O]] and [[Go#Goroutines]] end on written notes, not concept stubs", () => {
    const seed = web.get('python-concurrency')!;
    for (const target of ['asyncio', 'input-output', 'go']) {
      expect(seed.conceptsOut, target).not.toContain(`concepts/${target}`);
      expect(seed.linksOut, target).toContain(target);
      expect(notes, target).toContain(target);
      expect(readPage(siteDir, target), target).not.toContain('Not written yet');
      // And the note linked to knows it: both directions.
      expect(web.get(target)!.linkedFrom, target).toContain('python-concurrency');
    }
  });

  test('the panel is consistent: a link out of A is a "Linked from A" on the target, a mention out a "Mentioned in"', () => {
    for (const [id, w] of web) {
      for (const target of w.linksOut) if (web.has(target)) expect(web.get(target)!.linkedFrom, `${id} -> ${target}`).toContain(id);
      for (const target of w.mentions) expect(web.get(target)!.mentionedIn, `${id} mentions ${target}`).toContain(id);
    }
  });
});
