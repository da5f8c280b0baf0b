// Wikilink syntax, resolution (table-driven, in the style of Quartz's path.test.ts), rendering and
// the exact `notes/FILE.md:LINE:COL` messages of the link checks.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { buildLinkGraph, type LinkGraph, type UnresolvedPolicy } from '../src/lib/link-graph.ts';
import { headingAnchors, sentenceAround } from '../src/lib/link-parse.ts';
import { newNoteUrl } from '../src/lib/link-paths.ts';
import { formatProblem, sortProblems } from '../src/lib/problems.ts';
import { scanVault } from '../src/lib/vault.ts';
import { remarkTags } from '../src/plugins/remark-tags.ts';
import { remarkWikilinks } from '../src/plugins/remark-wikilinks.ts';
import { parseNoteBody } from '../src/syntax/parse.ts';
import { remarkNoteGrammar } from '../src/syntax/grammar.ts';
import type { WikiLink } from '../src/syntax/wikilink.ts';

const VAULT = resolve('tests/fixtures/links-vault');
const PROBLEMS = resolve('tests/fixtures/links-problems');
const graphs = new Map<string, LinkGraph>();
const graphOf = (dir: string, unresolved: UnresolvedPolicy = 'concept') => {
  const key = `${dir}:${unresolved}`;
  if (!graphs.has(key)) graphs.set(key, buildLinkGraph(scanVault({ dir }), { unresolved }));
  return graphs.get(key)!;
};

const links = (markdown: string): WikiLink[] => {
  const found: WikiLink[] = [];
  visit(parseNoteBody(markdown), 'wikiLink', (n: WikiLink) => void found.push(n));
  return found;
};

describe('wikilink syntax', () => {
  test.each([
    ['[[Note]]', { target: 'Note', heading: undefined, alias: undefined, embed: false, value: 'Note' }],
    ['[[Note|alias]]', { target: 'Note', heading: undefined, alias: 'alias', embed: false, value: 'alias' }],
    ['[[Note#Heading]]', { target: 'Note', heading: 'Heading', alias: undefined, embed: false, value: 'Note > Heading' }],
    ['[[Note#Heading|alias]]', { target: 'Note', heading: 'Heading', alias: 'alias', embed: false, value: 'alias' }],
    ['[[#Heading]]', { target: '', heading: 'Heading', alias: undefined, embed: false, value: 'Heading' }],
    ['[[note.md]]', { target: 'note.md', heading: undefined, alias: undefined, embed: false, value: 'note.md' }],
    ['![[Note]]', { target: 'Note', heading: undefined, alias: undefined, embed: true, value: 'Note' }],
    ['![[Note#Heading]]', { target: 'Note', heading: 'Heading', alias: undefined, embed: true, value: 'Note > Heading' }],
    ['![[diagram.png|300]]', { target: 'diagram.png', heading: undefined, alias: '300', embed: true, value: '300' }],
    ['| a | b |\n| - | - |\n| [[Note\\|alias]] | x |', { target: 'Note', heading: undefined, alias: 'alias', embed: false, value: 'alias' }],
    ['==[[input_output|I/O]] bound==', { target: 'input_output', heading: undefined, alias: 'I/O', embed: false, value: 'I/O' }],
  ])('parses %s', (markdown, expected) => {
    const [link] = links(markdown);
    expect(link).toMatchObject(expected);
    expect(links(markdown)).toHaveLength(1);
  });

  test.each([
    ['inline code', '`[[Note]]`'],
    ['a fenced code block', '```\n[[Note]]\n```'],
    ['an indented code block', '    [[Note]]'],
    ['an empty target', '[[ ]]'],
    ['a line break inside', '[[No\nte]]'],
    ['a single bracket', '[Note]'],
  ])('keeps %s literal', (_, markdown) => {
    expect(links(markdown)).toEqual([]);
  });

  test('positions are exact (column of the first bracket)', () => {
    const [a, b] = links('Text [[A]] and\nmore ![[B]].');
    expect(a!.position?.start).toMatchObject({ line: 1, column: 6 });
    expect(b!.position?.start).toMatchObject({ line: 2, column: 6 });
  });
});

