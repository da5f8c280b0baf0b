import type { APIRoute, GetStaticPaths } from 'astro';
import { noteDeckJson, type NoteDeck } from '../../../lib/deck-json.ts';
import { keyed } from '../../../lib/page-keys.ts';
import { siteDecks } from '../../../lib/site-cards.ts';

/** `/study/notes/<id>.json`: one note's cards, for "review this note" and the note's study bar; keyed by the deck (src/lib/page-keys.ts). */
export const getStaticPaths = (() => keyed(siteDecks().map((deck) => ({ params: { id: deck.id }, props: { deck } })), ({ props }) => props.deck)) satisfies GetStaticPaths;

export const GET: APIRoute<{ deck: NoteDeck }> = ({ props }) => Response.json(noteDeckJson(props.deck, import.meta.env.BASE_URL.replace(/\/$/, '')));
