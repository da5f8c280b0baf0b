import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { rehypePlugins, remarkPlugins } from '../src/plugins/pipeline.ts';

/**
 * Renders Markdown with the site's real plugin lists inside Astro's own unified pipeline
 * (remark-gfm, image collection, heading ids, the final rehype-raw), as `astro build` does,
 * minus Starlight's and Expressive Code's rehype plugins, which run after ours.
 */
const processor = createMarkdownProcessor({ remarkPlugins, rehypePlugins, smartypants: false, syntaxHighlight: false });

/** HTML of `markdown` as if it were the note at `path` (absolute, for relative images). */
export async function renderNote(markdown: string, path = `${process.cwd()}/tests/fixtures/syntax/note.md`): Promise<string> {
  const result = await (await processor).render(markdown, { fileURL: new URL(`file://${path}`), frontmatter: { title: 'Fixture' } });
  return result.code;
}
