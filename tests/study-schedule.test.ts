// The scheduling behind /study/: FSRS (ts-fsrs) over the stored card states, without a DOM.
import { Rating } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { dueByGrade, formatInterval, GRADES, gradeCard } from '../src/client/study-schedule.ts';

const NOW = new Date('2026-03-01T09:00:00Z');

describe('scheduling a card', () => {
  test('a new card graded Again comes back sooner than Hard, Good and Easy, in that order', () => {
    const due = dueByGrade(undefined, NOW);
    const times = GRADES.map((g) => due.get(g.rating)!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(4);
    expect(times[0]).toBeGreaterThan(NOW.getTime());
  });

  test('grading stores a state that the next preview reads back: a card answered Good twice waits longer', () => {
    const once = gradeCard(undefined, 'python-concurrency', NOW, Rating.Good);
    expect(once).toMatchObject({ note: 'python-concurrency', reps: 1, lapses: 0, last_review: NOW.toISOString() });
    const later = new Date(once.due);
    const twice = gradeCard(once, 'python-concurrency', later, Rating.Good);
    expect(twice.reps).toBe(2);
    expect(new Date(twice.due).getTime() - later.getTime()).toBeGreaterThan(new Date(once.due).getTime() - NOW.getTime());
    // Forgetting a learned card is a lapse.
    const review = gradeCard(gradeCard(twice, 'n', new Date(twice.due), Rating.Good), 'n', new Date('2026-09-01T00:00:00Z'), Rating.Again);
    expect(review.lapses).toBe(1);
  });

  test('intervals read as a person says them', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    expect([0, 5 * 60e3, 3 * 3600e3, 4 * 86400e3, 62 * 86400e3, 547 * 86400e3].map((ms) => formatInterval(NOW, at(ms)))).toEqual(['now', '5m', '3h', '4d', '2mo', '1.5y']);
  });
});
