// `npm run new-note -- "Title"`: writes notes/<slug>.md from the note template (the same one the
// concept pages' "Write this note" link opens on GitHub) and prints its path. Refuses to overwrite
// a file; warns when a note already has this title, alias or file name (a [[link]] would be ambiguous).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exitOnConfigError } from '../src/lib/config-error.ts';
import { noteTemplate } from '../src/lib/link-paths.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { linkKey, slugify } from '../src/lib/slug.ts';
import { scanVault } from '../src/lib/vault.ts';

/** What the command did: its exit status and the lines it printed to stdout and stderr. */
export interface NewNoteRun { status: 0 | 1 | 2; stdout: string[]; stderr: string[] }

/** The whole command, given its arguments and the notes folder (the CLI below only prints the result). */
export function newNote(args: string[], dirs: { notesDir: string; notesDisplayDir: string }): NewNoteRun {
  const run: NewNoteRun = { status: 0, stdout: [], stderr: [] };
  const fail = (status: 1 | 2, line: string) => ({ ...run, status, stderr: [...run.stderr, line] });
  const title = args.join(' ').trim();
  if (!title) return fail(2, 'usage: npm run new-note -- "Title of the note"');
  const slug = slugify(title);
  if (!slug) return fail(2, `error: "${title}" gives an empty file name: use letters or digits in the title`);
  const { notesDir, notesDisplayDir } = dirs;
  const file = join(notesDir, `${slug}.md`);
  const shown = `${notesDisplayDir}/${relative(notesDir, file)}`;
  if (existsSync(file)) return fail(1, `error: ${shown} already exists: not overwritten (edit it, or choose another title)`);
  const key = linkKey(title);
  const vault = scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts: true });
  for (const note of vault.notes) {
    const names = [['title', note.data.title], ['file name', note.stem], ...note.data.aliases.map((a) => ['alias', a])] as const;
    const same = names.find(([, name]) => linkKey(name) === key);
    if (same) run.stderr.push(`warning: ${note.file} already has the ${same[0]} "${same[1]}": [[${title}]] would match two notes`);
  }
  mkdirSync(notesDir, { recursive: true });
  writeFileSync(file, noteTemplate(title), { flag: 'wx' });
  run.stdout.push(shown);
  return run;
}

if (import.meta.main) {
  const run = newNote(process.argv.slice(2), exitOnConfigError(siteConfig));
  for (const line of run.stdout) console.log(line);
  for (const line of run.stderr) console.error(line);
  process.exitCode = run.status;
}
