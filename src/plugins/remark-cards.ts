import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { addStudyCount } from '../lib/study-counts.ts';
import { transformCards, type RemarkCardsOptions } from '../syntax/cards.ts';

export type { QaAnswer, QaCard, RemarkCardsOptions } from '../syntax/cards.ts';

/**
 * Question/answer cards (syntax and tree shape in `src/syntax/cards.ts`, shared with the lint),
 * counted as the note's study cards.
 */
export function remarkCards(options: RemarkCardsOptions = {}) {
  return (tree: Root, file: VFile) => {
    addStudyCount(file, 'cards', transformCards(tree, file, options));
  };
}
