/**
 * The note grammar as a spec: each folder of tests/fixtures/syntax/ is a small vault whose
 * `input.md` is rendered by the site's real plugin lists (Astro's unified pipeline) and linted
 * like `npm run lint`; `output.html` is the expected HTML and `messages.txt` the expected problems
 * of `input.md` (`notes/FILE.md:LINE:COL severity: message [rule]`, one a line). Other files of the
 * folder (notes, attachments in subfolders) are the vault around it.
 * `UPDATE=1 npx vitest run tests/syntax-fixtures.test.ts` rewrites the expected files: review the diff.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, test } from 'vitest';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { formatProblem, sortProblems } from '../src/lib/problems.ts';
import { checkNoteSyntax } from '../src/lib/syntax-checks.ts';
import { scanVault } from '../src/lib/vault.ts';
import { rehypePlugins, remarkPlugins } from '../src/plugins/pipeline.ts';
import { remarkImages } from '../src/plugins/remark-images.ts';
import { remarkWikilinks } from '../src/plugins/remark-wikilinks.ts';

const ROOT = resolve('tests/fixtures/syntax');
const cases = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory() && existsSync(join(ROOT, name, 'input.md')));

async function run(dir: string): Promise<{ html: string; messages: string }> {
  const vault = scanVault({ dir });
  const graph = buildLinkGraph(vault, { unresolved: 'concept' });
  const note = vault.notes.find((n) => n.path === 'input.md');
  const problems = [...vault.problems, ...graph.problems].filter((p) => p.file === 'notes/input.md');
  if (note) problems.push(...(await checkNoteSyntax(note, dir, vault.assets)));
  // The site's plugin list, with the link graph of this folder instead of the site's.
  const plugins = remarkPlugins.map((p) =>
    p === remarkWikilinks ? ([remarkWikilinks, { graph: () => graph, notesDir: dir, base: '' }] as const) : p === remarkImages ? ([remarkImages, { graph: () => graph, notesDir: dir }] as const) : p,
  );
  const processor = await createMarkdownProcessor({ remarkPlugins: plugins as typeof remarkPlugins, rehypePlugins, smartypants: false, syntaxHighlight: false });
  const html = note
    ? (await processor.render(note.body, { fileURL: new URL(`file://${join(dir, 'input.md')}`), frontmatter: { title: note.data.title } })).code
    : '';
  return { html: `${html}\n`, messages: sortProblems(problems).map(formatProblem).join('\n') + (problems.length ? '\n' : '') };
}

describe('note grammar fixtures (tests/fixtures/syntax/<case>/)', () => {
  test('there are fixture cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  test.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const { html, messages } = await run(dir);
    if (process.env.UPDATE) {
      writeFileSync(join(dir, 'output.html'), html);
      writeFileSync(join(dir, 'messages.txt'), messages);
    }
    expect(html).toBe(readFileSync(join(dir, 'output.html'), 'utf8'));
    expect(messages).toBe(readFileSync(join(dir, 'messages.txt'), 'utf8'));
  });
});
