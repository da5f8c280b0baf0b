import { findQuote, readEditorial, type EditorialEntry, type EditorialFile } from './editorial.ts';
import { problem, type Problem } from './problems.ts';
import { siteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

/** An editorial file with each entry placed in its note (or reported). */
export interface PlacedEditorial extends EditorialFile {
  /** Entries whose quote matches the note, with the offset of the first match in the note body. */
  placed: Array<{ entry: EditorialEntry; start: number; end: number }>;
}

/**
 * The editorial file of a vault note, checked against the note's body: stale quotes (no match)
 * and ambiguous ones (several matches) become warnings at the editorial file's line.
 */
export function editorialFor(note: Pick<VaultNote, 'path' | 'file' | 'body'>, dir = siteConfig().notesDir, displayDir = siteConfig().notesDisplayDir): PlacedEditorial | undefined {
  const editorial = readEditorial(dir, note.path, displayDir);
  if (!editorial) return undefined;
  const problems: Problem[] = [...editorial.problems];
  const placed: PlacedEditorial['placed'] = [];
  for (const entry of editorial.entries) {
    const report = (ruleId: string, message: string) =>
      problems.push(problem({ file: editorial.file, line: entry.line, column: entry.column, severity: 'warning', ruleId, message, source: 'editorial' }));
    const matches = findQuote(note.body, entry.quote);
    const shown = entry.quote.length > 60 ? `${entry.quote.slice(0, 57)}…` : entry.quote;
    if (matches.length === 0) {
      report('editorial-stale-quote', `quote not found in ${note.file}: "${shown}" (the note changed?): this editor's note is not shown; update its quote or remove it`);
      continue;
    }
    if (matches.length > 1) report('editorial-ambiguous-quote', `quote matches ${matches.length} passages of ${note.file}: "${shown}": shown after the first; quote more words to choose one`);
    placed.push({ entry, ...matches[0]! });
  }
  return { ...editorial, problems, placed };
}
