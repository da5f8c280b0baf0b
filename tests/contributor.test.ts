// CONTRIBUTING.md followed as a newcomer would: a new note with a link, a cloze, a card and a
// Python block with its translation; then each likely mistake, caught with a positioned message.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import '../src/lib/checks.ts';
import { lintVault } from '../src/lib/lint.ts';
import { formatProblem, sortProblems, summarize } from '../src/lib/problems.ts';
import { hashPython } from '../src/lib/python-blocks.ts';
import { scanVault } from '../src/lib/vault.ts';
import { collectPlan } from '../scripts/snippets/collect.ts';
import { newNote } from '../scripts/new-note.ts';

const PYTHON = 'import asyncio\n\nasync def main():\n    print("hello")\n\nasyncio.run(main())';
const translation = (hash: string) => `/**\n * @python ${hash}\n * @mode run\n */\nconsole.log('hello');\n\n// Output:\n// hello\n`;

let dir: string;
const note = (body: string) => writeFileSync(join(dir, 'event-loop.md'), body);
/** What `npm run lint` prints for the new note, and its exit status (run in-process: the same checks). */
const lint = async () => {
  const problems = sortProblems(await lintVault(scanVault({ dir, displayDir: 'notes' })));
  return { status: summarize(problems).errors > 0 ? 1 : 0, lines: problems.map(formatProblem).filter((l) => l.startsWith('notes/event-loop')) };
};
const missingTranslations = () => collectPlan(dir, 'notes').missing.filter((b) => b.note === 'notes/event-loop.md').map((b) => `${b.note}:${b.line}:${b.column}`);

const GOOD = `---
title: "Event loop"
aliases: []
tags: [asyncio]
---

The event loop of [[Python Concurrency]] runs ==one task at a time==.

- Which module switches tasks cooperatively?
  &#10;<br>
  \`asyncio\`.

> [!tip] One loop per thread
> Each thread can run its own loop.

\`\`\`python
${PYTHON}
\`\`\`
`;

describe('a newcomer adds a note as CONTRIBUTING.md says', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'contributor-'));
    cpSync('notes', dir, { recursive: true });
    // The newcomer writes the vault's first event-loop note: take out the hub note of that name.
    rmSync(join(dir, 'event-loop.md'));
    rmSync(join(dir, 'event-loop'), { recursive: true, force: true });
    expect(newNote(['Event loop'], { notesDir: dir, notesDisplayDir: 'notes' }).stdout).toEqual(['notes/event-loop.md']);
    note(GOOD);
    mkdirSync(join(dir, 'event-loop'));
    writeFileSync(join(dir, 'event-loop', 'hello.ts'), translation(hashPython(PYTHON)));
  });

  test('the finished note with its link, cloze, card, callout and translation passes lint and has no missing translation', async () => {
    expect(await lint()).toEqual({ status: 0, lines: [] });
    expect(missingTranslations()).toEqual([]);
    const listed = spawnSync(process.execPath, ['scripts/list-python-blocks.ts'], { env: { ...process.env, NOTES_DIR: dir }, encoding: 'utf8' }).stdout;
    expect(listed).toContain(hashPython(PYTHON));
  });

  test.each([
    ['YAML that does not parse', (s: string) => s.replace('title: "Event loop"', 'title: Event loop: basics'), 'notes/event-loop.md:2:8 error: invalid YAML frontmatter: Nested mappings are not allowed in compact mappings [frontmatter-yaml]'],
    ['a wrong type', (s: string) => s.replace('tags: [asyncio]', 'tags: 5'), 'notes/event-loop.md:4:1 error: tags must be a list of words or a comma-separated string, got number 5 [frontmatter-tags]'],
    ['a link to a missing heading', (s: string) => s.replace('[[Python Concurrency]]', '[[Python Concurrency#Threads]]'), 'notes/event-loop.md:7:19 warning: [[Python Concurrency#Threads]]: notes/python-concurrency.md has no heading "Threads" [missing-heading]'],
    ['a cloze left open', (s: string) => s.replace('==one task at a time==', '==one task at a time'), 'notes/event-loop.md:7:47 warning: `==` opens a highlight (a cloze in Study mode) that is never closed in this paragraph: end the hidden words with `==` [cloze-unclosed]'],
    ['a card without an answer', (s: string) => s.replace('  `asyncio`.\n', ''), 'notes/event-loop.md:10:8 warning: Card has no answer after `&#10;<br>` [card-without-answer]'],
  ])('%s is reported at its line and column', async (_mistake, edit, message) => {
    note(edit(GOOD));
    try {
      const { lines } = await lint();
      expect(lines, JSON.stringify(lines)).toContain(message);
    } finally {
      note(GOOD);
    }
  });

  test('a link that matches two notes at the same distance is a warning naming both', async () => {
    mkdirSync(join(dir, 'x'), { recursive: true });
    writeFileSync(join(dir, 'x', 'twin.md'), '# Twin\n\nOne.\n');
    mkdirSync(join(dir, 'y'), { recursive: true });
    writeFileSync(join(dir, 'y', 'twin.md'), '# Twin\n\nTwo.\n');
    note(GOOD.replace('runs ==one', 'runs [[twin]] ==one'));
    try {
      const { status, lines } = await lint();
      expect(status).toBe(0);
      expect(lines, JSON.stringify(lines)).toContain('notes/event-loop.md:7:47 warning: [[twin]] matches 2 notes at the same distance: notes/x/twin.md and notes/y/twin.md; link by path to choose one [ambiguous-link]');
    } finally {
      note(GOOD);
    }
  });

  test('a Python block without a translation is found at its position; a changed block makes its translation stale', () => {
    note(`${GOOD}\nAnd another:\n\n\`\`\`python\nprint("bye")\n\`\`\`\n`);
    expect(missingTranslations()).toEqual(['notes/event-loop.md:27:1']);
    note(GOOD.replace('print("hello")', 'print("hello, loop")'));
    const stale = collectPlan(dir, 'notes').translations.filter((t) => t.note === 'notes/event-loop.md' && !t.block);
    expect(stale.map((t) => t.path)).toEqual(['notes/event-loop/hello.ts']);
    note(GOOD);
    expect(readFileSync(join(dir, 'event-loop.md'), 'utf8')).toBe(GOOD);
  });
});
