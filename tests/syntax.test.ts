import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../src/lib/problems.ts';
import { checkNoteSyntax } from '../src/lib/syntax-checks.ts';
import type { VaultNote } from '../src/lib/vault.ts';
import { isObsidianMath } from '../src/syntax/math.ts';
import { renderNote } from './render-note.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/syntax');

/** Output without KaTeX's long glyph markup, for assertions about what surrounds a formula. */
const withoutKatexHtml = (html: string) => html.replace(/<span class="katex-html"[\s\S]*?<\/span><\/span><\/span>(?=<\/span>)/g, '<KATEX-HTML/>');

describe('footnotes', () => {
  test('keeps remark-gfm footnotes with back-references and adds an accessible popover per reference', async () => {
    const html = await renderNote('A[^a] b[^a].\n\n[^a]: Note *one*.\n\n    Second para.\n');
    const popover = (n: string) =>
      `<span class="fn-popover" id="user-content-fnpop-${n}" role="tooltip" data-pagefind-ignore="all"><span class="fn-popover-p">Note <em>one</em>.</span><span class="fn-popover-p">Second para.</span></span>`;
    expect(html).toContain(
      `<p>A<span class="fn"><sup><a href="#user-content-fn-a" id="user-content-fnref-a" data-footnote-ref="" aria-describedby="user-content-fnpop-a">1</a></sup>${popover('a')}</span>` +
        ` b<span class="fn"><sup><a href="#user-content-fn-a" id="user-content-fnref-a-2" data-footnote-ref="" aria-describedby="user-content-fnpop-a-2">1</a></sup>${popover('a-2')}</span>.</p>`,
    );
    // The list at the end, with both back-references pointing at the (unchanged) reference ids.
    expect(html).toContain('<li id="user-content-fn-a">');
    expect(html).toContain('<a href="#user-content-fnref-a" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a>');
    expect(html).toContain('<a href="#user-content-fnref-a-2" data-footnote-backref=""');
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>');
    // Exactly one copy of the Escape-to-close script, at the end of the footnotes.
    expect(html.match(/<script type="module">/g)).toHaveLength(1);
    expect(html).toMatch(/e\.key !== 'Escape'[\s\S]*<\/script><\/section>$/);
  });

  test('every footnote link points at an id that exists (no double user-content- prefix)', async () => {
    const html = await renderNote('One[^1] two[^note].\n\n[^1]: First.\n[^note]: Second.\n');
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBe(4);
    for (const t of targets) expect(ids).toContain(t);
    expect(html).not.toContain('user-content-user-content-');
  });

  test('pages without footnotes get no script', async () => {
    expect(await renderNote('Plain text.')).toBe('<p>Plain text.</p>');
  });
});

describe('math', () => {
  test('renders inline math to KaTeX HTML with the glyphs and TeX source hidden from Pagefind', async () => {
    const html = await renderNote('A switch during $x=x+1$ here.');
    expect(withoutKatexHtml(html)).toBe(
      '<p>A switch during <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>x</mi><mo>=</mo><mi>x</mi><mo>+</mo><mn>1</mn></mrow>' +
        '<annotation encoding="application/x-tex" data-pagefind-ignore="all">x=x+1</annotation></semantics></math></span><KATEX-HTML/></span> here.</p>',
    );
    expect(html).toContain('<span class="katex-html" aria-hidden="true" data-pagefind-ignore="all">');
  });

  test('renders $$display$$ math as a KaTeX display block', async () => {
    const html = await renderNote('$$\nx^2\n$$');
    expect(html.startsWith('<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')).toBe(true);
    expect(html).toContain('<annotation encoding="application/x-tex" data-pagefind-ignore="all">x^2</annotation>');
  });

  test('math in a table cell ($1$) renders', async () => {
    const html = await renderNote('| a | b |\n|---|---|\n| x | $1$ |');
    expect(html).toContain('<td><span class="katex">');
  });

  test.each([
    ['Pay $5 and $10 today.', '<p>Pay $5 and $10 today.</p>'],
    ['Between $5 and $10.', '<p>Between $5 and $10.</p>'],
    ['It costs $5, $6 or $7.', '<p>It costs $5, $6 or $7.</p>'],
    ['Just $20.', '<p>Just $20.</p>'],
    ['`$x$` is code', '<p><code>$x$</code> is code</p>'],
  ])('keeps currency as text like Obsidian: %s', async (md, expected) => {
    expect(await renderNote(md)).toBe(expected);
  });

  test('currency before math on one line: `$20 and solve $` fails the rule while tokenizing, so `$x+1=2$` is math', async () => {
    expect(await renderNote('Pay $20 and solve $x+1=2$.')).toBe(await renderNote('Pay \\$20 and solve $x+1=2$.'));
    const html = await renderNote('Pay \\$20 and solve $x+1=2$.');
    expect(html.startsWith('<p>Pay $20 and solve <span class="katex">')).toBe(true);
    expect(html).toContain('<annotation encoding="application/x-tex" data-pagefind-ignore="all">x+1=2</annotation>');
  });

  test.each([
    ['$x$', '', true],
    ['$5 and $', '1', false],
    ['$ x$', '', false],
    ['$x $', '', false],
    ['$x$', '0', false],
    ['$$a+b$$', '', true],
  ])('isObsidianMath(%j, next=%j) is %s', (raw, next, expected) => {
    expect(isObsidianMath(raw, next)).toBe(expected);
  });

  test('KaTeX cannot be used to write a javascript: link (trust stays off)', async () => {
    const html = await renderNote('$\\href{javascript:alert(1)}{x}$');
    expect(html).not.toContain('javascript:alert(1)"');
    expect(html).not.toMatch(/<a /);
  });
});

