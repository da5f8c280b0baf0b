import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { transformCards } from '../syntax/cards.ts';
import { parseNote } from '../syntax/grammar.ts';

/**
 * A note body parsed with the note grammar (`parseNote`, which gives `==highlights==` as `mark`
 * nodes), then its question/answer cards (`qaCard`) as the page renders them.
 */
export function parseStudyTree(body: string): Root {
  const file = new VFile({ value: body });
  const tree = parseNote(body, file);
  transformCards(tree, file);
  return tree;
}

/** Cheap test before parsing: only a note with `==` or a card separator can hold study cards. */
export function mayHaveCards(body: string): boolean {
  return body.includes('==') || (body.includes('<br') && /&#(?:10|x0*a);/i.test(body));
}
