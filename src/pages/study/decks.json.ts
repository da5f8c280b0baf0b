import type { APIRoute } from 'astro';
import { studyIndexJson } from '../../lib/deck-json.ts';
import { siteDecks } from '../../lib/site-cards.ts';

/** `/study/decks.json`: every deck (by note, by tag) with its card ids, for the study page's counts. */
export const GET: APIRoute = () => Response.json(studyIndexJson(siteDecks(), import.meta.env.BASE_URL.replace(/\/$/, '')));
