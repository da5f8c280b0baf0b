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

const title = process.argv.slice(2).join(' ').trim();
if (!title) {
  console.error('usage: npm run new-note -- "Title of the note"');
  process.exit(2);
}
const slug = slugify(title);
if (!slug) {
  console.error(`error: "${title}" gives an empty file name: use letters or digits in the title`);
  process.exit(2);
}
const { notesDir, notesDisplayDir } = exitOnConfigError(siteConfig);
const file = join(notesDir, `${slug}.md`);
const shown = `${notesDisplayDir}/${relative(notesDir, file)}`;
if (existsSync(file)) {
  console.error(`error: ${shown} already exists: not overwritten (edit it, or choose another title)`);
  process.exit(1);
}
const key = linkKey(title);
const vault = scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts: true });
for (const note of vault.notes) {
  const names = [['title', note.data.title], ['file name', note.stem], ...note.data.aliases.map((a) => ['alias', a])] as const;
  const same = names.find(([, name]) => linkKey(name) === key);
  if (same) console.warn(`warning: ${note.file} already has the ${same[0]} "${same[1]}": [[${title}]] would match two notes`);
}
mkdirSync(notesDir, { recursive: true });
writeFileSync(file, noteTemplate(title), { flag: 'wx' });
console.log(shown);
