/**
 * `<study-mode>`: turns a note's highlights into blanks and hides the answers of its
 * question/answer cards. The server HTML is the normal note (highlights shown, answers shown);
 * this element only adds buttons, so without JavaScript nothing is hidden. The choice is kept
 * in localStorage and applied before paint by the inline script next to the element
 * (`html[data-study="on"]`); the CSS in `src/styles/study.css` does the hiding.
 */

const STORAGE_KEY = 'notes:study-mode';
const CONTENT = '.sl-markdown-content';

/** Whether study mode is on for this browser (false when storage is unavailable). */
function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** A copy of a highlight's content for the blank, without links or ids (a button may not hold them). */
function ghostOf(mark: Element): HTMLElement {
  const ghost = document.createElement('span');
  ghost.className = 'cloze-ghost';
  ghost.setAttribute('aria-hidden', 'true');
  ghost.append(...Array.from(mark.childNodes, (n) => n.cloneNode(true)));
  for (const el of ghost.querySelectorAll('a, [id]')) {
    if (el.localName === 'a') {
      const span = document.createElement('span');
      span.append(...el.childNodes);
      el.replaceWith(span);
    } else el.removeAttribute('id');
  }
  return ghost;
}

function button(className: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.setAttribute('aria-expanded', 'false');
  b.setAttribute('aria-label', label);
  return b;
}

class StudyMode extends HTMLElement {
  #toggles: HTMLButtonElement[] = [];
  #built = false;

  connectedCallback(): void {
    const controls = this.querySelector<HTMLElement>('.study-controls');
    const toggle = this.querySelector<HTMLButtonElement>('[data-study-toggle]');
    if (!controls || !toggle) return;
    controls.hidden = false;
    this.#set(stored(), false);
    toggle.addEventListener('click', () => this.#set(toggle.getAttribute('aria-pressed') !== 'true', true));
    this.querySelector('[data-study-reveal-all]')?.addEventListener('click', () => this.#revealAll(true));
    this.querySelector('[data-study-hide-all]')?.addEventListener('click', () => this.#revealAll(false));
  }

  #set(on: boolean, persist: boolean): void {
    if (on) this.#build();
    this.#revealAll(false);
    document.documentElement.dataset.study = on ? 'on' : 'off';
    this.querySelector('[data-study-toggle]')?.setAttribute('aria-pressed', String(on));
    if (persist) store(on);
  }

  /** Adds a blank button before every highlight and a disclosure button to every card, once. */
  #build(): void {
    if (this.#built) return;
    this.#built = true;
    const content = document.querySelector(CONTENT);
    if (!content) return;
    const marks = content.querySelectorAll('mark.cloze');
    marks.forEach((mark, i) => {
      mark.id ||= `cloze-${i + 1}`;
      const blank = button('cloze-blank', `Blank ${i + 1} of ${marks.length}`);
      blank.setAttribute('aria-controls', mark.id);
      blank.append(ghostOf(mark));
      blank.addEventListener('click', () => this.#reveal(blank, blank.getAttribute('aria-expanded') !== 'true'));
      mark.before(blank);
      // The revealed words themselves hide again on click (links inside keep working); the
      // blank, now a thin tab before them, stays the keyboard's way back.
      mark.addEventListener('click', (event) => {
        if (document.documentElement.dataset.study !== 'on' || blank.getAttribute('aria-expanded') !== 'true') return;
        if ((event.target as Element).closest('a')) return;
        this.#reveal(blank, false);
        blank.focus();
      });
      this.#toggles.push(blank);
    });
    content.querySelectorAll('.qa-card').forEach((card, i) => {
      const question = card.querySelector(':scope > .qa-question');
      const answer = card.querySelector(':scope > .qa-answer');
      if (!question || !answer) return;
      answer.id ||= `qa-answer-${i + 1}`;
      const show = button('qa-toggle', 'Answer');
      show.removeAttribute('aria-label');
      show.textContent = 'Answer';
      show.setAttribute('aria-controls', answer.id);
      show.addEventListener('click', () => this.#reveal(show, show.getAttribute('aria-expanded') !== 'true'));
      question.after(show);
      this.#toggles.push(show);
    });
  }

  #reveal(toggle: HTMLButtonElement, open: boolean): void {
    toggle.setAttribute('aria-expanded', String(open));
    const target = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    target?.classList.toggle('is-revealed', open);
  }

  #revealAll(open: boolean): void {
    for (const t of this.#toggles) this.#reveal(t, open);
  }
}

if (!customElements.get('study-mode')) customElements.define('study-mode', StudyMode);

// A module, not a global script: its constants stay private.
export {};
