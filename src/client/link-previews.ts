/**
 * Hover previews of internal links (wikilinks, embed source links, backlinks, concept links, tag
 * chips). On intent (pointer rests on a link, or keyboard focus lands on it, for DELAY ms) the
 * target page's HTML is fetched once (cached per page, as the browser caches the file), and its
 * first section, or the section of the linked heading, is shown in a floating panel positioned by
 * Floating UI (loaded on the first preview). Nothing is built per page at build time, so no page
 * grows with the vault.
 *
 * Accessibility: focus never moves (no trap); Escape closes the panel and focus stays on the link
 * (WCAG 1.4.13: dismissible, hoverable, persistent); links inside the panel are out of the tab
 * order (the page they preview is one activation away). Off on touch screens: a tap follows the link.
 */
const SELECTOR = 'a.wikilink, a.backlinks-source, a.tag, a[data-link-preview]';
/** Wait before loading, so links crossed by the pointer are not fetched. */
const DELAY = 350;
/** Grace period to move the pointer from the link onto the panel. */
const CLOSE_DELAY = 250;
/** Characters of text shown at most (whole blocks: at least one). */
const MAX_TEXT = 900;
const MAX_CACHED_PAGES = 30;

const base = import.meta.env.BASE_URL.replace(/\/$/, '');
const hoverCapable = matchMedia('(hover: hover) and (pointer: fine)');

/** Parsed pages by path (a Promise so concurrent intents share one request). */
const pages = new Map<string, Promise<Document | null>>();
let panel: HTMLElement | undefined;
/** The link whose preview is scheduled, loading or shown. */
let intent: HTMLAnchorElement | undefined;
/** The link whose preview is visible. */
let shown: HTMLAnchorElement | undefined;
let openTimer: number | undefined;
let closeTimer: number | undefined;
/** The link whose preview Escape dismissed: it stays closed until the pointer or focus leaves it. */
let dismissed: HTMLAnchorElement | undefined;
let generation = 0;

function previewable(target: EventTarget | null): HTMLAnchorElement | undefined {
  if (!(target instanceof Element)) return undefined;
  const link = target.closest<HTMLAnchorElement>(SELECTOR);
  if (!link || link.closest('.link-preview')) return undefined;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`${base}/`)) return undefined;
  // Links to this very page (same-page anchors) need no preview.
  if (url.pathname === location.pathname) return undefined;
  return link;
}

function loadPage(path: string): Promise<Document | null> {
  let page = pages.get(path);
  if (!page) {
    page = fetch(path, { credentials: 'same-origin' })
      .then((res) => (res.ok && (res.headers.get('content-type') ?? '').includes('text/html') ? res.text() : null))
      .then((html) => (html === null ? null : new DOMParser().parseFromString(html, 'text/html')))
      .catch(() => null);
    pages.set(path, page);
    if (pages.size > MAX_CACHED_PAGES) pages.delete(pages.keys().next().value!);
  }
  return page;
}

const headingLevel = (el: Element): number => {
  const h = el.matches('h1,h2,h3,h4,h5,h6') ? el : el.querySelector(':scope > h1,:scope > h2,:scope > h3,:scope > h4,:scope > h5,:scope > h6');
  return el.classList.contains('sl-heading-wrapper') || el === h ? Number(h?.tagName.slice(1) ?? 0) : 0;
};

/** The blocks to show: from the linked heading (or the start) to the next heading of its level or higher. */
export function extractSection(doc: Document, hash: string): { title: string; blocks: Element[] } | null {
  const root = doc.querySelector('main .sl-markdown-content');
  if (!root) return null;
  const title = doc.querySelector('main h1')?.textContent?.trim() ?? doc.title;
  const children = [...root.children].filter((el) => !['SCRIPT', 'LINK', 'STYLE'].includes(el.tagName));
  let start = 0;
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  if (id) {
    const target = root.querySelector(`[id="${CSS.escape(id)}"]`);
    const index = target ? children.findIndex((el) => el === target || el.contains(target)) : -1;
    if (index >= 0) start = index;
  }
  const level = headingLevel(children[start] ?? root);
  const blocks: Element[] = [];
  let text = 0;
  for (let i = start; i < children.length; i++) {
    const el = children[i]!;
    const l = headingLevel(el);
    // The first section ends at the next heading; a heading's section at the next one of its level or higher.
    if (i > start && l > 0 && (level === 0 || l <= level)) break;
    blocks.push(el);
    text += el.textContent?.length ?? 0;
    if (text >= MAX_TEXT) break;
  }
  return { title, blocks };
}

/** A copy of `blocks` that is safe and quiet inside the panel: no ids, scripts, buttons or tab stops. */
function quietCopy(blocks: Element[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of blocks) fragment.append(document.importNode(block, true));
  fragment.querySelectorAll('script, style, link, button, input, .sl-anchor-link, .fn-popover, .code-tabs__tablist, .copy').forEach((el) => el.remove());
  // One code language, as on the page: the other panel of each code tab pair is dropped.
  const lang = document.documentElement.dataset.codeLang === 'typescript' ? 'typescript' : 'python';
  fragment.querySelectorAll('.code-tabs__panel').forEach((el) => {
    if ((el as HTMLElement).dataset.lang !== lang) el.remove();
  });
  // Custom elements (tabs, study mode) would start their behaviour inside the panel: plain blocks instead.
  fragment.querySelectorAll('*').forEach((el) => {
    if (el.tagName.includes('-') || el.tagName === 'ASIDE' || el.tagName === 'SECTION') {
      const div = document.createElement('div');
      div.className = el.className;
      div.append(...el.childNodes);
      el.replaceWith(div);
    }
  });
  fragment.querySelectorAll('[id], [tabindex], [aria-describedby], [aria-labelledby], [aria-controls]').forEach((el) => {
    for (const attr of ['id', 'aria-describedby', 'aria-labelledby', 'aria-controls']) el.removeAttribute(attr);
    el.setAttribute('tabindex', '-1');
    if (!el.matches('a, pre')) el.removeAttribute('tabindex');
  });
  fragment.querySelectorAll('a[href]').forEach((a) => a.setAttribute('tabindex', '-1'));
  // Headings become styled paragraphs: the panel must not add to the page's outline.
  fragment.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((h) => {
    const p = document.createElement('p');
    p.className = `link-preview-heading level-${h.tagName.slice(1)}`;
    p.append(...h.childNodes);
    h.replaceWith(p);
  });
  return fragment;
}

