import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseNote } from '../syntax/grammar.ts';
import { registerCheck } from './lint.ts';
import { mermaidDrawn, renderMermaid, mermaidStats } from './mermaid.ts';
import { problem, type Problem } from './problems.ts';
import { siteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

/** ` ```mermaid ` blocks of a note with their 1-based position in the file. */
export function mermaidBlocks(note: VaultNote): { source: string; line: number; column: number }[] {
  // A cheap test first; then the note grammar, so a block inside `%%comment%%` (not on the page) is skipped.
  if (!/^\s*(`{3,}|~{3,})\s*mermaid/im.test(note.body)) return [];
  const blocks: { source: string; line: number; column: number }[] = [];
  visit(parseNote(note.body), 'code', (node: Code) => {
    if (node.lang?.toLowerCase() !== 'mermaid') return;
    const p = node.position?.start;
    blocks.push({ source: node.value, line: (p?.line ?? 1) + note.bodyLine - 1, column: p?.column ?? 1 });
  });
  return blocks;
}

/**
 * Whether every Mermaid block of `notes` is drawn in the cache already. `scripts/build.ts` runs the
 * lint beside Astro only then, so a new diagram is still drawn once, by the lint, before the build
 * reads it (else both would start a browser for it).
 */
export function mermaidAllDrawn(notes: readonly VaultNote[], cacheDir = siteConfig().mermaid.cacheDir): boolean {
  return notes.every((note) => mermaidBlocks(note).every((b) => mermaidDrawn(b.source, cacheDir)));
}

/**
 * Renders every Mermaid block once (filling the cache the build reads) and reports the ones
 * Mermaid cannot parse: a warning, since the page still shows them, as code.
 */
export async function checkMermaid(notes: readonly VaultNote[]): Promise<Problem[]> {
  const found = notes.flatMap((note) => mermaidBlocks(note).map((b) => ({ note, ...b })));
  if (found.length === 0) return [];
  const before = { ...mermaidStats };
  const results = await renderMermaid(found.map((b) => b.source));
  const problems: Problem[] = [];
  results.forEach((r, i) => {
    if (!('error' in r)) return;
    const b = found[i]!;
    problems.push(problem({ file: b.note.file, line: b.line, column: b.column, severity: 'warning', ruleId: 'mermaid-invalid', message: `Mermaid cannot draw this block, shown as code: ${r.error}`, source: 'mermaid' }));
  });
  const rendered = mermaidStats.rendered - before.rendered;
  if (siteConfig().mermaid.report) {
    console.log(`mermaid: ${found.length} diagram(s), ${mermaidStats.cached - before.cached} from the cache, ${rendered} rendered${rendered ? ` in ${((mermaidStats.renderMs - before.renderMs) / 1000).toFixed(1)} s` : ''}`);
  }
  return problems;
}

registerCheck((vault) => checkMermaid(vault.notes));
