import type { APIRoute } from 'astro';
import { ankiResponse } from '../../../lib/anki-site.ts';
import { siteDecks } from '../../../lib/site-cards.ts';

/** `/study/anki/all.apkg`: every card of the vault as an Anki package. */
export const GET: APIRoute = ({ site }) => ankiResponse(siteDecks(), site);
