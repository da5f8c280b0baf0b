import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { remarkNoteTitle } from './remark-note-title.ts';
import { remarkCards } from './remark-cards.ts';
import { remarkCloze } from './remark-cloze.ts';

/**
 * The Markdown pipeline of every note, in order. Each feature is one plugin file; order
 * matters where noted. Starlight's own rehype plugins and Expressive Code run after these.
 */
export const remarkPlugins: RemarkPlugins = [
  remarkNoteTitle,
  // Study mode (keep last): cards first (they drop their `&#10;<br>` separator), then highlights.
  // Wikilink parsing must come BEFORE remarkCloze so `==[[a|b]] c==` keeps its link.
  remarkCards,
  remarkCloze,
];

export const rehypePlugins: RehypePlugins = [];
