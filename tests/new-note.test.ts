import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { newNoteUrl, noteTemplate } from '../src/lib/link-paths.ts';
import { newNote } from '../scripts/new-note.ts';

function vault(): string {
  const dir = mkdtempSync(join(tmpdir(), 'new-note-'));
  cpSync('notes', dir, { recursive: true });
  return dir;
}
/** The command as `npm run new-note` runs it: a process, the notes folder from NOTES_DIR. */
const cli = (dir: string, ...args: string[]) => spawnSync(process.execPath, ['scripts/new-note.ts', ...args], { env: { ...process.env, NOTES_DIR: dir }, encoding: 'utf8' });
/** The same command in this process (what the CLI prints, as lines). */
const run = (dir: string, ...args: string[]) => newNote(args, { notesDir: dir, notesDisplayDir: 'notes' });

describe('npm run new-note', () => {
  test('writes notes/<slug>.md from the template and prints its path', () => {
    const dir = vault();
    const done = cli(dir, 'Semaphores');
    expect(done.status).toBe(0);
    expect(done.stdout.trim()).toBe('notes/semaphores.md');
    expect(readFileSync(join(dir, 'semaphores.md'), 'utf8')).toBe(noteTemplate('Semaphores'));
  });

  test('refuses to overwrite an existing file', () => {
    const dir = vault();
    writeFileSync(join(dir, 'semaphores.md'), 'mine\n');
    const refused = run(dir, 'Semaphores');
    expect(refused.status).toBe(1);
    expect(refused.stderr.join('\n')).toContain('error: notes/semaphores.md already exists: not overwritten');
    expect(readFileSync(join(dir, 'semaphores.md'), 'utf8')).toBe('mine\n');
  });

  test('warns when another note already has the title or an alias', () => {
    const dir = vault();
    writeFileSync(join(dir, 'loop.md'), '---\ntitle: Loops\naliases: [Semaphore list]\n---\n\nText.\n');
    const byAlias = run(dir, 'Semaphore list');
    expect(byAlias.status).toBe(0);
    expect(byAlias.stderr).toContain('warning: notes/loop.md already has the alias "Semaphore list": [[Semaphore list]] would match two notes');
    const byTitle = run(dir, 'concurrency in Python - a guide');
    expect(byTitle.status).toBe(0);
    expect(byTitle.stderr.join('\n')).toContain('warning: notes/concurrency-in-python-a-guide.md already has the title "Concurrency in Python - A Guide"');
  });

  test('without a title it prints the usage', () => {
    const usage = run(vault());
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run new-note -- "Title of the note"');
  });

  test('"Write this note" opens GitHub\'s new-file page prefilled with the same template', () => {
    const url = new URL(newNoteUrl({ owner: 'acme', name: 'garden', branch: 'main', notesPath: 'notes' }, 'event_loop', 'Semaphores'));
    expect(url.origin + url.pathname).toBe('https://github.com/acme/garden/new/main/notes');
    expect(url.searchParams.get('filename')).toBe('event_loop.md');
    expect(url.searchParams.get('value')).toBe(noteTemplate('Semaphores'));
  });
});
