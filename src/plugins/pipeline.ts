import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { remarkNoteTitle } from './remark-note-title.ts';

/**
 * The Markdown pipeline of every note, in order. Each feature is one plugin file; order
 * matters where noted. Starlight's own rehype plugins and Expressive Code run after these.
 */
export const remarkPlugins: RemarkPlugins = [remarkNoteTitle];

export const rehypePlugins: RehypePlugins = [];
