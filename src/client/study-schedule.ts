/**
 * Scheduling for `/study/`: FSRS (ts-fsrs) over the card states that `study-progress.ts` stores.
 * No DOM here: `study-review.ts` shows what these functions decide.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { CardState } from './study-progress.ts';

/** New cards introduced per session (Anki's default). */
export const NEW_PER_SESSION = 20;
/** A card due again within this time comes back in the same session (Anki's "learn ahead" limit). */
export const LEARN_AHEAD_MS = 20 * 60 * 1000;
export const GRADES: Array<{ rating: Grade; key: string; label: string }> = [
  { rating: Rating.Again, key: '1', label: 'Again' },
  { rating: Rating.Hard, key: '2', label: 'Hard' },
  { rating: Rating.Good, key: '3', label: 'Good' },
  { rating: Rating.Easy, key: '4', label: 'Easy' },
];

const scheduler = fsrs();

function toState(card: Card, note: string): CardState {
  return {
    note, due: card.due.toISOString(), stability: card.stability, difficulty: card.difficulty, elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days, learning_steps: card.learning_steps, reps: card.reps, lapses: card.lapses, state: card.state,
    ...(card.last_review ? { last_review: card.last_review.toISOString() } : {}),
  };
}

function toCard(state: CardState | undefined, now: Date): Card {
  if (!state) return createEmptyCard(now);
  return { ...state, due: new Date(state.due), last_review: state.last_review ? new Date(state.last_review) : undefined } as Card;
}

/** "now", "5m", "10m", "3h", "4d", "2mo", "1.5y": how far `to` is from `from`. */
export function formatInterval(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days}d`;
  if (days < 365) return `${Math.round(days / 30)}mo`;
  return `${Math.round(days / 36.5) / 10}y`;
}

/** When each grade would bring the card back, graded at `now`. */
export function dueByGrade(state: CardState | undefined, now: Date): Map<Grade, Date> {
  const preview = scheduler.repeat(toCard(state, now), now);
  return new Map(GRADES.map((g) => [g.rating, preview[g.rating].card.due]));
}

/** The card's state after grading it `rating` at `now`. */
export function gradeCard(state: CardState | undefined, note: string, now: Date, rating: Grade): CardState {
  return toState(scheduler.next(toCard(state, now), now, rating).card, note);
}
