import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, test } from 'vitest';
import { bodyProblem, formatProblem, problem, problemFromMessage, summarize } from '../src/lib/problems.ts';
import { checkNoteSyntax } from '../src/lib/syntax-checks.ts';
import { scanVault } from '../src/lib/vault.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The one problem type (src/lib/problems.ts): vfile messages with the note's file and file line. */
describe('problems are vfile messages', () => {
  test('problem() makes a VFileMessage with reason, place, ruleId, source and fatal', () => {
    const p = problem({ file: 'notes/a.md', line: 3, column: 7, severity: 'error', ruleId: 'unresolved-link', message: 'no such note', source: 'link-graph' });
    expect(p).toBeInstanceOf(VFileMessage);
    expect([p.file, p.reason, p.line, p.column, p.place, p.ruleId, p.source, p.fatal, p.severity]).toEqual([
      'notes/a.md', 'no such note', 3, 7, { line: 3, column: 7 }, 'unresolved-link', 'link-graph', true, 'error',
    ]);
    expect(problem({ file: 'notes/a.md', severity: 'warning', ruleId: 'x', message: 'm' })).toMatchObject({ fatal: false, severity: 'warning', line: 1, column: 1 });
  });

  test('severity follows fatal, and the printer and the summary read the message fields', () => {
    const p = problem({ file: 'notes/a.md', line: 2, column: 1, severity: 'warning', ruleId: 'image-missing', message: 'image not found: x.png' });
    expect(formatProblem(p)).toBe('notes/a.md:2:1 warning: image not found: x.png [image-missing]');
    p.fatal = true;
    expect(p.severity).toBe('error');
    expect(formatProblem(p)).toBe('notes/a.md:2:1 error: image not found: x.png [image-missing]');
    expect(summarize([p, problem({ file: 'f', severity: 'warning', ruleId: 'r', message: 'm' })])).toEqual({ errors: 1, warnings: 1 });
  });

  test('bodyProblem is the body-line offset: body line 1 of a note with 4 lines of frontmatter is file line 5', () => {
    expect(formatProblem(bodyProblem({ file: 'notes/a.md', bodyLine: 5 }, 1, 9, 'warning', 'r', 'm'))).toBe('notes/a.md:5:9 warning: m [r]');
  });

  test('a message a parser put on the body file becomes a problem at the file line, keeping its rule and source', () => {
    const file = new VFile({ value: 'x' });
    const m = file.message('Card has no answer', { place: { line: 2, column: 6 }, ruleId: 'card-without-answer', source: 'remark-cards' });
    const p = problemFromMessage({ file: 'notes/a.md', bodyLine: 4 }, m, 'fallback');
    expect([p.line, p.column, p.ruleId, p.source, p.severity]).toEqual([5, 6, 'card-without-answer', 'remark-cards', 'warning']);
  });

  test('what the vault scan, the link graph and the syntax checks report are all vfile messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'problems-'));
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: someday\n---\n\n[[#Nowhere]] and ![x](nope.png)\n');
    const vault = scanVault({ dir });
    const graph = buildLinkGraph(vault);
    const note = vault.notes[0]!;
    const all = [...vault.problems, ...graph.problems, ...(await checkNoteSyntax(note, dir, vault.assets))];
    expect(all.map(formatProblem).sort()).toEqual([
      'notes/a.md:3:1 warning: date is not a date (string "someday"); ignored [frontmatter-date]',
      'notes/a.md:6:1 warning: [[#Nowhere]]: this note has no heading "Nowhere" [missing-heading]',
      'notes/a.md:6:18 warning: image not found: nope.png [image-missing]',
    ]);
    expect(all.every((p) => p instanceof VFileMessage && typeof p.source === 'string')).toBe(true);
  });
});
