import type { APIRoute } from 'astro';
import { vaultDeckJson } from '../../lib/deck-json.ts';
import { siteDecks } from '../../lib/site-cards.ts';

/** `/study/all.json`: every card of the vault, by note (loaded only to review all notes). */
export const GET: APIRoute = () => Response.json(vaultDeckJson(siteDecks(), import.meta.env.BASE_URL.replace(/\/$/, '')));