describe('callouts', () => {
  test('a plain callout with its type title and body', async () => {
    expect(await renderNote('> [!info]\n> only body')).toBe(
      '<div class="callout" data-callout="info">\n<div class="callout-title">Info</div>\n<div class="callout-content"><p>only body</p></div>\n</div>',
    );
  });

  test('custom title with Markdown, foldable open (+) with a nested callout', async () => {
    expect(await renderNote('> [!warning]+ Be *careful*\n> text\n>\n> > [!tip]\n> > inner')).toBe(
      '<details class="callout" data-callout="warning" open data-callout-fold="+">\n<summary class="callout-title">Be <em>careful</em></summary>\n' +
        '<div class="callout-content"><p>text</p><div class="callout" data-callout="tip">\n<div class="callout-title">Tip</div>\n<div class="callout-content"><p>inner</p></div>\n</div></div>\n</details>',
    );
  });

  test('foldable closed (-) renders <details> without open', async () => {
    expect(await renderNote('> [!faq]- Why?\n> Because.')).toBe(
      '<details class="callout" data-callout="question" data-callout-fold="-">\n<summary class="callout-title">Why?</summary>\n<div class="callout-content"><p>Because.</p></div>\n</details>',
    );
  });

  test('unknown types keep their name (styled like note) and a title-only callout has no body', async () => {
    expect(await renderNote('> [!custom] T')).toBe('<div class="callout" data-callout="custom">\n<div class="callout-title">T</div>\n</div>');
  });

  test('the seed\'s quote callouts and a plain blockquote with <cite>', async () => {
    const html = await renderNote('> [!quote] From the other version\n> Main source.\n\n> Quote text.\\\n> — <cite>[Wikipedia](https://en.wikipedia.org/)</cite>');
    expect(html).toBe(
      '<div class="callout" data-callout="quote">\n<div class="callout-title">From the other version</div>\n<div class="callout-content"><p>Main source.</p></div>\n</div>\n' +
        '<blockquote>\n<p>Quote text.<br>\n— <cite><a href="https://en.wikipedia.org/">Wikipedia</a></cite></p>\n</blockquote>',
    );
  });
});

describe('%% comments', () => {
  test('removes inline and block comments but not %% in code', async () => {
    const md = 'a %%inline%% b\n\n%%\nblock\n- list\n%%\n\n`%%keep%%`\n\n```\n%%keep too%%\n```\n\nend';
    expect(await renderNote(md)).toBe('<p>a  b</p>\n<p><code>%%keep%%</code></p>\n<pre><code>%%keep too%%\n</code></pre>\n<p>end</p>');
  });

  test('a comment spanning paragraphs, with formatting inside', async () => {
    expect(await renderNote('keep %%gone *x*\n\nstill gone%% kept')).toBe('<p>keep </p>\n<p> kept</p>');
  });

  test('an unclosed %% hides the rest of the note, as in Obsidian, and is reported', async () => {
    expect(await renderNote('c %%unclosed\n\nmore')).toBe('<p>c </p>');
    const problems = await checkNoteSyntax(note('Title\n\nc %%unclosed\n\nmore\n'));
    expect(problems.map(formatProblem)).toEqual([
      'notes/fixture.md:5:3 warning: %% comment is never closed: it hides the rest of the note (as in Obsidian) [comment-unclosed]',
    ]);
  });
});

