// Lists every Python block of the notes with the hash a translation must record.
// Usage: node scripts/list-python-blocks.ts [--json]
import { parseBody, pythonBlocks } from '../src/lib/python-blocks.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { scanVault } from '../src/lib/vault.ts';

const { notesDir, notesDisplayDir } = siteConfig();
const vault = scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts: true });
const rows = vault.notes.flatMap((note) =>
  pythonBlocks(parseBody(note.body), note.bodyLine).map((b) => ({ note: note.file, stem: note.stem, ...b })),
);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const r of rows) {
    const first = r.code.split('\n').find((l) => l.trim()) ?? '';
    console.log(`${r.note}:${r.line}:${r.column} ${r.hash} ${r.session ? 'session ' : ''}${first.slice(0, 60)}`);
  }
  console.log(`${rows.length} python blocks`);
}
