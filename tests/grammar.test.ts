import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { VFile } from 'vfile';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { parseBody, pythonBlocks } from '../src/lib/python-blocks.ts';
import { scanVault } from '../src/lib/vault.ts';
import { parseNote, renderedText } from '../src/syntax/grammar.ts';

/** Every reader of a note goes through `parseNote` (src/syntax/grammar.ts): these are its readers' views. */
describe('one grammar for every reader', () => {
  test('a Python block inside %%…%% is not listed for the snippet check (it is not on the page)', () => {
    const blocks = pythonBlocks(parseBody('```python\nprint(1)\n```\n\n%%\n```python\nprint(2)\n```\n%%\n'));
    expect(blocks.map((b) => b.code)).toEqual(['print(1)']);
  });

  test('a [[link]] inside $math$ makes no concept and no backlink; one between currency amounts does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grammar-math-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\nCost is $O([[Big O]])$. Between $5 and [[Cheap]] $10.\n');
    const graph = buildLinkGraph(scanVault({ dir }));
    expect([...graph.concepts.values()].map((c) => c.title)).toEqual(['Cheap']);
  });

  test('==marks== and callouts are in the tree every reader gets, not added by a render plugin', () => {
    const tree = parseNote('> [!tip] Use ==a pool==\n> Body.\n');
    const quote = tree.children[0]!;
    expect(quote.data).toMatchObject({ hName: 'div', hProperties: { className: ['callout'], dataCallout: 'tip' } });
    expect(JSON.stringify(quote)).toContain('"type":"mark"');
    expect(JSON.stringify(quote)).toContain('"type":"calloutBody"');
  });

  test('the link graph quotes a link in a callout title without the [!type] marker, and a highlight without its ==', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grammar-callout-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\n> [!tip] Use [[B]] now\n> Body.\n\nThis is ==[[B]] bound== work.\n');
    writeFileSync(join(dir, 'b.md'), '# B\n\nText.\n');
    const graph = buildLinkGraph(scanVault({ dir }));
    const contexts = graph.linkedFrom.get('note:b')?.flatMap((b) => b.contexts.map((c) => `${c.before}[${c.match}]${c.after}`));
    expect(contexts).toEqual(['Use [B] now', 'This is [B] bound work.']);
  });

  test('comments are cut at token boundaries: character references before them stay whole', () => {
    const file = new VFile();
    const tree = parseNote('Tom &amp; Jerry %%private note%% end.', file);
    expect(JSON.stringify(tree.children[0])).toContain('"value":"Tom & Jerry  end."');
    expect(file.data.comments?.map((c) => [c.line, c.column, c.closed])).toEqual([[1, 17, true]]);
  });

  test.each([
    ['What is a _future_ object?', 'What is a future object?'],
    ['`await` *now*', 'await now'],
    ['[[Note|shown]] and [link](x)', 'shown and link'],
    ['1. Not a list', '1. Not a list'],
  ])('a heading written in a link, %j, is read as the page shows it: %j', (written, shown) => {
    expect(renderedText(written)).toBe(shown);
  });

  test('block ids are found on paragraphs, list items and the block before a lone ^id, and their markers removed', () => {
    const file = new VFile();
    const tree = parseNote('Cite me ^p1\n\n- item ^li\n\n> quote\n\n^q\n', file);
    expect(file.data.blockIds?.map((b) => [b.id, b.node.type])).toEqual([['p1', 'paragraph'], ['li', 'listItem'], ['q', 'blockquote']]);
    expect(JSON.stringify(tree)).not.toContain('^');
  });
});
