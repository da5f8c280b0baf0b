import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { isPublished } from '../lib/listing.ts';
import type { TitleEntry } from '../lib/nearest-titles.ts';

/**
 * Every published note's id, title and aliases (`[id, title, aliases][]`, ~60 bytes a note): the
 * 404 page fetches it to suggest the nearest titles. No other page loads it.
 */
export const GET: APIRoute = async () => {
  const notes = await getCollection('docs', isPublished);
  const index: TitleEntry[] = notes.map((n) => [n.id, n.data.title, n.data.aliases]);
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json' } });
};
