// The editorial layer: editor's notes in notes/<note>/editorial.yaml, anchored to quoted passages,
// placed after them on the page, checked for stale quotes with the editorial file's line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { findQuote, parseEditorial } from '../src/lib/editorial.ts';
import { editorialFor } from '../src/lib/editorial-vault.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { renderSignature } from '../src/lib/site-link-graph.ts';
import { scanVault } from '../src/lib/vault.ts';
import { remarkCards } from '../src/plugins/remark-cards.ts';
import { remarkEditorial } from '../src/plugins/remark-editorial.ts';
import { remarkWikilinks } from '../src/plugins/remark-wikilinks.ts';

const NOTE = `# Threads

Intro paragraph that the editor corrects: the GIL prevents race conditions.

- First item.
- A card question?
  &#10;<br>
  The answer of another question.

\`\`\`python
counter += 1
\`\`\`

Last paragraph mentions async.gather() once.
`;

const EDITORIAL = `# a comment
- quote: the GIL prevents race conditions.
  text: It does not; see [[Other]].
  evidence:
    - url: https://docs.python.org/3/glossary.html#term-global-interpreter-lock
      title: Glossary
- quote: "A card question?"
  text: This answer belongs elsewhere.
  evidence:
    - url: https://example.org/a
      title: A
- quote: counter += 1
  text: Not atomic.
  evidence:
    - run: notes/threads/race.ts
- quote: |
    Last paragraph mentions
    async.gather()
  kind: export
  summary: it reads
  text: The other version says asyncio.gather().
- quote: a passage that is no longer there
  text: Stale.
  evidence:
    - url: https://example.org/b
      title: B
`;

function vault(editorial = EDITORIAL) {
  const dir = mkdtempSync(join(tmpdir(), 'editorial-'));
  writeFileSync(join(dir, 'threads.md'), NOTE);
  writeFileSync(join(dir, 'other.md'), '# Other\n\nAnother note.\n');
  mkdirSync(join(dir, 'threads'));
  writeFileSync(join(dir, 'threads', 'editorial.yaml'), editorial);
  const results = join(dir, 'results.json');
  writeFileSync(results, JSON.stringify({ 'notes/threads/race.ts': { status: 'checked', output: 'lost 12\n', pythonOutput: '500000\n' } }));
  return { dir, results };
}

async function render(dir: string, results: string): Promise<string> {
  const graph = buildLinkGraph(scanVault({ dir }), { unresolved: 'concept' });
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkWikilinks, { graph: () => graph, notesDir: dir, base: '' })
    .use(remarkCards)
    .use(remarkEditorial, { notesDir: dir, resultsFile: results, graph: () => graph, base: '' })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeStringify, { allowDangerousHtml: true })
    .process({ path: join(dir, 'threads.md'), value: readFileSync(join(dir, 'threads.md'), 'utf8') });
  return String(file);
}