describe('link resolution', () => {
  const graph = graphOf(VAULT);
  const from = (id: string) => graph.notes.get(id)!.note;
  test.each([
    // written, from, kind, note id or key, anchor
    ['[[alpha]]', 'gamma', 'note', 'alpha', undefined],
    ['[[Alpha]]', 'gamma', 'note', 'alpha', undefined],
    ['[[ALPHA]]', 'gamma', 'note', 'alpha', undefined],
    ['[[alpha.md]]', 'gamma', 'note', 'alpha', undefined],
    ['[[Alpha Note]] (title)', 'gamma', 'note', 'alpha', undefined],
    ['[[alpha_note]] (title, underscore)', 'gamma', 'note', 'alpha', undefined],
    ['[[ALPHA-NOTE]] (title, hyphen)', 'gamma', 'note', 'alpha', undefined],
    ['[[First Letter]] (alias)', 'gamma', 'note', 'alpha', undefined],
    ['[[first_letter]] (alias)', 'gamma', 'note', 'alpha', undefined],
    ['[[beta_note]]', 'gamma', 'note', 'beta_note', undefined],
    ['[[beta note]]', 'gamma', 'note', 'beta_note', undefined],
    ['[[Beta-Note]]', 'gamma', 'note', 'beta_note', undefined],
    ['[[BETA_NOTE]]', 'gamma', 'note', 'beta_note', undefined],
    ['[[Alpha Note#Setup]]', 'gamma', 'note', 'alpha', 'setup'],
    ['[[alpha#setup]]', 'gamma', 'note', 'alpha', 'setup'],
    ['[[alpha#Setup 1]] (slug taken by the duplicate)', 'gamma', 'note', 'alpha', 'setup-1-1'],
    ['[[alpha#Usage Notes|usage]]', 'gamma', 'note', 'alpha', 'usage-notes'],
    ['[[alpha#Missing]]', 'gamma', 'note', 'alpha', 'missing'],
    ['[[#Usage Notes]]', 'alpha', 'same-page', undefined, 'usage-notes'],
    ['[[#usage_notes]] (not a heading text)', 'alpha', 'same-page', undefined, 'usage_notes'],
    ['[[alpha\\|Alpha in a table]]', 'gamma', 'note', 'alpha', undefined],
    ['[[unwritten_idea]]', 'alpha', 'unresolved', 'unwritten-idea', undefined],
    ['[[Go#Goroutines]]', 'gamma', 'unresolved', 'go', undefined],
    ['![[diagram.png]]', 'gamma', 'attachment', 'diagram.png', undefined],
    ['![[nowhere.png]] (not in the vault)', 'gamma', 'attachment', 'nowhere.png', undefined],
  ])('%s from %s -> %s %s #%s', (written, fromId, kind, target, anchor) => {
    const [link] = links(written.replace(/ \(.*\)$/, ''));
    const r = graph.resolve(link!, from(fromId));
    expect(r.kind).toBe(kind);
    if (r.kind === 'note') expect([r.note.id, r.anchor]).toEqual([target, anchor]);
    if (r.kind === 'same-page') expect(r.anchor).toBe(anchor);
    if (r.kind === 'unresolved') expect(r.key).toBe(target);
    if (r.kind === 'attachment') expect([r.path, r.missing]).toEqual([target, written.includes('nowhere') ? true : undefined]);
  });

  test.each([
    ['[[alpha#Missing]]', 'gamma', true],
    ['[[alpha#Setup]]', 'gamma', undefined],
    ['[[#Nope]]', 'alpha', true],
  ])('flags %s as a missing heading: %s', (written, fromId, missing) => {
    const r = graph.resolve(links(written)[0]!, from(fromId));
    expect('missingHeading' in r ? r.missingHeading : undefined).toBe(missing);
  });

  test('among notes with one name the shortest path wins; a tie (one title, same-length paths) is ambiguous', () => {
    const g = graphOf(PROBLEMS);
    const dup = g.resolve(links('[[dup]]')[0]!);
    const shared = g.resolve(links('[[shared]]')[0]!);
    expect(dup.kind === 'note' && dup.note.path).toBe('dup.md');
    expect(shared.kind === 'ambiguous' && shared.notes.map((n) => n.path)).toEqual(['one.md', 'two.md']);
    // A path picks one of the two.
    const byPath = g.resolve(links('[[sub/dup]]')[0]!);
    expect(byPath.kind === 'note' && byPath.note.path).toBe('sub/dup.md');
  });

  test('heading anchors follow github-slugger with per-page counters, like Astro', () => {
    const anchors = headingAnchors(parseNoteBody('## Foo\n\n## Foo\n\n## Foo 1\n\n## `code` & [[Link|Shown]]'));
    expect([...anchors]).toEqual([['foo', 'foo'], ['foo-1', 'foo-1-1'], ['code--shown', 'code--shown']]);
  });
});

