import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { notesLoader } from './lib/notes-loader.ts';

export const collections = {
  docs: defineCollection({
    loader: notesLoader(glob),
    schema: docsSchema({
      extend: z.object({
        date: z.coerce.date().optional(),
        dateLabel: z.string().optional(),
        tags: z.array(z.string()).default([]),
        aliases: z.array(z.string()).default([]),
        order: z.number().optional(),
        titleSource: z.enum(['frontmatter', 'h1', 'filename']).default('frontmatter'),
        sourcePath: z.string().optional(),
      }),
    }),
  }),
};