/** A note as the vault scan gives it: body starting on line 3 (after two frontmatter lines). */
function note(body: string): VaultNote {
  return { id: 'fixture', path: 'fixture.md', file: 'notes/fixture.md', stem: 'fixture', data: {} as VaultNote['data'], body, bodyLine: 3 };
}

describe('images', () => {
  const path = join(FIXTURES, 'note.md');

  test('a missing image alone in its paragraph becomes a captioned placeholder figure', async () => {
    // (Not one of the paths src/data/diagrams.json draws from a recorded run: those become timelines.)
    expect(await renderNote('![multithreading schedule](/img/threading_schedule.png)', path)).toBe(
      '<figure class="image-missing" data-image-missing="/img/threading_schedule.png"><span class="image-missing-box" aria-hidden="true"></span>' +
        '<figcaption><span class="image-missing-alt">multithreading schedule</span><span class="image-missing-note"> — image not available yet</span></figcaption></figure>',
    );
  });

  test('inline missing images become an inline placeholder; found and remote images render normally', async () => {
    const html = await renderNote('![ok](diagram.png) and ![gone](missing.png) and ![r](https://example.org/a.png)', path);
    expect(html).toBe(
      '<p><img __ASTRO_IMAGE_="{&#x22;src&#x22;:&#x22;diagram.png&#x22;,&#x22;alt&#x22;:&#x22;ok&#x22;,&#x22;index&#x22;:0}"> and ' +
        '<span class="image-missing" data-image-missing="missing.png" role="img" aria-label="gone (image not available yet)"><span class="image-missing-box" aria-hidden="true"></span>' +
        '<span class="image-missing-alt">gone</span><span class="image-missing-note"> — image not available yet</span></span> and <img src="https://example.org/a.png" alt="r"></p>',
    );
  });

  test('a javascript:/data: image never becomes a broken <img>', async () => {
    const html = await renderNote('![i](javascript:alert(1))', path);
    expect(html).not.toContain('<img');
    expect(html).toContain('<figure class="image-missing"');
  });

  test('reports each unresolved Markdown image once as notes/FILE.md:LINE:COL with the body offset applied (embeds: the link graph)', async () => {
    const body = '# T\n\n![a](diagram.png)\n\nText ![b](/img/nope.png) and ![c](sub/missing.png).\n\n%%![hidden](gone.png)%%\n\n![d](data:image/png;base64,AAAA)\n\n![[diagram.png]] ![[no such.png|300]] ![[Some note]]\n';
    const problems = await checkNoteSyntax({ ...note(body), path: 'note.md' }, FIXTURES);
    expect(problems.map(formatProblem)).toEqual([
      'notes/fixture.md:7:6 warning: image not found: /img/nope.png [image-missing]',
      'notes/fixture.md:7:30 warning: image not found: sub/missing.png [image-missing]',
      'notes/fixture.md:11:1 warning: image URL not allowed (use a file or an http(s) URL): data:image/png;base64,AAAA [image-blocked]',
    ]);
  });
});

describe('raw HTML problems', () => {
  test('reports removed elements and attributes at their position', async () => {
    const body = 'Intro <kbd>ok</kbd>\n\n<script>alert(1)</script>\n\nText <img src="x.png" onerror="alert(1)"> and <a href="javascript:alert(1)">x</a>\n';
    const problems = await checkNoteSyntax(note(body));
    expect(problems.map(formatProblem)).toEqual([
      'notes/fixture.md:5:1 warning: removed <script>: raw HTML is limited to a safe allow-list [html-removed]',
      'notes/fixture.md:7:6 warning: image not found: x.png [image-missing]',
      'notes/fixture.md:7:6 warning: removed onerror="alert(1)" on <img>: raw HTML is limited to a safe allow-list [html-removed]',
      'notes/fixture.md:7:47 warning: removed href="javascript:alert(1)" on <a>: raw HTML is limited to a safe allow-list [html-removed]',
    ]);
  });

  test('the seed notes\' <cite>, <br> and &#10; produce no problem', async () => {
    const problems = await checkNoteSyntax(note('> quote\\\n> — <cite>[W](https://w.org)</cite>\n\n- item\n  &#10;<br>\n  answer\n'));
    expect(problems).toEqual([]);
  });
});