describe('link problems', () => {
  test('links nothing decides are ambiguous warnings, missing headings warnings, duplicate titles named, positioned in the file', () => {
    const problems = sortProblems(graphOf(PROBLEMS).problems).map(formatProblem);
    // [[dup]] from source.md picks dup.md beside it (Obsidian's proximity); one.md and two.md tie.
    expect(problems).toEqual([
      'notes/source.md:5:30 warning: [[Shared|the shared title]] matches 2 notes at the same distance: notes/one.md and notes/two.md; link by path to choose one [ambiguous-link]',
      'notes/source.md:6:5 warning: [[one#Nowhere]]: notes/one.md has no heading "Nowhere" [missing-heading]',
      'notes/source.md:6:25 warning: [[#Not Here]]: this note has no heading "Not Here" [missing-heading]',
      'notes/two.md:1:1 warning: title or alias "Shared" is also used by notes/one.md: [[Shared]] links by file name first, else it is ambiguous [duplicate-title]',
    ]);
  });

  test('unresolved links are errors only with the error policy', () => {
    const problems = sortProblems(graphOf(PROBLEMS, 'error').problems).map(formatProblem);
    expect(problems).toContain('notes/source.md:7:5 error: [[nothing_here]] does not match any note (file name, title or alias) [unresolved-link]');
    expect(graphOf(PROBLEMS, 'text').problems.map((p) => p.ruleId)).not.toContain('unresolved-link');
  });

  test('self-embeds and embed cycles are warnings', () => {
    const problems = sortProblems(graphOf(VAULT).problems).map(formatProblem);
    expect(problems).toEqual([
      'notes/beta_note.md:11:30 warning: [[Alpha Note#Missing Heading]]: notes/alpha.md has no heading "Missing Heading" [missing-heading]',
      'notes/epsilon.md:3:28 warning: ![[delta]] closes an embed cycle (notes/delta.md already embeds this note); the inner embed is shown as a link [embed-cycle]',
      'notes/gamma.md:11:7 warning: ![[gamma]] embeds this note into itself; it is shown as a link [embed-self]',
    ]);
  });
});

describe('concepts, backlinks, mentions, tags', () => {
  const graph = graphOf(VAULT);
  test('an unresolved target becomes a concept with a prettified title', () => {
    expect([...graph.concepts.values()].map((c) => [c.slug, c.title, c.target])).toEqual([
      ['unwritten-idea', 'Unwritten idea', 'unwritten_idea'],
      ['go', 'Go', 'Go'],
    ]);
  });

  test('backlinks carry the sentence or list item around the link', () => {
    const alpha = graph.linkedFrom.get('note:alpha')!;
    expect(alpha.map((b) => b.source.id)).toEqual(['beta_note', 'gamma']);
    expect(graph.linkedFrom.get('concept:unwritten-idea')![0]!.contexts).toEqual([
      { before: 'A list item pointing to ', match: 'unwritten_idea', after: ' for later.' },
    ]);
  });

  test('mentions: title or alias named without a link, once per note, never by a linking note', () => {
    expect(graph.mentionedIn.get('note:alpha')!.map((b) => [b.source.id, b.contexts[0]])).toEqual([
      ['delta', { before: 'Delta talks about the ', match: 'alpha note', after: ' and the First Letter without linking them.' }],
    ]);
    expect(graph.mentionedIn.get('concept:unwritten-idea')!.map((b) => b.source.id)).toEqual(['delta']);
  });

  test('tags: frontmatter and inline, case-folded, nested under their parents, not in code, URLs or all digits', () => {
    expect([...graph.tags].map(([t, n]) => [t, n.map((x) => x.id)])).toEqual([
      ['greek', ['alpha']],
      ['letters', ['alpha']],
      ['python', ['alpha', 'beta_note']],
      ['nested', ['alpha']],
      ['nested/tag', ['alpha']],
    ]);
  });

  test('sentenceAround stops at sentence ends and shortens long runs', () => {
    expect(sentenceAround('One. Two [x] three. Four.', 9, 12)).toEqual({ before: 'Two ', match: '[x]', after: ' three.' });
    const long = `${'word '.repeat(80)}TARGET${' word'.repeat(80)}`;
    const c = sentenceAround(long, 400, 406, 100);
    expect(c.before.startsWith('…') && c.after.endsWith('…') && c.match).toBe('TARGET');
  });

  test('"Write this note" opens GitHub\'s new-file page with the template', () => {
    const url = new URL(newNoteUrl({ owner: 'o', name: 'r', branch: 'main', notesPath: 'notes' }, 'unwritten_idea', 'Unwritten idea'));
    expect(url.origin + url.pathname).toBe('https://github.com/o/r/new/main/notes');
    expect(url.searchParams.get('filename')).toBe('unwritten_idea.md');
    expect(url.searchParams.get('value')).toMatch(/^---\ntitle: "Unwritten idea"\n/);
  });
});

