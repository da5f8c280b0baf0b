/**
 * A learner's progress, kept in this browser (localStorage) under a versioned schema: one FSRS
 * card state per card id. No scheduling here (that is ts-fsrs, in study-schedule.ts), so the note
 * pages' study bar can count due cards without loading the scheduler. Export and import use the
 * same shape as storage; a file that is not exactly that is refused and nothing is changed.
 */

export const PROGRESS_KEY = 'notes:study-progress';
/** Identifies our files among other JSON a learner might pick. */
export const PROGRESS_FORMAT = 'pyconcurrency-notes/study-progress';
/** Bump when the shape changes (and migrate older versions in `parseProgress`). */
export const PROGRESS_SCHEMA = 1;

/** One card's FSRS state (ts-fsrs's `Card` with dates as ISO strings) and the note it belongs to. */
export interface CardState {
  note: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs `State`: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  last_review?: string;
}

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  schema: typeof PROGRESS_SCHEMA;
  cards: Record<string, CardState>;
}

export const emptyProgress = (): Progress => ({ format: PROGRESS_FORMAT, schema: PROGRESS_SCHEMA, cards: {} });

export type ParseResult = { ok: true; progress: Progress } | { ok: false; error: string };

const isDate = (v: unknown) => typeof v === 'string' && v.length < 40 && !Number.isNaN(Date.parse(v));
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Why `value` is not a card state, or '' when it is one. */
function cardProblem(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const c = value as Record<string, unknown>;
  if (typeof c.note !== 'string' || c.note.length === 0 || c.note.length > 500) return 'has no note';
  if (!isDate(c.due)) return 'has no valid due date';
  if (c.last_review !== undefined && !isDate(c.last_review)) return 'has an invalid last review date';
  for (const key of ['stability', 'difficulty', 'elapsed_days', 'scheduled_days'] as const) if (!isNumber(c[key])) return `has an invalid ${key}`;
  for (const key of ['learning_steps', 'reps', 'lapses'] as const) if (!isCount(c[key])) return `has an invalid ${key}`;
  if (![0, 1, 2, 3].includes(c.state as number)) return 'has an invalid state';
  return '';
}

/** Checks a parsed JSON value (a stored or imported file): the whole of it, or nothing. */
export function parseProgress(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'it is not a study progress file (not a JSON object)' };
  const v = value as Record<string, unknown>;
  if (v.format !== PROGRESS_FORMAT) return { ok: false, error: 'it is not a study progress file of this site' };
  if (typeof v.schema !== 'number' || v.schema > PROGRESS_SCHEMA) return { ok: false, error: `it was written by a newer version of the site (schema ${String(v.schema)})` };
  if (v.schema !== PROGRESS_SCHEMA) return { ok: false, error: `schema ${v.schema} is not supported` };
  if (typeof v.cards !== 'object' || v.cards === null || Array.isArray(v.cards)) return { ok: false, error: 'it has no cards' };
  const cards: Record<string, CardState> = {};
  for (const [id, state] of Object.entries(v.cards)) {
    const problem = cardProblem(state);
    if (problem) return { ok: false, error: `card ${JSON.stringify(id.slice(0, 40))} ${problem}` };
    const c = state as CardState;
    cards[id] = { note: c.note, due: c.due, stability: c.stability, difficulty: c.difficulty, elapsed_days: c.elapsed_days, scheduled_days: c.scheduled_days, learning_steps: c.learning_steps, reps: c.reps, lapses: c.lapses, state: c.state, ...(c.last_review ? { last_review: c.last_review } : {}) };
  }
  return { ok: true, progress: { format: PROGRESS_FORMAT, schema: PROGRESS_SCHEMA, cards } };
}

/** Parses the text of a file; JSON errors become a refusal like any other. */
export function parseProgressText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  return parseProgress(value);
}

/** The stored progress; empty when there is none or it cannot be read (a corrupt copy is set aside, not lost). */
export function loadProgress(storage: Storage | undefined = globalThis.localStorage): Progress {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return emptyProgress();
  }
  if (raw === null) return emptyProgress();
  const parsed = parseProgressText(raw);
  if (parsed.ok) return parsed.progress;
  try {
    storage?.setItem(`${PROGRESS_KEY}:unreadable`, raw);
  } catch {
    // Nowhere to keep it: the learner starts again.
  }
  return emptyProgress();
}

/** Writes progress; false when the browser refuses (private mode, storage full). */
export function saveProgress(progress: Progress, storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Imported progress merged into the current one: per card, the state reviewed last wins. */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const cards = { ...current.cards };
  const when = (c: CardState | undefined) => (c?.last_review ? Date.parse(c.last_review) : -1);
  for (const [id, state] of Object.entries(incoming.cards)) {
    const mine = cards[id];
    if (!mine || when(state) > when(mine) || (when(state) === when(mine) && state.reps > mine.reps)) cards[id] = state;
  }
  return { ...current, cards };
}

export interface DeckCounts {
  new: number;
  due: number;
  learned: number;
}

/** New (never reviewed), due (now or earlier) and learned (due later) among `ids`; progress of other ids is ignored. */
export function countDeck(ids: readonly string[], progress: Progress, now: Date): DeckCounts {
  const counts: DeckCounts = { new: 0, due: 0, learned: 0 };
  for (const id of ids) {
    const state = progress.cards[id];
    if (!state) counts.new += 1;
    else if (Date.parse(state.due) <= now.getTime()) counts.due += 1;
    else counts.learned += 1;
  }
  return counts;
}
