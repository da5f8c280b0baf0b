// Mermaid blocks as Obsidian vaults write them: drawn to SVG at build time (light and dark), cached
// by source; a block Mermaid cannot parse is a positioned warning and stays code. A browser test:
// Mermaid draws in Chromium.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import type { VaultNote } from '../../src/lib/vault.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'mermaid-cache-'));
process.env.MERMAID_CACHE_DIR = cacheDir;
process.env.MERMAID_REPORT = '0';
const { checkMermaid } = await import('../../src/lib/mermaid-checks.ts');
const { mermaidStats, renderMermaid } = await import('../../src/lib/mermaid.ts');
const { renderNote } = await import('../render-note.ts');

const FLOW = 'flowchart LR\n  A[Submit job] --> B{Pool busy?}\n  B -- yes --> C[Queue]\n  B -- no --> D[Worker]';
const SEQUENCE = 'sequenceDiagram\n  participant EL as Event loop\n  EL->>Task: resume\n  Task-->>EL: await sleep(1)';
const STATE = 'stateDiagram-v2\n  [*] --> Pending\n  Pending --> Running\n  Running --> Done\n  Done --> [*]';
const GANTT = 'gantt\n  dateFormat ss\n  axisFormat %S s\n  section Sequential\n  say_after 1 :a1, 00, 1s\n  say_after 2 :after a1, 2s';
const BROKEN = 'flowchart LR\n  A --> (((';

const note = (body: string): VaultNote => ({ id: 'm', path: 'm.md', file: 'notes/m.md', stem: 'm', data: {} as VaultNote['data'], body, bodyLine: 3 });
const fence = (src: string) => `\`\`\`mermaid\n${src}\n\`\`\``;

describe.skipIf(!hasChromium)('rendering Mermaid in Chromium at build time', () => {
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
  let problems: Awaited<ReturnType<typeof checkMermaid>>;
  let coldMs = 0;
  beforeAll(async () => {
    const t0 = performance.now();
    problems = await checkMermaid([note(`# Diagrams\n\n${fence(FLOW)}\n\n${fence(SEQUENCE)}\n\n${fence(STATE)}\n\n${fence(GANTT)}\n\n${fence(BROKEN)}\n`)]);
    coldMs = performance.now() - t0;
  }, 180_000);

  test('a block Mermaid cannot parse is a warning at its file:line:col', () => {
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'notes/m.md', line: 36, column: 1, severity: 'warning', ruleId: 'mermaid-invalid' });
    expect(problems[0]!.message).toMatch(/^Mermaid cannot draw this block, shown as code: .*Parse error/);
  });

  test('flowchart, sequence, state and Gantt diagrams become inline SVG in a light and a dark theme, the source as description', async () => {
    const html = await renderNote(`${fence(FLOW)}\n\n${fence(SEQUENCE)}\n\n${fence(STATE)}\n\n${fence(GANTT)}\n\n${fence(BROKEN)}\n`);
    expect(html.match(/<figure class="mermaid-diagram"/g)).toHaveLength(4);
    expect(html.match(/<svg[^>]*class="mermaid-svg mermaid-light"/g)).toHaveLength(4);
    expect(html.match(/<svg[^>]*class="mermaid-svg mermaid-dark"/g)).toHaveLength(4);
    const described = [...html.matchAll(/<svg[^>]*aria-describedby="([^"]+)"/g)].map((m) => m[1]);
    // On a wrapper (a code-weight div may come between): Expressive Code rebuilds the <pre> itself.
    for (const id of described) expect(html).toMatch(new RegExp(`<div id="${id}">(<div [^>]*>)?<pre><code>`));
    expect(html).toContain('Submit job');
    expect(html).toContain('Event loop');
    // The broken block is still there, as code.
    expect(html).toContain('<code class="language-mermaid">flowchart LR\n  A --> (((\n</code>');
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });

  test('a fence whose language is written ```Mermaid is drawn like ```mermaid', async () => {
    const html = await renderNote(`\`\`\`Mermaid\n${FLOW}\n\`\`\`\n`);
    expect(html.match(/<figure class="mermaid-diagram"/g)).toHaveLength(1);
    expect(html).toContain('Submit job');
    expect(html).not.toContain('language-Mermaid');
  });

  test('a second pass reads every diagram from the cache: no browser, and it says what a diagram costs', async () => {
    const before = { ...mermaidStats };
    const t0 = performance.now();
    const again = await renderMermaid([FLOW, SEQUENCE, STATE, GANTT, BROKEN]);
    const cachedMs = performance.now() - t0;
    expect(mermaidStats.rendered - before.rendered).toBe(0);
    expect(mermaidStats.cached - before.cached).toBe(5);
    expect(again.filter((r) => 'error' in r)).toHaveLength(1);
    expect(readdirSync(cacheDir)).toHaveLength(5);
    console.log(`mermaid cost: cold ${(coldMs / 5).toFixed(0)} ms per diagram (browser start included), cached ${(cachedMs / 5).toFixed(2)} ms per diagram`);
  });
});