describe('rendering', () => {
  const render = async (markdown: string, fromId: string, unresolved: UnresolvedPolicy = 'concept') => {
    const graph = graphOf(VAULT, unresolved);
    const file = { path: `${VAULT}/${graph.notes.get(fromId)!.note.path}`, value: markdown };
    const html = await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkNoteGrammar, { gfm: false })
      .use(remarkWikilinks, { graph: () => graph, notesDir: VAULT, base: '' })
      .use(remarkTags, { base: '' })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file);
    return String(html);
  };

  test.each([
    ['[[alpha#Setup 1]]', '<a href="/alpha/#setup-1-1" class="wikilink">alpha > Setup 1</a>'],
    ['[[First Letter|the first]]', '<a href="/alpha/" class="wikilink">the first</a>'],
    ['[[#Usage Notes]]', '<a href="#usage-notes" class="wikilink">Usage Notes</a>'],
    ['[[alpha#Nope]]', '<a href="/alpha/#nope" class="wikilink wikilink-missing-heading">alpha > Nope</a>'],
    ['[[unwritten_idea]]', '<a href="/concepts/unwritten-idea/" title="“Unwritten idea” is not written yet" class="wikilink wikilink-concept">unwritten_idea</a>'],
    ['`[[alpha]]`', '<code>[[alpha]]</code>'],
    ['| a |\n| - |\n| [[alpha\\|In a table]] |', '<td><a href="/alpha/" class="wikilink">In a table</a></td>'],
    ['Tags #Python and #a/b, not #123 or `#x`', 'Tags <a href="/tags/python/" class="tag">#Python</a> and <a href="/tags/a/b/" class="tag">#a/b</a>, not #123 or <code>#x</code>'],
    ['![[diagram.png|Diagram]]', '<img src="diagram.png" alt="Diagram">'],
    ['![[diagram.png|300]]', '<img src="diagram.png" alt="diagram" width="300">'],
  ])('renders %s', async (markdown, expected) => {
    expect(await render(markdown, 'alpha')).toContain(expected);
  });

  test('with the text policy, unresolved links are marked plain text', async () => {
    expect(await render('[[unwritten_idea]]', 'alpha', 'text')).toContain('<span class="wikilink-unresolved" title="No note named “Unwritten idea”">unwritten_idea</span>');
  });

  test('![[Note#Heading]] transcludes that section with a link to its source; headings become styled paragraphs', async () => {
    const html = await render('Before.\n\n![[alpha#Usage Notes]]\n\nAfter.', 'gamma');
    expect(html).toContain('<div class="wikilink-embed" data-embed="alpha"><p class="wikilink-embed-source"><a href="/alpha/#usage-notes" class="wikilink wikilink-embed-link">Alpha Note › Usage Notes</a></p>');
    expect(html).toContain('<p class="wikilink-embed-heading level-2">Usage Notes</p>');
    expect(html).toContain('Alpha is used in <a href="/gamma/" class="wikilink">the gamma note</a>');
    expect(html).not.toContain('A second setup section');
    expect(html).not.toMatch(/<h2/);
  });

  test('self-embeds and cycles render as links, never recursing', async () => {
    expect(await render('![[gamma]]', 'gamma')).toContain('<a href="/gamma/" title="Gamma (not embedded: it would embed itself)" class="wikilink wikilink-embed-skipped">gamma</a>');
    const delta = await render('![[epsilon]]', 'delta');
    expect(delta).toContain('data-embed="epsilon"');
    expect(delta).toContain('<a href="/delta/" title="Delta (not embedded: it would embed itself)" class="wikilink wikilink-embed-skipped">delta</a>');
  });
});