/** Stylesheets the previewed blocks need (KaTeX, code blocks) that this page has not loaded. */
function adoptStyles(doc: Document): void {
  const have = new Set([...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href));
  for (const link of doc.querySelectorAll<HTMLLinkElement>('main link[rel="stylesheet"]')) {
    const href = new URL(link.getAttribute('href')!, location.href).href;
    if (have.has(href)) continue;
    const copy = document.createElement('link');
    copy.rel = 'stylesheet';
    copy.href = href;
    document.head.append(copy);
    have.add(href);
  }
}

function ensurePanel(): HTMLElement {
  if (panel) return panel;
  panel = document.createElement('aside');
  panel.className = 'link-preview';
  panel.hidden = true;
  panel.dataset.pagefindIgnore = 'all';
  panel.addEventListener('pointerenter', () => clearTimeout(closeTimer));
  panel.addEventListener('pointerleave', () => scheduleClose());
  document.body.append(panel);
  return panel;
}

async function open(link: HTMLAnchorElement): Promise<void> {
  const run = ++generation;
  const url = new URL(link.href, location.href);
  const [doc, floating] = await Promise.all([loadPage(url.pathname), import('@floating-ui/dom')]);
  if (run !== generation || !link.isConnected) return;
  const section = doc && extractSection(doc, url.hash);
  if (!doc || !section || section.blocks.length === 0) return;
  adoptStyles(doc);
  const el = ensurePanel();
  const title = document.createElement('p');
  title.className = 'link-preview-title';
  title.textContent = section.title;
  const body = document.createElement('div');
  body.className = 'link-preview-body';
  body.append(quietCopy(section.blocks));
  el.replaceChildren(title, body);
  el.setAttribute('aria-label', `Preview: ${section.title}`);
  // Measured and placed while invisible, then shown in place: the panel never moves once seen.
  el.style.visibility = 'hidden';
  el.hidden = false;
  // Fade the bottom only when the section is longer than the panel.
  body.classList.toggle('is-clipped', body.scrollHeight > body.clientHeight + 1);
  const { x, y } = await floating.computePosition(link, el, {
    placement: 'bottom-start',
    strategy: 'absolute',
    middleware: [floating.offset(6), floating.flip({ padding: 8 }), floating.shift({ padding: 8 })],
  });
  if (run !== generation) return;
  Object.assign(el.style, { left: `${x}px`, top: `${y}px`, visibility: '' });
  shown = link;
  clearTimeout(closeTimer);
  el.dataset.for = url.pathname + url.hash;
}

/** Hides the panel; a pending preview of another link still opens. */
function hide(): void {
  shown = undefined;
  if (panel) panel.hidden = true;
}

function close(): void {
  generation++;
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  intent = undefined;
  hide();
}

function scheduleOpen(link: HTMLAnchorElement): void {
  if (link === dismissed) return;
  if (link === intent) {
    clearTimeout(closeTimer);
    return;
  }
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  intent = link;
  // The preview of the previous link does not outlive the grace period.
  if (shown && shown !== link) closeTimer = window.setTimeout(hide, CLOSE_DELAY);
  openTimer = window.setTimeout(() => void open(link), DELAY);
}

function scheduleClose(): void {
  clearTimeout(closeTimer);
  closeTimer = window.setTimeout(close, CLOSE_DELAY);
}

document.addEventListener('pointerover', (e) => {
  if (e.pointerType !== 'mouse') return;
  const link = previewable(e.target);
  if (link) scheduleOpen(link);
});
document.addEventListener('pointerout', (e) => {
  if (e.pointerType !== 'mouse') return;
  const link = previewable(e.target);
  if (!link || (e.relatedTarget instanceof Node && link.contains(e.relatedTarget))) return;
  if (dismissed === link) dismissed = undefined;
  if (e.relatedTarget instanceof Node && panel?.contains(e.relatedTarget)) return;
  if (link === intent && link !== document.activeElement) scheduleClose();
});
document.addEventListener('focusin', (e) => {
  // Touch screens get no previews: a tap focuses and follows the link.
  if (!hoverCapable.matches) return;
  const link = previewable(e.target);
  if (link && link.matches(':focus-visible')) scheduleOpen(link);
});
document.addEventListener('focusout', (e) => {
  const link = previewable(e.target);
  if (!link) return;
  if (dismissed === link) dismissed = undefined;
  if (link === intent && !link.matches(':hover')) scheduleClose();
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || !intent) return;
  // Focus stays where it was: only the panel goes, until the pointer or focus leaves this link.
  dismissed = intent;
  close();
});
