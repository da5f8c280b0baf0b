/**
 * Obsidian wikilink syntax for micromark/mdast: `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`,
 * `[[#Heading]]`, `[[Note\|alias]]` (inside tables) and embeds `![[Note]]`, `![[Note#Heading]]`,
 * `![[image.png|300]]`. Produces `wikiLink` mdast nodes whose `value` is the text shown, so
 * `mdast-util-to-string` (heading slugs, context sentences) sees what the reader sees.
 *
 * Why our own micromark extension instead of remark-wiki-link 2.0.1 (installed, named by the design):
 * that package splits on `:` by default, keeps `#Heading` in the page name and drops the anchor,
 * turns `[[Page\|a]]` into `Page\`, does not parse `![[embeds]]`, and resolves links itself from a
 * flat list of permalinks. Resolution here must go through the link graph (names, titles, aliases,
 * headings), so we only need the syntax, and a tokenizer of ~80 lines keeps positions exact and
 * code spans literal (micromark never runs text constructs inside code).
 */
import type { Literal, Root } from 'mdast';
import type { Extension as FromMarkdownExtension, CompileContext, Token as MdastToken } from 'mdast-util-from-markdown';
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown';
import { markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Plugin } from 'unified';

/** A `[[wikilink]]` or `![[embed]]` as written; resolution happens later, in the link graph. */
export interface WikiLink extends Literal {
  type: 'wikiLink';
  /** Text shown to the reader: the alias, else `Note > Heading`, else the target as written. */
  value: string;
  /** What is between the brackets, as written (with `\|` unescaped). */
  raw: string;
  /** Page part: `Note` in `[[Note#Heading|alias]]`; empty for a same-page `[[#Heading]]`. */
  target: string;
  /** Heading part without `#`, as written (`Heading` or `H1#H2`), if any. */
  heading?: string;
  alias?: string;
  /** `![[...]]`: transclude the note, the section or the image. */
  embed: boolean;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkTarget: 'wikiLinkTarget';
  }
}

/** Splits what is between `[[` and `]]` into page, heading and alias, the way Obsidian does. */
export function parseWikiTarget(inner: string): Pick<WikiLink, 'raw' | 'target' | 'heading' | 'alias' | 'value'> {
  // In tables the `|` divider must be written `\|` (GFM splits cells on bare pipes); Obsidian reads both.
  const raw = inner.replaceAll('\\|', '|');
  const bar = raw.indexOf('|');
  const left = bar === -1 ? raw : raw.slice(0, bar);
  const alias = bar === -1 ? undefined : raw.slice(bar + 1).trim() || undefined;
  const hash = left.indexOf('#');
  const target = (hash === -1 ? left : left.slice(0, hash)).trim();
  const heading = hash === -1 ? undefined : left.slice(hash + 1).trim() || undefined;
  const shown = alias ?? (target ? (heading ? `${target} > ${heading.replaceAll('#', ' > ')}` : target) : (heading ?? ''));
  return { raw, target, heading, alias, value: shown };
}

const wikiLinkConstruct: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let visible = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    effects.enter('wikiLinkMarker');
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return open;
    }
    return open(code);
  }
  function open(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    return openSecond;
  }
  function openSecond(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.enter('wikiLinkTarget');
    return inside;
  }
  function inside(code: Code): State | undefined {
    // Obsidian links never span lines and never nest brackets.
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftSquareBracket) return nok(code);
    if (code === codes.rightSquareBracket) {
      if (visible === 0) return nok(code);
      effects.exit('wikiLinkTarget');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return close;
    }
    if (!markdownLineEndingOrSpace(code)) visible++;
    effects.consume(code);
    return code === codes.backslash ? escaped : inside;
  }
  function escaped(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    return inside;
  }
  function close(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  }
}

/** The micromark extension: tried before CommonMark's own `[` and `![` constructs. */
export function wikiLinkMicromark(): Extension {
  return { text: { [codes.leftSquareBracket]: wikiLinkConstruct, [codes.exclamationMark]: wikiLinkConstruct } };
}

/** Turns `wikiLink` tokens into `wikiLink` mdast nodes. */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      wikiLink(this: CompileContext, token: MdastToken) {
        const text = this.sliceSerialize(token);
        const embed = text.startsWith('!');
        const inner = text.slice(embed ? 3 : 2, -2);
        this.enter({ type: 'wikiLink', embed, ...parseWikiTarget(inner) }, token);
      },
    },
    exit: {
      wikiLink(this: CompileContext, token: MdastToken) {
        this.exit(token);
      },
    },
  };
}

/** Writes `wikiLink` nodes back as written, for tools that serialize mdast. */
export function wikiLinkToMarkdown(): ToMarkdownExtension {
  return {
    handlers: {
      wikiLink: (node: WikiLink) => `${node.embed ? '!' : ''}[[${node.raw}]]`,
    } as ToMarkdownExtension['handlers'],
  };
}

/** Unified plugin registering the syntax only (no resolution): used by the link graph's parser. */
export const remarkWikiLinkSyntax: Plugin<[], Root> = function () {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[]; toMarkdownExtensions?: ToMarkdownExtension[] };
  (data.micromarkExtensions ??= []).push(wikiLinkMicromark());
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(wikiLinkToMarkdown());
};
