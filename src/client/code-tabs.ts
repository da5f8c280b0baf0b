/**
 * `<code-tabs>`: Python / TypeScript tabs around a code block and its translation.
 * The server renders both panels (readable without JS); this element adds an ARIA tablist.
 * The chosen language is one page-wide setting on `<html data-code-lang>`, so all tab sets on
 * the page switch together, and it persists in localStorage across pages. CSS does the hiding,
 * and an inline head script applies the stored choice before first paint (no flash).
 */
const STORAGE_KEY = 'notes:code-lang';
const LANGS = ['python', 'typescript'] as const;
type Lang = (typeof LANGS)[number];
const LABEL: Record<Lang, string> = { python: 'Python', typescript: 'TypeScript' };

function currentLang(): Lang {
  return document.documentElement.dataset.codeLang === 'typescript' ? 'typescript' : 'python';
}

function setLang(lang: Lang): void {
  document.documentElement.dataset.codeLang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice still applies to this page.
  }
  document.dispatchEvent(new CustomEvent('code-lang-change'));
}

let instances = 0;

/** One fetch per translations page, shared by every tab set of the page. */
const pages = new Map<string, Promise<Document>>();

function translationsPage(src: string): Promise<Document> {
  let page = pages.get(src);
  if (!page) {
    page = fetch(src).then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return new DOMParser().parseFromString(await response.text(), 'text/html');
    });
    pages.set(src, page);
  }
  return page;
}

/** Replaces a panel's link with the translation's code from its page; the link stays if that fails. */
async function showTranslation(link: HTMLAnchorElement): Promise<void> {
  const holder = link.closest('.code-tabs__remote');
  if (!holder || holder.hasAttribute('data-loading')) return;
  holder.setAttribute('data-loading', '');
  try {
    const doc = await translationsPage(link.dataset.tsSrc!);
    const body = doc.getElementById(link.dataset.tsId!)?.querySelector('.code-tabs__remote-body');
    if (!body) throw new Error('translation not found on its page');
    const local = document.importNode(body, true);
    local.addEventListener('click', copyCode);
    focusableCode(local);
    holder.replaceWith(local);
  } catch {
    holder.removeAttribute('data-loading');
    holder.append(' (it could not be loaded here: follow the link)');
  }
}

/** Expressive Code binds its copy buttons once, at load: buttons that arrive later are handled here. */
function copyCode(event: Event): void {
  const button = (event.target as Element).closest<HTMLButtonElement>('.copy button[data-code]');
  if (!button) return;
  void navigator.clipboard?.writeText(button.dataset.code!.replace(/\u007f/g, '\n')).then(() => {
    button.parentElement?.classList.add('copied');
    setTimeout(() => button.parentElement?.classList.remove('copied'), 2000);
  }, () => undefined);
}

class CodeTabs extends HTMLElement {
  #tabs: HTMLButtonElement[] = [];
  #sync = () => this.#render();

  connectedCallback(): void {
    if (this.#tabs.length > 0) return;
    const id = `code-tabs-${++instances}`;
    const list = document.createElement('div');
    list.className = 'code-tabs__tablist not-content';
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Code language');
    list.dataset.pagefindIgnore = 'all';
    for (const lang of LANGS) {
      const panel = this.querySelector<HTMLElement>(`:scope > .code-tabs__panel[data-lang="${lang}"]`);
      if (!panel) return;
      panel.id = `${id}-${lang}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `${id}-${lang}-tab`);
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.id = `${id}-${lang}-tab`;
      tab.className = 'code-tabs__tab';
      tab.dataset.lang = lang;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      tab.textContent = LABEL[lang];
      tab.addEventListener('click', () => setLang(lang));
      tab.addEventListener('keydown', (event) => this.#onKey(event, lang));
      list.append(tab);
      this.#tabs.push(tab);
    }
    this.prepend(list);
    focusableCode(this);
    document.addEventListener('code-lang-change', this.#sync);
    this.#render();
  }

  disconnectedCallback(): void {
    document.removeEventListener('code-lang-change', this.#sync);
  }

  /** Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects. */
  #onKey(event: KeyboardEvent, lang: Lang): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const i = LANGS.indexOf(lang);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? LANGS.length - 1 : (i + (event.key === 'ArrowRight' ? 1 : LANGS.length - 1)) % LANGS.length;
    setLang(LANGS[next]!);
    this.#tabs[next]?.focus();
  }

  #render(): void {
    const active = currentLang();
    if (active === 'typescript') {
      for (const link of this.querySelectorAll<HTMLAnchorElement>('.code-tabs__remote a[data-ts-src]')) void showTranslation(link);
    }
    for (const tab of this.#tabs) {
      const selected = tab.dataset.lang === active;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
  }
}

/**
 * Code tabs are `content-visibility: auto` (code-tabs.css): off screen, Expressive Code's resize
 * observer never sees their overflow, so it cannot make a wide block keyboard-scrollable. Every block
 * starts focusable, as EC makes an overflowing one; once shown, EC removes it where nothing overflows.
 */
export function focusableCode(root: ParentNode): void {
  for (const pre of root.querySelectorAll<HTMLElement>('.expressive-code pre:not([tabindex])')) {
    pre.tabIndex = 0;
    pre.setAttribute('role', 'region');
  }
}

if (!customElements.get('code-tabs')) customElements.define('code-tabs', CodeTabs);
