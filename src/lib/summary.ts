import type { Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseBody } from './python-blocks.ts';

/** Longest summary, in characters, before it is cut at a word and ended with "…". */
export const SUMMARY_LENGTH = 200;

/** Plain text of a note's first paragraph (links, emphasis and code as their text), for meta tags and the feed. */
export function firstParagraph(body: string, max = SUMMARY_LENGTH): string | undefined {
  const tree: Root = parseBody(body);
  // The first paragraph with words of its own: not one that only holds images.
  const first = tree.children.find(
    (n: RootContent): n is Paragraph => n.type === 'paragraph' && n.children.some((c) => c.type !== 'image' && c.type !== 'imageReference' && toString(c).trim() !== ''),
  );
  if (!first) return undefined;
  const words = first.children.filter((c) => c.type !== 'image' && c.type !== 'imageReference');
  const text = words
    .map((c) => toString(c))
    .join('')
    .replace(/%%[\s\S]*?%%/g, '')
    // `[[Target#Heading|label]]` reads as its label (or its target): the parse here has no wikilinks.
    .replace(/!?\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (_m, target: string, label?: string) => label ?? target.replace(/#.*$/, ''))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text || undefined;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}
