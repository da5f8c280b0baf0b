import type { APIRoute, GetStaticPaths } from 'astro';
import { noteDeckJson, type NoteDeck } from '../../../lib/deck-json.ts';
import { siteDecks } from '../../../lib/site-cards.ts';

/** `/study/notes/<id>.json`: one note's cards, for "review this note" and the note's study bar. */
export const getStaticPaths = (() => siteDecks().map((deck) => ({ params: { id: deck.id }, props: { deck } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ deck: NoteDeck }> = ({ props }) => Response.json(noteDeckJson(props.deck, import.meta.env.BASE_URL.replace(/\/$/, '')));
