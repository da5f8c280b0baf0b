import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

const base = process.env.NOTES_DIR ?? '.';

/**
 * The vault as Starlight's `docs` collection, with the least mapping Starlight needs: a title
 * (frontmatter `title` if it is text, else the file name) and nothing else, so any frontmatter
 * dialect, or none, passes Starlight's schema.
 */
function vaultLoader(): Loader {
  const inner = glob({ base, pattern: '**/*.md' });
  return {
    name: 'bench-baseline-vault',
    load: (context) =>
      inner.load({
        ...context,
        parseData: <TData extends Record<string, unknown>>(entry: { id: string; data: TData; filePath?: string }) => {
          const title = typeof entry.data.title === 'string' && entry.data.title ? entry.data.title : entry.id;
          // Starlight validates the mapped data; the glob loader stores whatever parseData returns.
          return context.parseData({ ...entry, data: { title } as unknown as TData });
        },
      }),
  };
}

export const collections = { docs: defineCollection({ loader: vaultLoader(), schema: docsSchema() }) };
