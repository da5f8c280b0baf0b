import type { Parent, PhrasingContent } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown';
import { highlightMark } from 'micromark-extension-highlight-mark';
import type { Extension } from 'micromark-util-types';

/** An Obsidian highlight `==text==` (rendered `<mark>`; a cloze in study mode). */
export interface Mark extends Parent {
  type: 'mark';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    mark: Mark;
  }
  interface RootContentMap {
    mark: Mark;
  }
}

/**
 * `==text==` at the tokenizer level: micromark-extension-highlight-mark, GFM strikethrough's
 * rules with `==` (delimiter runs of exactly two, flanking as `~~`), so code spans, code blocks,
 * link destinations and escapes keep their `=`, a highlight may wrap emphasis, code, links and
 * wikilinks, and `====`, `a == b` or `=r=x==` stay text, as in Obsidian.
 */
export function markMicromark(): Extension {
  return highlightMark();
}

/**
 * Highlights become `mark` nodes with their position (the mdast shape the study cards read).
 * Why not mdast-util-highlight-mark: it names the node `highlight` and gives it no `hName`,
 * so it would render as a `<div>`.
 */
export function markFromMarkdown(): FromMarkdownExtension {
  return {
    canContainEols: ['mark'],
    enter: {
      highlight(this: CompileContext, token: Token) {
        this.enter({ type: 'mark', children: [], data: { hName: 'mark' } } satisfies Mark as never, token);
      },
    },
    exit: {
      highlight(this: CompileContext, token: Token) {
        this.exit(token);
      },
    },
  };
}

/** Serializes `mark` nodes back to `==text==`. */
export function markToMarkdown(): ToMarkdownExtension {
  return {
    unsafe: [{ character: '=', inConstruct: 'phrasing', notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'] }],
    handlers: {
      mark(node: Mark, _parent, state, info) {
        const tracker = state.createTracker(info);
        const exit = state.enter('emphasis');
        let value = tracker.move('==');
        value += tracker.move(state.containerPhrasing(node, { before: value, after: '=', ...tracker.current() }));
        value += tracker.move('==');
        exit();
        return value;
      },
    } as ToMarkdownExtension['handlers'],
  };
}
