/**
 * `<study-review>`: the `/study/` page. Lists the decks (every note, every tag, all cards) with
 * new / due / learned counts from `decks.json` and the progress in this browser, and runs a review
 * session: a card with its note and heading, reveal with Space/Enter, grade with 1–4 (or the
 * buttons), scheduled by FSRS (ts-fsrs). Progress is saved after every grade; it can be exported
 * and imported as a JSON file. `?deck=note:<id>`, `?deck=tag:<tag>` or `?deck=all` opens a session.
 */
import type { Grade } from 'ts-fsrs';
import {
  countDeck, loadProgress, mergeProgress, parseProgressText, PROGRESS_FORMAT, saveProgress,
  type DeckCounts, type Progress,
} from './study-progress.ts';
import { dueByGrade, formatInterval, GRADES, gradeCard, LEARN_AHEAD_MS, NEW_PER_SESSION } from './study-schedule.ts';

interface IndexNote { id: string; title: string; href: string; tags: string[]; deck: string; cards: string[] }
interface StudyIndex { schema: number; anki: string; notes: IndexNote[]; tags: Array<{ tag: string; notes: string[]; deck: string; anki: string }> }
interface ReviewCard { id: string; kind: 'cloze' | 'qa'; note: string; path: Array<{ text: string; href: string }>; front: string; back: string }
interface NoteDeckFile { schema: number; note: { id: string; title: string; href: string }; cards: ReviewCard[] }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

class StudyReview extends HTMLElement {
  #index: StudyIndex | undefined;
  #progress: Progress = loadProgress();
  #queue: ReviewCard[] = [];
  #current: ReviewCard | undefined;
  #revealed = false;
  #done: Record<string, number> = { Again: 0, Hard: 0, Good: 0, Easy: 0 };
  #reviewed = new Set<string>();
  #titles = new Map<string, string>();
  #deckLabel = '';

  connectedCallback(): void {
    this.#q('[data-export]').addEventListener('click', () => this.#export());
    this.#q<HTMLInputElement>('[data-import]').addEventListener('change', (e) => void this.#import(e.target as HTMLInputElement));
    this.#q('[data-reveal]').addEventListener('click', () => this.#reveal());
    this.#q('[data-end]').addEventListener('click', () => this.#finish());
    this.#q('[data-back]').addEventListener('click', () => this.#showDecks(true));
    for (const g of GRADES) this.#q(`[data-grade="${g.key}"]`).addEventListener('click', () => this.#grade(g.rating));
    document.addEventListener('keydown', (e) => this.#key(e));
    // Back/forward between the decks and a session.
    window.addEventListener('popstate', () => {
      const deck = new URLSearchParams(location.search).get('deck');
      if (deck) void this.#review(deck);
      else this.#showDecks(false);
    });
    // Another tab (or a note page) changed the progress: counts follow.
    window.addEventListener('storage', (e) => {
      if (e.key !== null && !e.key.startsWith('notes:study-progress')) return;
      this.#progress = loadProgress();
      if (!this.#current) this.#renderDecks();
    });
    void this.#start();
  }

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`study page: ${selector} is missing`);
    return found;
  }

  async #start(): Promise<void> {
    try {
      const response = await fetch(this.dataset.index ?? '');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.#index = (await response.json()) as StudyIndex;
    } catch (error) {
      this.#status(`The decks could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`, true);
      return;
    }
    for (const n of this.#index.notes) this.#titles.set(n.id, n.title);
    const deck = new URLSearchParams(location.search).get('deck');
    if (deck) await this.#review(deck);
    else this.#showDecks(false);
  }

  // ---- Decks -------------------------------------------------------------------------------

