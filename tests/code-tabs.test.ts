import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { hashPython } from '../src/lib/python-blocks.ts';
import { displayCode } from '../src/lib/translations.ts';
import { remarkCodeTabs } from '../src/plugins/remark-code-tabs.ts';

const HELLO = "print('hello')";
const COUNT = 'for i in range(3):\n    print(i)';

/** A throwaway vault: one note, one translation for the `print('hello')` block, one check result. */
function vault() {
  const dir = mkdtempSync(join(tmpdir(), 'code-tabs-'));
  mkdirSync(join(dir, 'notes', 'demo'), { recursive: true });
  writeFileSync(
    join(dir, 'notes', 'demo', 'hello.ts'),
    `/**\n * @python ${hashPython(HELLO)}\n * @mode run\n *\n * Node's model: console.log is print.\n */\nconsole.log('hello');\n\n// Output:\n// hello\n`,
  );
  const results = join(dir, 'results.json');
  writeFileSync(results, JSON.stringify({ 'notes/demo/hello.ts': { status: 'checked', parity: 'passed', output: 'hello\n', pythonOutput: 'hello from python\n', timeScale: 0.1 } }));
  return { notesDir: join(dir, 'notes'), results };
}

function render(markdown: string, v: ReturnType<typeof vault>): string {
  const file = new VFile({ value: markdown, path: join(v.notesDir, 'demo.md') });
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkCodeTabs, { notesDir: v.notesDir, resultsFile: v.results })
    .use(remarkRehype)
    .use(rehypeStringify);
  return String(processor.processSync(file));
}

describe('remarkCodeTabs', () => {
  test('wraps a Python block and its translation in <code-tabs> with both panels', () => {
    const html = render(`Intro.\n\n\`\`\`python\n${HELLO}\n\`\`\`\n`, vault());
    expect(html).toContain('<code-tabs class="code-tabs" data-translation="notes/demo/hello.ts">');
    expect(html).toMatch(/data-lang="python">[\s\S]*<code class="language-python">print\('hello'\)/);
    expect(html).toMatch(/data-lang="typescript" data-pagefind-ignore="all">/);
  });

  test('the TypeScript tab links to the translation on its note’s translations page instead of carrying the code', () => {
    const html = render(`\`\`\`python\n${HELLO}\n\`\`\`\n`, vault());
    const ts = html.slice(html.indexOf('data-lang="typescript"'));
    expect(ts).toContain('<a href="/translations/demo/#ts-hello" data-ts-src="/translations/demo/" data-ts-id="ts-hello">Read the TypeScript translation (hello.ts)</a>');
    expect(ts).not.toContain("console.log('hello')");
    expect(ts).not.toContain('Sample output of the last check');
  });

  test('the translations link carries the site base', () => {
    const v = vault();
    const file = new VFile({ value: `\`\`\`python\n${HELLO}\n\`\`\`\n`, path: join(v.notesDir, 'demo.md') });
    const processor = unified().use(remarkParse).use(remarkCodeTabs, { notesDir: v.notesDir, resultsFile: v.results, base: '/kb' }).use(remarkRehype).use(rehypeStringify);
    expect(String(processor.processSync(file))).toContain('href="/kb/translations/demo/#ts-hello"');
  });

  test('the TypeScript tab shows the last check’s badges', () => {
    const html = render(`\`\`\`py\n${HELLO}\n\`\`\`\n`, vault());
    expect(html).toMatch(/code-tabs__badge--checked[^>]*>checked</);
    expect(html).toMatch(/code-tabs__badge--parity[^>]*>parity</);
  });

  test('the Python tab shows what the original printed in the same check', () => {
    const html = render(`\`\`\`python\n${HELLO}\n\`\`\`\n`, vault());
    const python = html.slice(html.indexOf('data-lang="python"'), html.indexOf('data-lang="typescript"'));
    expect(python).toContain('Output of this Python in the last check (delays shortened ×0.1, so printed times are shorter)');
    expect(python).toContain('hello from python');
  });

  test('long outputs fold behind a summary that says how long they are', () => {
    const long = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const html = render(`\`\`\`python\n${HELLO}\n\`\`\`\n\`\`\`\n${long}\n\`\`\`\n`, vault());
    expect(html).toMatch(/<details class="code-tabs__fold"><summary>Show all 20 lines<\/summary><pre><code class="language-txt">line 0\n/);
    // Short outputs stay open.
    expect(html).not.toMatch(/<details[^>]*><summary>Show all 1 lines/);
  });

  test('an unlabelled block right after the Python block becomes its recorded output', () => {
    const html = render(`\`\`\`python\n${HELLO}\n\`\`\`\n\`\`\`\nhello (recorded)\n\`\`\`\n`, vault());
    const python = html.slice(html.indexOf('data-lang="python"'), html.indexOf('data-lang="typescript"'));
    expect(python).toContain('Output the author recorded');
    expect(python).toContain('hello (recorded)');
    expect(html.match(/hello \(recorded\)/g)).toHaveLength(1);
  });

  test('the link survives edits elsewhere: a block inserted before does not shift it', () => {
    const html = render(`\`\`\`python\n${COUNT}\n\`\`\`\n\nText.\n\n\`\`\`python\n${HELLO}\n\`\`\`\n`, vault());
    const [first, second] = html.split('data-lang="python"').slice(1);
    expect(first).toContain('No TypeScript translation yet.');
    expect(second).toContain('Read the TypeScript translation (hello.ts)');
  });

  test('an edited Python block no longer shows the stale translation', () => {
    const html = render("```python\nprint('hello, world')\n```\n", vault());
    expect(html).not.toContain('<code-tabs');
    expect(html).toContain('No TypeScript translation yet.');
  });

  test('Python blocks nested in list items are wrapped too; other languages are left alone', () => {
    const html = render(`- item\n  \`\`\`python\n  ${HELLO}\n  \`\`\`\n\n\`\`\`js\nconsole.log(1)\n\`\`\`\n`, vault());
    expect(html).toMatch(/<li>[\s\S]*<code-tabs/);
    expect(html).toContain('<pre><code class="language-js">console.log(1)');
  });
});

describe('displayCode', () => {
  test('drops header tags and expected-output sections, keeps the prose and the code', () => {
    const source = '/**\n * @python sha256:0123456789abcdef\n * @mode run\n *\n * Node differs here.\n */\nconsole.log(1);\n\n// Output:\n// 1\n';
    expect(displayCode(source)).toBe('/**\n * Node differs here.\n */\nconsole.log(1);');
  });
});

describe('code fence meta survives the sanitizer', () => {
  test('title and wrap reach Expressive Code after rehype-raw + rehype-sanitize', async () => {
    const { rehypeSanitizeNotes } = await import('../src/plugins/rehype-sanitize-notes.ts');
    const metas: unknown[] = [];
    const collect = () => (tree: import('hast').Root) => {
      visit(tree, 'element', (node) => {
        if (node.tagName === 'code') metas.push({ meta: (node.data as { meta?: string } | undefined)?.meta, props: Object.keys(node.properties) });
      });
    };
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSanitizeNotes).use(collect).use(rehypeStringify);
    await processor.process('```ts title="x.ts" wrap\nlet a = 1;\n```\n\n<b>raw</b>\n');
    expect(metas).toEqual([{ meta: 'title="x.ts" wrap', props: ['className'] }]);
  });
});
