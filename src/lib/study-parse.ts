import type { Root } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkCards } from '../plugins/remark-cards.ts';
import { remarkCloze } from '../plugins/remark-cloze.ts';
import { parseNoteBody } from '../syntax/parse.ts';

/** The study syntax on top of the shared note parse: `qaCard` nodes, then `mark` highlights. */
const study = unified().use(remarkCards).use(remarkCloze);

/**
 * A note body parsed with the site's grammar plus its study syntax (cards and highlights), exactly
 * as the page renders them. The card and highlight steps are still render plugins; when the one
 * grammar preset in src/syntax/ carries them, this becomes a plain call to that parse.
 */
export function parseStudyTree(body: string): Root {
  return study.runSync(parseNoteBody(body), new VFile({ value: body }));
}

/** Cheap test before parsing: only a note with `==` or a card separator can hold study cards. */
export function mayHaveCards(body: string): boolean {
  return body.includes('==') || (body.includes('<br') && /&#(?:10|x0*a);/i.test(body));
}