  #showDecks(focus: boolean): void {
    this.#current = undefined;
    if (new URLSearchParams(location.search).has('deck')) history.replaceState(null, '', location.pathname);
    this.#progress = loadProgress();
    this.#renderDecks();
    this.#show('decks');
    if (focus) this.#q('[data-decks-heading]').focus();
  }

  #renderDecks(): void {
    const index = this.#index;
    if (!index) return;
    const now = new Date();
    const byNote = new Map(index.notes.map((n) => [n.id, n]));
    const all = index.notes.flatMap((n) => n.cards);
    this.#q('[data-total]').replaceChildren(this.#deckRow('All notes', 'all', countDeck(all, this.#progress, now), all.length, undefined, index.anki));
    this.#q('[data-notes]').replaceChildren(...index.notes.map((n) => this.#deckRow(n.title, `note:${n.id}`, countDeck(n.cards, this.#progress, now), n.cards.length, n.href)));
    this.#q('[data-tags]').replaceChildren(
      ...index.tags.map((t) => {
        const ids = t.notes.flatMap((id) => byNote.get(id)?.cards ?? []);
        return this.#deckRow(`#${t.tag}`, `tag:${t.tag}`, countDeck(ids, this.#progress, now), ids.length, undefined, t.anki);
      }),
    );
    this.#q('[data-tags-section]').hidden = index.tags.length === 0;
    const reviewed = Object.keys(this.#progress.cards).length;
    this.#q('[data-progress-summary]').textContent = reviewed === 0 ? 'No progress yet in this browser.' : `Progress for ${plural(reviewed, 'card')} is kept in this browser.`;
  }

  #deckRow(label: string, deck: string, counts: DeckCounts, total: number, href?: string, anki?: string): HTMLTableRowElement {
    const name = el('th', { scope: 'row' }, href ? el('a', { href }, label) : label);
    const cell = (n: number, kind: string) => el('td', { className: `count count-${kind}${n === 0 ? ' is-zero' : ''}` }, String(n));
    const open = counts.due + Math.min(counts.new, NEW_PER_SESSION);
    const review = el('a', { className: 'deck-review', href: `?deck=${encodeURIComponent(deck)}` }, open > 0 ? 'Review' : 'Nothing due');
    review.setAttribute('aria-label', `${open > 0 ? 'Review' : 'Nothing due in'} ${label}: ${counts.due} due, ${counts.new} new`);
    if (open === 0) review.setAttribute('aria-disabled', 'true');
    review.addEventListener('click', (e) => {
      e.preventDefault();
      if (open > 0) void this.#review(deck);
    });
    const actions = el('td', { className: 'deck-actions' }, review);
    if (anki) {
      const link = el('a', { href: anki, className: 'deck-anki', download: '' }, 'Anki');
      link.setAttribute('aria-label', `Anki file of ${label}`);
      actions.append(' ', link);
    }
    const row = el('tr', {}, name, cell(counts.new, 'new'), cell(counts.due, 'due'), cell(counts.learned, 'learned'), el('td', { className: 'count' }, String(total)), actions);
    row.dataset.deck = deck;
    return row;
  }

  // ---- Session -------------------------------------------------------------------------------

  async #cardsOf(deck: string): Promise<ReviewCard[]> {
    const index = this.#index!;
    this.#deckLabel = deck.replace(/^(note|tag):/, '');
    const load = async (url: string) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    };
    if (deck.startsWith('note:')) {
      const note = index.notes.find((n) => n.id === deck.slice(5));
      if (!note) return [];
      this.#deckLabel = note.title;
      return ((await load(note.deck)) as NoteDeckFile).cards;
    }
    if (deck.startsWith('tag:')) {
      // A tag's own file: a tag session never loads the whole vault.
      const tag = index.tags.find((t) => t.tag === deck.slice(4));
      if (!tag) return [];
      this.#deckLabel = `#${tag.tag}`;
      return ((await load(tag.deck)) as { notes: NoteDeckFile[] }).notes.flatMap((n) => n.cards);
    }
    this.#deckLabel = 'All notes';
    return ((await load(this.dataset.all ?? '')) as { notes: NoteDeckFile[] }).notes.flatMap((n) => n.cards);
  }

  async #review(deck: string): Promise<void> {
    let cards: ReviewCard[];
    try {
      cards = await this.#cardsOf(deck);
    } catch (error) {
      this.#status(`This deck could not be loaded (${error instanceof Error ? error.message : String(error)}).`, true);
      this.#showDecks(false);
      return;
    }
    if (new URLSearchParams(location.search).get('deck') !== deck) history.pushState(null, '', `?deck=${encodeURIComponent(deck)}`);
    this.#progress = loadProgress();
    const now = new Date();
    // Only ids the deck still has are reviewed: progress of removed cards stays stored, unused.
    const due = cards.filter((c) => this.#progress.cards[c.id] && Date.parse(this.#progress.cards[c.id]!.due) <= now.getTime());
    due.sort((a, b) => Date.parse(this.#progress.cards[a.id]!.due) - Date.parse(this.#progress.cards[b.id]!.due));
    const fresh = cards.filter((c) => !this.#progress.cards[c.id]).slice(0, NEW_PER_SESSION);
    this.#queue = [...due, ...fresh];
    this.#done = { Again: 0, Hard: 0, Good: 0, Easy: 0 };
    this.#reviewed = new Set();
    this.#q('[data-session-title]').textContent = `Reviewing: ${this.#deckLabel}`;
    if (this.#queue.length === 0) {
      this.#finish();
      return;
    }
    this.#show('session');
    this.#next();
  }

  #next(): void {
    const card = this.#queue.shift();
    if (!card) {
      this.#finish();
      return;
    }
    this.#current = card;
    this.#revealed = false;
    const crumbs = this.#q('[data-context]');
    const note = this.#index?.notes.find((n) => n.id === card.note);
    crumbs.replaceChildren(note ? el('a', { href: note.href }, note.title) : card.note);
    for (const h of card.path) crumbs.append(el('span', { className: 'sep', ariaHidden: 'true' }, ' › '), el('a', { href: h.href }, h.text));
    this.#q('[data-kind]').textContent = card.kind === 'cloze' ? 'Fill in the blank' : 'Question';
    this.#q('[data-front]').innerHTML = card.front; // HTML sanitized at build time (src/lib/cards.ts)
    const back = this.#q('[data-back-side]');
    back.innerHTML = card.kind === 'qa' ? card.back : '';
    back.hidden = true;
    this.#q('[data-reveal]').hidden = false;
    this.#q('[data-grades]').hidden = true;
    this.#q('[data-remaining]').textContent = `${plural(this.#queue.length + 1, 'card')} left in this session`;
    this.#q('[data-reveal]').focus();
  }

  #reveal(): void {
    const card = this.#current;
    if (!card || this.#revealed) return;
    this.#revealed = true;
    if (card.kind === 'cloze') this.#q('[data-front]').innerHTML = card.back;
    this.#q('[data-back-side]').hidden = card.kind === 'cloze';
    this.#q('[data-reveal]').hidden = true;
    const now = new Date();
    const due = dueByGrade(this.#progress.cards[card.id], now);
    for (const g of GRADES) this.#q(`[data-grade="${g.key}"] [data-interval]`).textContent = formatInterval(now, due.get(g.rating)!);
    this.#q('[data-grades]').hidden = false;
    this.#q('[data-grade="3"]').focus();
  }

  #grade(rating: Grade): void {
    const card = this.#current;
    if (!card || !this.#revealed) return;
    const now = new Date();
    // Progress may have changed in another tab: grade against the latest copy.
    this.#progress = loadProgress();
    const next = gradeCard(this.#progress.cards[card.id], card.note, now, rating);
    this.#progress.cards[card.id] = next;
    if (!saveProgress(this.#progress)) this.#status('This browser does not let the site store progress: it will be lost when you leave.', true);
    this.#done[GRADES.find((g) => g.rating === rating)!.label]! += 1;
    this.#reviewed.add(card.id);
    if (new Date(next.due).getTime() - now.getTime() <= LEARN_AHEAD_MS) this.#queue.push(card);
    this.#next();
  }

  #finish(): void {
    this.#current = undefined;
    const now = new Date();
    const total = Object.values(this.#done).reduce((a, b) => a + b, 0);
    const parts = GRADES.map((g) => `${g.label} ${this.#done[g.label]}`).join(', ');
    const upcoming = Object.values(this.#progress.cards).map((c) => Date.parse(c.due)).filter((t) => t > now.getTime()).sort((a, b) => a - b)[0];
    this.#q('[data-summary-text]').textContent =
      total === 0
        ? `Nothing to review in ${this.#deckLabel} right now.`
        : `${plural(this.#reviewed.size, 'card')} reviewed (${plural(total, 'answer')}: ${parts}).`;
    this.#q('[data-summary-next]').textContent = upcoming ? `Next card due in ${formatInterval(now, new Date(upcoming))}.` : '';
    this.#show('summary');
    this.#q('[data-summary-heading]').focus();
  }

  #show(view: 'decks' | 'session' | 'summary'): void {
    for (const v of ['decks', 'session', 'summary']) this.#q(`[data-view="${v}"]`).hidden = v !== view;
  }

  #key(e: KeyboardEvent): void {
    if (!this.#current || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    // A focused button or link already answers Enter/Space itself.
    const control = target?.closest('button, a, input, select, textarea');
    if (!this.#revealed && (e.key === ' ' || e.key === 'Enter')) {
      if (control) return;
      e.preventDefault();
      this.#reveal();
      return;
    }
    const grade = GRADES.find((g) => g.key === e.key);
    if (this.#revealed && grade && !target?.closest('input, textarea, select')) {
      e.preventDefault();
      this.#grade(grade.rating);
    }
  }

  // ---- Export / import -------------------------------------------------------------------------

  #export(): void {
    const progress = loadProgress();
    const file = { ...progress, format: PROGRESS_FORMAT, exported: new Date().toISOString() };
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }));
    const a = el('a', { href: url, download: `study-progress-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#status(`Exported progress for ${plural(Object.keys(progress.cards).length, 'card')}.`, false);
  }

  async #import(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const text = file.size > 20 * 1024 * 1024 ? '' : await file.text();
    input.value = '';
    const parsed = parseProgressText(text);
    if (!parsed.ok) {
      this.#status(`Not imported: ${file.name} was refused because ${parsed.error}. Your progress is unchanged.`, true);
      return;
    }
    const merged = mergeProgress(loadProgress(), parsed.progress);
    if (!saveProgress(merged)) {
      this.#status('Not imported: this browser does not let the site store progress.', true);
      return;
    }
    this.#progress = merged;
    this.#renderDecks();
    this.#status(`Imported progress for ${plural(Object.keys(parsed.progress.cards).length, 'card')} from ${file.name}.`, false);
  }

  #status(message: string, problem: boolean): void {
    const status = this.#q('[data-status]');
    status.textContent = message;
    status.classList.toggle('is-problem', problem);
  }
}

if (!customElements.get('study-review')) customElements.define('study-review', StudyReview);
