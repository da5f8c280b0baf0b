/**
 * The note page's study bar, once the learner has progress on this note: how many of its cards
 * are due and new. Reads the progress (no scheduler) and the note's deck file; without progress
 * nothing is fetched.
 */
import { countDeck, loadProgress } from './study-progress.ts';

async function showDue(bar: HTMLElement): Promise<void> {
  const out = bar.querySelector<HTMLElement>('[data-study-due]');
  const note = bar.dataset.note;
  const url = bar.dataset.deck;
  if (!out || !note || !url) return;
  const progress = loadProgress();
  if (!Object.values(progress.cards).some((c) => c.note === note)) return;
  try {
    const response = await fetch(url);
    if (!response.ok) return;
    const deck = (await response.json()) as { cards: Array<{ id: string }> };
    const counts = countDeck(deck.cards.map((c) => c.id), progress, new Date());
    out.textContent = `${counts.due} due · ${counts.new} new`;
    out.hidden = false;
  } catch {
    // Offline or the deck moved: the bar simply shows no counts.
  }
}

for (const bar of document.querySelectorAll<HTMLElement>('study-mode[data-note]')) void showDue(bar);
