import type { APIRoute } from 'astro';
import { ankiSources, ankiText, DECK_ROOT } from '../../../lib/anki-site.ts';
import { siteDecks } from '../../../lib/site-cards.ts';

/** `/study/anki/all.txt`: the whole vault as an Anki text import. */
export const GET: APIRoute = ({ site }) => new Response(ankiText(ankiSources(siteDecks(), site), DECK_ROOT), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
