/**
 * The 404 page's behaviour: shows the missing address, lists the notes nearest to its last
 * segment (src/lib/nearest-titles.ts over `/titles.json`), and sends the search form to the
 * site's search dialog with the address's words filled in.
 */
import { missingSegment, nearestTitles, words, type TitleEntry } from '../lib/nearest-titles.ts';

class NotFoundPage extends HTMLElement {
  connectedCallback(): void {
    const base = this.dataset.base ?? '/';
    const segment = missingSegment(location.pathname, base);
    const missing = this.querySelector<HTMLElement>('[data-missing]');
    if (missing) missing.textContent = decodeURI(location.pathname);
    const query = this.querySelector<HTMLInputElement>('#not-found-query');
    if (query && !query.value) query.value = words(segment).join(' ');
    this.querySelector('form[data-search]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      openSearch(query?.value ?? '');
    });
    if (this.dataset.index) void this.suggest(this.dataset.index, segment, base);
  }

  private async suggest(url: string, segment: string, base: string): Promise<void> {
    let index: TitleEntry[];
    try {
      const res = await fetch(url);
      if (!res.ok) return;
      index = (await res.json()) as TitleEntry[];
    } catch {
      return;
    }
    const found = nearestTitles(segment, index);
    const section = this.querySelector<HTMLElement>('[data-nearest]');
    const list = this.querySelector('[data-nearest-list]');
    if (!section || !list) return;
    if (found.length === 0) {
      this.querySelector<HTMLElement>('[data-no-nearest]')?.removeAttribute('hidden');
      return;
    }
    list.replaceChildren(
      ...found.map((s) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `${base}${s.id.split('/').map(encodeURIComponent).join('/')}/`;
        a.textContent = s.title;
        li.append(a);
        if (s.matched !== s.title && words(s.matched).join('-') !== s.id.split('/').at(-1)) li.append(` (${s.matched})`);
        return li;
      }),
    );
    section.hidden = false;
  }
}

/** Opens Starlight's search dialog and types `text` into Pagefind's field (drawn once the page is idle). */
function openSearch(text: string): void {
  document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')?.click();
  const fill = (tries: number) => {
    const input = document.querySelector<HTMLInputElement>('#starlight__search input.pagefind-ui__search-input');
    if (!input) {
      if (tries > 0) setTimeout(() => fill(tries - 1), 100);
      return;
    }
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  };
  fill(50);
}

customElements.define('not-found-page', NotFoundPage);
