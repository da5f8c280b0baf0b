// Mermaid blocks as Obsidian vaults write them: found with their file positions. Drawing them (in
// Chromium, at build time) is tested in tests/e2e/mermaid-render.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { mermaidAllDrawn, mermaidBlocks } from '../src/lib/mermaid-checks.ts';
import { mermaidKey } from '../src/lib/mermaid.ts';
import type { VaultNote } from '../src/lib/vault.ts';

const FLOW = 'flowchart LR\n  A[Submit job] --> B{Pool busy?}\n  B -- yes --> C[Queue]\n  B -- no --> D[Worker]';
const STATE = 'stateDiagram-v2\n  [*] --> Pending\n  Pending --> Running\n  Running --> Done\n  Done --> [*]';

const note = (body: string): VaultNote => ({ id: 'm', path: 'm.md', file: 'notes/m.md', stem: 'm', data: {} as VaultNote['data'], body, bodyLine: 3 });
const fence = (src: string) => `\`\`\`mermaid\n${src}\n\`\`\``;

describe('finding Mermaid blocks', () => {
  test('gives each block its source and file position (frontmatter lines included)', () => {
    expect(mermaidBlocks(note(`# T\n\ntext\n\n${fence(FLOW)}\n\n- item\n\n  ${fence(STATE).replace(/\n/g, '\n  ')}\n`))).toEqual([
      { source: FLOW, line: 7, column: 1 },
      { source: STATE, line: 16, column: 3 },
    ]);
    expect(mermaidBlocks(note('```python\nprint(1)\n```'))).toEqual([]);
  });
});


describe('Mermaid blocks and the note grammar', () => {
  test('a block inside a %%comment%% is not on the page, so it is not drawn or checked', () => {
    expect(mermaidBlocks(note(`%%\n${fence(FLOW)}\n%%\n\n${fence(STATE)}\n`))).toEqual([{ source: STATE, line: 12, column: 1 }]);
  });
});

describe('whether the build may run beside the lint (scripts/build.ts)', () => {
  test('only when every diagram on a page is drawn in the cache already', () => {
    const cache = mkdtempSync(join(tmpdir(), 'mermaid-drawn-'));
    try {
      const plain = note('# T\n\nNo diagram here.\n');
      const withFlow = note(`# T\n\n${fence(FLOW)}\n`);
      const hidden = note(`%%\n${fence(STATE)}\n%%\n`);
      expect(mermaidAllDrawn([plain, hidden], cache)).toBe(true);
      expect(mermaidAllDrawn([plain, withFlow], cache)).toBe(false);
      writeFileSync(join(cache, `${mermaidKey(FLOW)}.json`), JSON.stringify({ light: '<svg/>', dark: '<svg/>' }));
      expect(mermaidAllDrawn([plain, withFlow, hidden], cache)).toBe(true);
      // A second, new diagram in the same note: not drawn yet.
      expect(mermaidAllDrawn([note(`${fence(FLOW)}\n\n${fence(STATE)}\n`)], cache)).toBe(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
