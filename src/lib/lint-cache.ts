/**
 * The lint cache: each note's problems from the per-note checks (syntax, cards, clozes, editorial
 * notes; `registerNoteCheck` in lint.ts), kept between runs under the configured cache folder
 * (`<ASTRO_CACHE_DIR>/lint-cache.json`, beside the link graph's parse cache; safe to delete).
 *
 * A note's entry is reused only while its key is unchanged. The key covers everything those
 * checks read: the note's file (path, text, where its body starts) and its editorial file; the
 * vault's attachments and the public folder's files (where images resolve) and the diagrams file
 * (images drawn from a recorded run); the configuration; and the check code itself (src/syntax,
 * src/lib, the lockfile), so changed code re-checks every note. The link checks read the vault's
 * name, heading and block-id index: they come from the link graph, built every run from the
 * parse cache, so a new note or a renamed heading changes exactly the linking notes' results.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { editorialPath } from './editorial.ts';
import { listFiles } from './list-files.ts';
import { problem, type Problem, type Severity } from './problems.ts';
import type { SiteConfig } from './site-config.ts';
import type { Vault, VaultNote } from './vault.ts';

/** Bump when what a key covers or what an entry holds changes: every note is checked again. */
const LINT_CACHE_VERSION = 1;

/** The code the checks run: a change here re-checks every note. */
const CHECK_SOURCES = ['src/syntax', 'src/lib', 'package-lock.json'];

/** A problem as stored: the fields `problem()` makes it from. */
interface StoredProblem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
  source?: string;
}

/** What the lint cache file holds: per note file (`notes/FILE.md`), its key and its problems. */
interface CacheFile {
  version: number;
  entries: Record<string, { key: string; problems: StoredProblem[] }>;
}

/** Per-note lint results kept between runs, with the run's hit and miss counts. */
export interface LintCache {
  /** The note's cached problems when its key is unchanged, else undefined (a miss). */
  get(note: VaultNote): Problem[] | undefined;
  /** Records the note's problems under its current key. */
  set(note: VaultNote, problems: readonly Problem[]): void;
  /** Writes the entries of this run's notes (others are dropped) to the cache file. */
  save(): void;
  /** This run's counts, and the notes checked (not taken from the cache), as `notes/FILE.md`. */
  readonly stats: { hits: number; misses: number; checked: string[] };
}

/**
 * Digest of what every note's per-note checks depend on besides the note: the check code, the
 * configuration (build folders and the Anki time aside), the vault's attachments, the public
 * folder's files and the diagrams file.
 */
export function lintDigest(config: SiteConfig, vault: Pick<Vault, 'assets'>, root = process.cwd()): string {
  const hash = createHash('sha256');
  hash.update(`lint v${LINT_CACHE_VERSION}\0${process.version}\0`);
  for (const source of CHECK_SOURCES) {
    for (const file of listFiles(resolve(root, source))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  const { outDir: _o, cacheDir: _c, sourceDateEpoch: _s, ...rest } = config;
  hash.update(JSON.stringify(rest));
  hash.update(`\0${vault.assets.join('\n')}\0`);
  for (const file of listFiles(config.publicDir)) hash.update(`${relative(config.publicDir, file)}\n`);
  if (config.diagrams.file && existsSync(config.diagrams.file)) hash.update('\0diagrams\0').update(readFileSync(config.diagrams.file));
  return hash.digest('hex');
}

/** One note's key: the run's digest, the note's file and text, and its editorial file. */
export function noteLintKey(digest: string, note: VaultNote, notesDir: string): string {
  const hash = createHash('sha256').update(digest).update('\0');
  hash.update(`${note.file}\0${note.path}\0${note.bodyLine}\0${JSON.stringify(note.data)}\0${note.body}`);
  const editorial = join(notesDir, editorialPath(note.path));
  if (existsSync(editorial)) hash.update('\0editorial\0').update(readFileSync(editorial));
  return hash.digest('hex');
}

function store(p: Problem): StoredProblem {
  return { file: p.file, line: p.line, column: p.column, severity: p.severity, ruleId: p.ruleId, message: p.reason, ...(p.source ? { source: p.source } : {}) };
}

function read(file: string): CacheFile['entries'] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return data.version === LINT_CACHE_VERSION && data.entries ? data.entries : {};
  } catch {
    // Missing or damaged: start empty (the cache is only ever a shortcut).
    return {};
  }
}

/** The lint cache of `file` for this run's configuration and vault. */
export function openLintCache(file: string, config: SiteConfig, vault: Pick<Vault, 'assets'>, root = process.cwd()): LintCache {
  const digest = lintDigest(config, vault, root);
  const before = read(file);
  const after: CacheFile['entries'] = {};
  const keys = new Map<string, string>();
  const stats = { hits: 0, misses: 0, checked: [] as string[] };
  const keyOf = (note: VaultNote) => {
    let key = keys.get(note.file);
    if (key === undefined) keys.set(note.file, (key = noteLintKey(digest, note, config.notesDir)));
    return key;
  };
  return {
    stats,
    get(note) {
      const entry = before[note.file];
      if (!entry || entry.key !== keyOf(note)) {
        stats.misses++;
        stats.checked.push(note.file);
        return undefined;
      }
      stats.hits++;
      after[note.file] = entry;
      return entry.problems.map((p) => problem(p));
    },
    set(note, problems) {
      after[note.file] = { key: keyOf(note), problems: problems.map(store) };
    },
    save() {
      mkdirSync(dirname(file), { recursive: true });
      // Written aside and renamed: a run stopped mid-write never leaves half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: LINT_CACHE_VERSION, entries: after } satisfies CacheFile));
      renameSync(tmp, file);
    },
  };
}

/** Where the lint cache lives: the configured cache folder (each test and bench build has its own). */
export function lintCacheFile(config: Pick<SiteConfig, 'cacheDir'>): string {
  return resolve(config.cacheDir, 'lint-cache.json');
}
