import type { VFile } from 'vfile';
import { setPageFact } from './page-facts.ts';

/**
 * Per-note study facts (highlights = clozes, question/answer cards), recorded by the remark
 * plugins on the file being processed and read back by the `PageTitle` override through
 * Astro's `remarkPluginFrontmatter`. Nothing here is module state: every page carries its own.
 */
export interface StudyCounts {
  clozes: number;
  cards: number;
}

/** The key under which the counts live in `file.data.astro.frontmatter`. */
export const STUDY_KEY = 'study';

declare module 'vfile' {
  interface DataMap {
    /** Clozes and cards of the note, set by remark-cloze and remark-cards. */
    study: StudyCounts;
  }
}

/**
 * Adds `delta` to one count of the file's study facts (creating them at zero): in the typed
 * `file.data.study`, and as the page fact `study` that the `PageTitle` override reads back.
 */
export function addStudyCount(file: VFile, kind: keyof StudyCounts, delta: number): StudyCounts {
  const current = file.data.study ?? { clozes: 0, cards: 0 };
  const next = { ...current, [kind]: current[kind] + delta };
  file.data.study = next;
  setPageFact(file, STUDY_KEY, next);
  return next;
}

/** Reads the counts from a `remarkPluginFrontmatter` object; zeros when absent or malformed. */
export function readStudyCounts(frontmatter: unknown): StudyCounts {
  const raw = (frontmatter as Record<string, unknown> | undefined)?.[STUDY_KEY] as Partial<StudyCounts> | undefined;
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);
  return { clozes: n(raw?.clozes), cards: n(raw?.cards) };
}

/** "11 clozes · 6 cards", leaving out a kind the note has none of. */
export function formatStudyCounts({ clozes, cards }: StudyCounts): string {
  const part = (count: number, one: string) => (count === 0 ? '' : `${count} ${one}${count === 1 ? '' : 's'}`);
  return [part(clozes, 'cloze'), part(cards, 'card')].filter(Boolean).join(' · ');
}
