import type { APIRoute } from 'astro';
import { vaultDeckJson } from '../../lib/deck-json.ts';
import { siteDecks } from '../../lib/site-cards.ts';

/** `/study/all.json`: every card of the vault, by note (reviews across notes, by tag or all). */
export const GET: APIRoute = () => Response.json(vaultDeckJson(siteDecks(), import.meta.env.BASE_URL.replace(/\/$/, '')));
