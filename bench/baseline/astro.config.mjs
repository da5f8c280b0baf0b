// @ts-check
// Baseline for `npm run bench`: bare Starlight over the same vault. Astro's default Markdown
// processor (Sätteri), a one-item sidebar, no plugins, no custom pages or CSS.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';

const notesDir = process.env.NOTES_DIR;
if (!notesDir) throw new Error('bench baseline: set NOTES_DIR to the vault to build');

export default defineConfig({
  // BENCH_BASELINE_PROCESSOR=unified: the same bare site on unified (remark/rehype, no plugins), to
  // tell the cost of leaving Sätteri apart from the cost of the project's own plugins.
  ...(process.env.BENCH_BASELINE_PROCESSOR === 'unified' ? { markdown: { processor: unified({ smartypants: false }) } } : {}),
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  integrations: [
    starlight({
      title: 'Baseline',
      markdown: { processedDirs: [notesDir] },
      sidebar: [{ label: 'Home', link: '/' }],
    }),
  ],
});
