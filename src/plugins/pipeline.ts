import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { remarkNoteTitle } from './remark-note-title.ts';
import { remarkWikilinks } from './remark-wikilinks.ts';
import { remarkTags } from './remark-tags.ts';
import { remarkCodeTabs } from './remark-code-tabs.ts';
import { remarkCards } from './remark-cards.ts';
import { remarkCloze } from './remark-cloze.ts';
import { remarkNoteGrammar } from '../syntax/grammar.ts';
import { remarkImages } from './remark-images.ts';
import { remarkEditorial } from './remark-editorial.ts';
import { rehypeSanitizeNotes } from './rehype-sanitize-notes.ts';
import { rehypeKatexNotes } from './rehype-katex-notes.ts';
import { rehypeFootnotePopovers } from './rehype-footnote-popovers.ts';
import { rehypeBlockIds } from './rehype-block-ids.ts';
import { rehypeRawImages } from './rehype-raw-images.ts';
import { rehypeAttachmentMedia } from './rehype-attachment-media.ts';
import { rehypeTimelines } from './rehype-timelines.ts';
import { rehypeMermaid } from './rehype-mermaid.ts';
import { rehypeSearchWeights } from './rehype-search-weights.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';

/**
 * The Markdown pipeline of every note, in order. Each feature is one plugin file; order
 * matters where noted. Starlight's own rehype plugins and Expressive Code run after these.
 */
export const remarkPlugins: RemarkPlugins = [
  // FIRST: the note grammar (src/syntax/grammar.ts): wikilinks, %%comments%% (cut here, so no
  // plugin sees commented-out links, images or cards), Obsidian $math$, ==marks==, #tags,
  // ^block ids, > [!callouts].
  // Astro's processor already has remark-gfm.
  [remarkNoteGrammar, { gfm: false }],
  remarkNoteTitle,
  // [[wikilinks]], ![[embeds]] (before remarkImages: it emits `link` and `image` nodes), then inline #tags.
  remarkWikilinks,
  remarkTags,
  // Python blocks beside their TypeScript translations; keeps both as `code` nodes for Expressive Code.
  remarkCodeTabs,
  // Study mode: cards (they drop their `&#10;<br>` separator), then highlights get their cloze class.
  remarkCards,
  remarkCloze,
  // Editor's notes (notes/<note>/editorial.yaml) after their quoted passages: after the cards, so a note follows the whole card.
  remarkEditorial,
  // Missing images become placeholders: after every plugin that emits `image` nodes (embeds).
  remarkImages,
];

export const rehypePlugins: RehypePlugins = [
  // FIRST: raw HTML parsed and sanitized (allow-list in src/lib/sanitize-schema.ts); the
  // plugins below may emit what notes may not (KaTeX inline styles, the popover script).
  rehypeSanitizeNotes,
  // Block ids `^id` become element ids after sanitizing (which would prefix them).
  rehypeBlockIds,
  // Raw `<img>` with a missing file: the same placeholder as a missing Markdown image.
  rehypeRawImages,
  // ![[talk.ogg]] / ![[demo.mp4]] players (notes may not write <audio>/<video> themselves).
  rehypeAttachmentMedia,
  rehypeKatexNotes,
  rehypeFootnotePopovers,
  // Execution timelines from the snippet check's traces, where src/data/diagrams.json puts them.
  rehypeTimelines,
  // ```mermaid blocks drawn as SVG at build time (cached by source; invalid ones stay code).
  rehypeMermaid,
  // Code blocks weigh less than prose in search (before Expressive Code replaces the <pre>s).
  rehypeSearchWeights,
  // Tables scroll sideways in a focusable region instead of being clipped on phones.
  rehypeTableScroll,
];