describe('editorial files', () => {
  test('findQuote matches across line breaks and indentation, and finds every occurrence', () => {
    expect(findQuote('a b\n  c d', 'b c')).toEqual([{ start: 2, end: 7 }]);
    expect(findQuote('x.y x.y', 'x.y')).toHaveLength(2);
    expect(findQuote('xay', 'x.y')).toEqual([]); // the quote is literal, not a pattern
  });

  test('malformed entries are warnings at the editorial file\'s line, and are left out', () => {
    const parsed = parseEditorial('- quote: a\n  text: b\n- quote: c\n  text: d\n  evidence:\n    - url: javascript:alert(1)\n      title: x\n- text: no quote\n', 'notes/n/editorial.yaml');
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems.map(formatProblem)).toEqual([
      "notes/n/editorial.yaml:1:10 warning: an editor's correction needs `evidence` (a primary source or a recorded run): it is not shown without it [editorial-invalid]",
      'notes/n/editorial.yaml:6:7 warning: evidence is `{url: https://…, title: …}` or `{run: notes/<note>/<file>.ts}` [editorial-invalid]',
      "notes/n/editorial.yaml:3:10 warning: an editor's correction needs `evidence` (a primary source or a recorded run): it is not shown without it [editorial-invalid]",
      'notes/n/editorial.yaml:8:3 warning: entry without `quote`: it cannot be placed in the note [editorial-invalid]',
    ]);
    expect(parseEditorial('quote: [unclosed\n', 'notes/n/editorial.yaml').problems[0]!.ruleId).toBe('editorial-invalid');
  });

  test('a stale quote is a warning pointing at the entry in the editorial file; the others are placed', () => {
    const { dir } = vault();
    const placed = editorialFor({ path: 'threads.md', file: 'notes/threads.md', body: NOTE }, dir, 'notes')!;
    expect(placed.problems.map(formatProblem)).toEqual([
      'notes/threads/editorial.yaml:22:10 warning: quote not found in notes/threads.md: "a passage that is no longer there" (the note changed?): this editor\'s note is not shown; update its quote or remove it [editorial-stale-quote]',
    ]);
    expect(placed.placed.map((p) => NOTE.slice(p.start, p.end))).toEqual([
      'the GIL prevents race conditions.',
      'A card question?',
      'counter += 1',
      'Last paragraph mentions async.gather()',
    ]);
  });

  test('npm run lint (and so the build) prints the stale quote as a positioned warning and still exits 0', () => {
    const { dir } = vault();
    const r = spawnSync(process.execPath, ['scripts/lint-notes.ts'], { encoding: 'utf8', env: { ...process.env, NOTES_DIR: dir } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("notes/threads/editorial.yaml:22:10 warning: quote not found in notes/threads.md: \"a passage that is no longer there\"");
    expect(r.stderr).toMatch(/\[editorial-stale-quote\]/);
  });

  test('editing an editorial file changes the render signature, so cached pages are rendered again', () => {
    const { dir } = vault();
    const signature = () => renderSignature(buildLinkGraph(scanVault({ dir })), dir);
    const before = signature();
    expect(signature()).toBe(before);
    writeFileSync(join(dir, 'threads', 'editorial.yaml'), EDITORIAL.replace('It does not;', 'It does not at all;'));
    expect(signature()).not.toBe(before);
  });

  test('an ambiguous quote is a warning and is shown after its first match', () => {
    const { dir } = vault('- quote: paragraph\n  text: t\n  evidence:\n    - url: https://example.org/\n      title: e\n');
    const placed = editorialFor({ path: 'threads.md', file: 'notes/threads.md', body: NOTE }, dir, 'notes')!;
    expect(placed.problems.map((p) => `${p.line}:${p.column} ${p.ruleId}`)).toEqual(['1:10 editorial-ambiguous-quote']);
    expect(placed.placed).toHaveLength(1);
  });
});

describe('editor\'s notes on the page', () => {
  test('each note follows the block holding its quote, marked, with its evidence, the author\'s text unchanged', async () => {
    const { dir, results } = vault();
    const html = await render(dir, results);
    const order = ['the GIL prevents race conditions.', 'It does not;', 'First item.', 'A card question?', 'The answer of another question.', 'This answer belongs elsewhere.', 'counter += 1', 'Not atomic.', 'Last paragraph mentions', 'The other version says'];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Marked as an editor's note, with the source and a resolved [[link]].
    expect(html).toContain('<div class="editorial" role="note" aria-label="Editor’s note" data-editorial="correction"><p class="editorial__label">Editor’s note</p>');
    expect(html).toContain('<a href="/other/" class="wikilink editorial-link">Other</a>');
    expect(html).toContain('<a href="https://docs.python.org/3/glossary.html#term-global-interpreter-lock">Glossary</a>');
    // The card stays whole (its answer is not swallowed by the note after it).
    expect(html).toMatch(/<div class="qa-answer"[^>]*>[\s\S]*?The answer of another question\.<\/p><\/div><\/div>\s*<div class="editorial"/);
    // A recorded run: both outputs of the check.
    expect(html).toContain('500000');
    expect(html).toContain('lost 12');
    // The export entry is collapsed and labelled.
    expect(html).toMatch(/<details class="editorial editorial--export" data-editorial="export"><summary class="editorial__summary"><span class="editorial__label">Editor’s note<\/span> In the plain-text export: it reads<\/summary>/);
    // The stale entry is not shown anywhere.
    expect(html).not.toContain('Stale.');
  });

  test('a note without an editorial file renders as before', async () => {
    const { dir, results } = vault();
    writeFileSync(join(dir, 'threads', 'editorial.yaml'), '');
    expect(await render(dir, results)).not.toContain('editorial');
  });
});
