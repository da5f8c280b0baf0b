// Builds the plan of a check: the notes' Python blocks, the translation files beside each note,
// which block each translation belongs to, and which blocks are missing or stale.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseBody, pythonBlocks, type PythonBlock } from '../../src/lib/python-blocks.ts';
import { scanVault } from '../../src/lib/vault.ts';
import { listTranslationFiles } from '../../src/lib/snippets/files.ts';
import { parseTranslation, type Allow, type Translation } from '../../src/lib/snippets/header.ts';
import { pairStale } from './pair.ts';

/** A Python block with the note it lives in. */
export interface NoteBlock extends PythonBlock {
  /** `notes/python-concurrency.md` */
  note: string;
  stem: string;
}

/** A translation file with its parsed header and, once paired, its block. */
export interface TranslationFile extends Translation {
  /** Absolute path. */
  abs: string;
  /** Display path, e.g. `notes/python-concurrency/hello-world.ts`: the key of the results. */
  path: string;
  /** Source text, and its sha256 (16 hex digits). */
  code: string;
  source: string;
  /** The note whose folder holds it. */
  note: string;
  /** Absolute path of that note's translation folder (all the run sees of notes/). */
  folder: string;
  /** Permissions the maintainers' allow-list grants it (set by the check; `allow` is what it asks for). */
  granted?: Allow[];
  /** Symbolic links found in its folder: such a folder is not run (`link -> target`). */
  symlinks?: string[];
  block?: NoteBlock;
  /** True when no published note has this file in its folder. */
  orphan?: boolean;
  /** Set when the @python hash matches no block: the block it most likely translated before. */
  staleOf?: { block?: NoteBlock; score: number };
}

/** Everything a check run works from. */
export interface Plan {
  blocks: NoteBlock[];
  translations: TranslationFile[];
  helpers: TranslationFile[];
  /** Blocks with no fresh translation and no stale one paired to them. */
  missing: NoteBlock[];
}

/** Scans the notes folder and pairs translations with blocks (hash first, similarity for stale ones). */
export function collectPlan(notesDir: string, displayDir: string): Plan {
  const vault = scanVault({ dir: notesDir, displayDir, includeDrafts: true });
  const blocks: NoteBlock[] = [];
  const translations: TranslationFile[] = [];
  const helpers: TranslationFile[] = [];
  for (const note of vault.notes) {
    const noteBlocks = pythonBlocks(parseBody(note.body), note.bodyLine).map((b) => ({ ...b, note: note.file, stem: note.stem }));
    blocks.push(...noteBlocks);
    const folderRel = note.path.replace(/\.md$/i, '');
    const folder = join(notesDir, folderRel);
    const links = symlinksIn(folder);
    for (const f of listTranslationFiles(folder)) {
      const abs = join(notesDir, folderRel, f);
      const code = readFileSync(abs, 'utf8');
      const t: TranslationFile = { ...parseTranslation(code), abs, path: `${displayDir}/${folderRel}/${f}`, code, source: sourceHash(code), note: note.file, folder, ...(links.length ? { symlinks: links } : {}) };
      if (t.helper) { helpers.push(t); continue; }
      t.block = noteBlocks.find((b) => b.hash === t.python);
      translations.push(t);
    }
    const mine = translations.filter((t) => t.note === note.file);
    const translated = new Set(mine.filter((t) => t.block).map((t) => t.block!.hash));
    const stale = mine.filter((t) => !t.block && t.python);
    const candidates = noteBlocks.filter((b) => !translated.has(b.hash));
    for (const [t, pair] of pairStale(stale, candidates)) t.staleOf = pair ?? { score: 0 };
  }
  // A translation folder whose note was renamed, removed or left out of the site (broken frontmatter).
  const known = new Set([...translations, ...helpers].map((t) => t.abs));
  for (const f of listTranslationFiles(notesDir)) {
    const abs = join(notesDir, f);
    if (known.has(abs)) continue;
    const code = readFileSync(abs, 'utf8');
    const t: TranslationFile = { ...parseTranslation(code), abs, path: `${displayDir}/${f}`, code, source: sourceHash(code), note: `${displayDir}/${f}`, folder: join(abs, '..'), orphan: true };
    if (!t.helper) translations.push(t);
  }
  const covered = new Set<NoteBlock>();
  for (const t of translations) {
    if (t.block) covered.add(t.block);
    if (t.staleOf?.block) covered.add(t.staleOf.block);
  }
  return { blocks, translations, helpers, missing: blocks.filter((b) => !covered.has(b)) };
}

/** Symbolic links anywhere under a translation folder (`name -> target`), which could show a run files outside it. */
export function symlinksIn(folder: string): string[] {
  let names: string[];
  try { names = readdirSync(folder, { recursive: true }).map(String).sort(); } catch { return []; }
  const out: string[] = [];
  for (const n of names) {
    try {
      if (lstatSync(join(folder, n)).isSymbolicLink()) out.push(`${n} -> ${readlinkSync(join(folder, n))}`);
    } catch { /* vanished */ }
  }
  return out;
}

const sourceHash = (code: string) => createHash('sha256').update(code).digest('hex').slice(0, 16);
