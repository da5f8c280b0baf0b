// The warm-rebuild scenarios of `npm run bench -- --warm` edit the vault as the issue names them,
// and the dist/ comparison reports every differing file (a difference fails the bench).
import { cpSync, readdirSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateVault } from '../scripts/bench/generator.ts';
import { addLinkedNote, diffDirs, editText, renameLinkedHeading } from '../scripts/bench/warm.ts';

const work = mkdtempSync(join(tmpdir(), 'bench-warm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('warm scenarios on a generated vault', () => {
  const dir = join(work, 'vault');
  generateVault(dir, 40, 7);
  const before = join(work, 'before');
  cpSync(dir, before, { recursive: true });

  test('edit-text changes exactly one note, by appending to it', () => {
    const edit = editText(dir);
    const diff = diffDirs(dir, before);
    expect(diff.differing).toHaveLength(1);
    const file = diff.differing[0]!;
    expect(edit.detail).toContain(file);
    expect(readFileSync(join(dir, file), 'utf8').startsWith(readFileSync(join(before, file), 'utf8').trimEnd())).toBe(true);
  });

  test('new-note writes the note an unresolved [[link]] names, so the link resolves', () => {
    cpSync(dir, before, { recursive: true });
    const edit = addLinkedNote(dir);
    const diff = diffDirs(dir, before);
    expect(diff.differing).toHaveLength(1);
    const [, name] = /^(.+\.md) \(only in the warm build\)$/.exec(diff.differing[0]!)!;
    expect(edit.detail).toContain(name);
    const target = name!.slice(0, -3);
    // Some other note links to it by that name.
    expect(readdirSync(before).some((f) => f.endsWith('.md') && readFileSync(join(before, f), 'utf8').includes(`[[${target}`))).toBe(true);
  });

  test('rename-heading renames a heading that some [[note#Heading]] links to', () => {
    cpSync(dir, before, { recursive: true });
    const edit = renameLinkedHeading(dir);
    const [, heading, file] = /renamed "## (.+)" in (.+\.md)/.exec(edit.detail)!;
    expect(readFileSync(join(dir, file!), 'utf8')).toContain(`\n## ${heading} renamed\n`);
    expect(readFileSync(join(before, file!), 'utf8')).toContain(`\n## ${heading}\n`);
    expect(diffDirs(dir, before).differing).toEqual([file]);
  });
});

test('diffDirs names changed bytes of the same size and files on one side only', () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  for (const d of [a, b]) mkdirSync(join(d, 'x'), { recursive: true });
  writeFileSync(join(a, 'x', 'same.html'), '<p>1</p>');
  writeFileSync(join(b, 'x', 'same.html'), '<p>1</p>');
  writeFileSync(join(a, 'x', 'page.html'), '<p>1</p>');
  writeFileSync(join(b, 'x', 'page.html'), '<p>2</p>');
  writeFileSync(join(a, 'warm-only.txt'), '');
  writeFileSync(join(b, 'cold-only.txt'), '');
  expect(diffDirs(a, b)).toEqual({
    files: 3, differing: ['warm-only.txt (only in the warm build)', 'x/page.html', 'cold-only.txt (only in the cold build)'],
    excerpts: ['x/page.html @3: warm «<p>1</p>» cold «<p>2</p>»'],
  });
  expect(diffDirs(join(a, 'x'), join(a, 'x')).differing).toEqual([]);
});
