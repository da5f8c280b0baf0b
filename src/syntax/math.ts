/**
 * `$inline$` and `$$display$$` math with Obsidian's reading of single dollars, decided while
 * tokenizing: `$…$` is math only with no whitespace right after the opening `$` or right before
 * the closing one, and no digit right after the closing one (Pandoc's `tex_math_dollars` rule,
 * https://forum.obsidian.md/t/63551). A candidate that fails is never a math token, so `$5 and
 * [[Note]] $10` keeps its link and `Pay $20 and solve $x$` renders `$x$` as math.
 */
import { math } from 'micromark-extension-math';
import { markdownLineEndingOrSpace, asciiDigit } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

/** Whether `$…$` source text (delimiters included) followed by `next` is math for Obsidian. */
export function isObsidianMath(raw: string, next: string): boolean {
  const fence = /^\$+/.exec(raw)?.[0].length ?? 1;
  if (fence > 1) return raw.length > fence * 2;
  const inner = raw.slice(fence, raw.length - fence);
  if (inner === '' || /^\s/.test(inner) || /\s$/.test(inner)) return false;
  return !/[0-9]/.test(next);
}

/** The math micromark extension (remark-math's) with the text construct held to Obsidian's rule. */
export function mathMicromark(): Extension {
  const base = math({ singleDollarTextMath: true });
  const text = (base.text as Record<number, Construct>)[codes.dollarSign]!;
  const obsidian: Construct = { ...text, tokenize: obsidianRule(text.tokenize) };
  return { flow: base.flow, text: { [codes.dollarSign]: obsidian } };
}

function obsidianRule(tokenize: Construct['tokenize']): Construct['tokenize'] {
  return function (this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const seen: Code[] = [];
    const watched: Effects = { ...effects, consume: (code: Code) => (seen.push(code), effects.consume(code)) };
    const done: State = (code) => {
      let open = 0;
      while (seen[open] === codes.dollarSign) open++;
      if (open === 1) {
        const first = seen[1];
        const last = seen[seen.length - 2];
        if (seen.length < 3 || first == null || last == null) return nok(code);
        if (markdownLineEndingOrSpace(first) || markdownLineEndingOrSpace(last) || first === codes.horizontalTab || last === codes.horizontalTab) return nok(code);
        if (asciiDigit(code)) return nok(code);
      }
      return ok(code);
    };
    return tokenize.call(this, watched, done, nok);
  };
}
