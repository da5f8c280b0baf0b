/**
 * URL text fragments (`#:~:text=prefix-,start,-suffix`, https://wicg.github.io/scroll-to-text-fragment/)
 * that make a backlink open the target page at the quoted passage instead of its top. Browsers
 * without support, or a passage the browser cannot find, simply open the top of the page.
 */
import type { Context } from './link-parse.ts';

/** Words of context kept on each side: enough to pick the right occurrence, few enough to survive markup. */
const CONTEXT_WORDS = 3;

/** Percent-encodes a term: `-`, `,` and `&` are syntax inside a text directive. */
function encodeTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

const clean = (text: string) => text.replace(/…/g, ' ').replace(/\s+/g, ' ').trim();

/** The fragment (with its leading `#`) that scrolls to `context.match` between its surrounding words. */
export function textFragment(context: Context): string {
  const match = clean(context.match);
  if (!match) return '';
  const before = clean(context.before).split(' ').filter(Boolean).slice(-CONTEXT_WORDS).join(' ');
  const after = clean(context.after).split(' ').filter(Boolean).slice(0, CONTEXT_WORDS).join(' ');
  const parts = [before && `${encodeTerm(before)}-`, encodeTerm(match), after && `-${encodeTerm(after)}`].filter(Boolean);
  return `#:~:text=${parts.join(',')}`;
}