describe('in the site pipeline (all plugins, Astro processor)', () => {
  test('an image embed of a missing file gets the image placeholder of remark-images', async () => {
    const { renderNote } = await import('./render-note.ts');
    const html = await renderNote('![[no-such-diagram.png|The flow]]\n');
    expect(html).toContain('class="image-missing"');
    expect(html).toContain('The flow');
    expect(html).not.toContain('<img');
  });

  test('a highlight around a wikilink keeps the link inside the mark', async () => {
    const { renderNote } = await import('./render-note.ts');
    const html = await renderNote('==[[input_output|I/O]] bound== process.\n');
    expect(html).toMatch(/<mark[^>]*><a href="\/concepts\/input-output\/"[^>]*class="wikilink wikilink-concept">I\/O<\/a> bound<\/mark>/);
  });
});

describe('parse cache', () => {
  test('a graph from cached parses equals a fresh one, and only parses in use are kept', () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'links-cache-')), 'links-parse.json');
    const fresh = buildLinkGraph(scanVault({ dir: VAULT }), { unresolved: 'concept' });
    const first = buildLinkGraph(scanVault({ dir: VAULT }), { unresolved: 'concept', cacheFile });
    expect(existsSync(cacheFile)).toBe(true);
    const second = buildLinkGraph(scanVault({ dir: VAULT }), { unresolved: 'concept', cacheFile });
    const facts = (g: LinkGraph) => JSON.stringify([g.problems, [...g.linkedFrom].map(([k, v]) => [k, v.map((b) => [b.source.id, b.contexts])]), [...g.mentionedIn].map(([k, v]) => [k, v.map((b) => b.source.id)]), [...g.notes].map(([k, f]) => [k, [...f.anchors], f.tags])]);
    expect(facts(first)).toBe(facts(fresh));
    expect(facts(second)).toBe(facts(fresh));
    const entries = Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries);
    expect(entries).toHaveLength(fresh.notes.size);
  });
});

describe('list pages', () => {
  test.each([
    ['python', 1, 'python'],
    ['python', 2, 'python/page-2'],
    ['nested/tag', 3, 'nested/tag/page-3'],
    ['', 1, ''],
    ['', 2, 'page-2'],
  ])('page path of %s, page %i, is %s', async (prefix, page, expected) => {
    const { listPagePath } = await import('../src/lib/link-paths.ts');
    expect(listPagePath(prefix, page)).toBe(expected);
  });

  test('an embed alone on its line is quoted as "Embeds …" in the target\'s backlinks', () => {
    const gamma = graphOf(VAULT).linkedFrom.get('note:alpha')!.find((b) => b.source.id === 'gamma')!;
    expect(gamma.contexts[0]).toEqual({ before: 'Embeds ', match: 'alpha > Usage Notes', after: '' });
  });
});

describe('comments hide links from the graph, as from the page', () => {
  test('a [[link]] or #tag inside %%…%% is not parsed', () => {
    expect(links('Visible [[Shown]]. %%hidden [[Hidden]] link%% and %%\nblock [[AlsoHidden]]\n%%').map((l) => l.target)).toEqual(['Shown']);
  });

  test('a commented-out link creates no concept page and no backlink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-comments-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\nSee [[B]]. %%Later: [[Unwritten idea]] and [[B]].%%\n');
    writeFileSync(join(dir, 'b.md'), '# B\n\nText.\n');
    const graph = buildLinkGraph(scanVault({ dir }));
    expect([...graph.concepts.keys()]).toEqual([]);
  });
});
