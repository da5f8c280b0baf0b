/**
 * Footnote popovers (markup from `rehype-footnote-popovers.ts`, shown by CSS on hover and on
 * keyboard focus of the reference; without JavaScript the reference still jumps to the footnote).
 * Each popover is a non-modal dialog that follows its reference in the tab order, so its links
 * can be reached. This module adds what CSS cannot:
 * - Escape closes the open popover (WCAG 1.4.13) and, when focus was inside it, returns focus to
 *   its footnote reference instead of dropping it to `<body>`; it stays closed until the pointer
 *   or focus leaves and comes back;
 * - a popover stays for a 300 ms grace period after the pointer leaves (`data-linger`), so a
 *   pointer moving diagonally from the number to the popover, which crosses the paragraph for an
 *   instant, can reach it (WCAG 1.4.13, hoverable);
 * - a popover that would overflow the viewport is shifted back inside it (`--fn-shift`).
 * Loaded only on pages with footnotes (MarkdownContent.astro, page fact `footnotes`).
 */

const FN = '.fn';
const POPOVER = '.fn-popover';
const MARGIN = 8;
const LINGER_MS = 300;

const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

function fnOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(FN) : null;
}

function unlinger(fn: Element): void {
  clearTimeout(timers.get(fn));
  fn.removeAttribute('data-linger');
}

function onKeydown(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return;
  for (const fn of document.querySelectorAll<HTMLElement>(`${FN}:hover, ${FN}:focus-within, ${FN}[data-linger]`)) {
    unlinger(fn);
    fn.setAttribute('data-dismissed', '');
    const popover = fn.querySelector(POPOVER);
    if (popover && popover.contains(document.activeElement)) fn.querySelector<HTMLElement>('a[data-footnote-ref]')?.focus();
  }
}

/** The pointer leaving a footnote keeps it open for a moment. */
function linger(event: MouseEvent): void {
  const fn = fnOf(event.target);
  if (!fn || fn.hasAttribute('data-dismissed') || (event.relatedTarget instanceof Node && fn.contains(event.relatedTarget))) return;
  clearTimeout(timers.get(fn));
  fn.setAttribute('data-linger', '');
  timers.set(fn, setTimeout(() => fn.removeAttribute('data-linger'), LINGER_MS));
}

/** Entering one footnote closes any other that lingers. */
function closeOthers(event: MouseEvent): void {
  const here = fnOf(event.target);
  if (!here) return;
  for (const fn of document.querySelectorAll(`${FN}[data-linger]`)) if (fn !== here) unlinger(fn);
}

/** Leaving a footnote (pointer or focus) re-arms it after Escape. */
function onLeave(event: MouseEvent | FocusEvent): void {
  const fn = fnOf(event.target);
  if (fn && !(event.relatedTarget instanceof Node && fn.contains(event.relatedTarget))) fn.removeAttribute('data-dismissed');
}

/** Keeps the popover inside the viewport when it is about to show. */
function place(event: MouseEvent | FocusEvent): void {
  const popover = fnOf(event.target)?.querySelector<HTMLElement>(POPOVER);
  if (!popover || popover.contains(event.target as Node)) return;
  popover.style.removeProperty('--fn-shift');
  const box = popover.getBoundingClientRect();
  const max = document.documentElement.clientWidth - MARGIN;
  const shift = box.right > max ? max - box.right : box.left < MARGIN ? MARGIN - box.left : 0;
  if (shift) popover.style.setProperty('--fn-shift', `${shift}px`);
}

document.addEventListener('keydown', onKeydown);
document.addEventListener('mouseout', linger);
document.addEventListener('mouseover', closeOthers);
document.addEventListener('mouseout', onLeave);
document.addEventListener('focusout', onLeave);
document.addEventListener('mouseover', place);
document.addEventListener('focusin', place);

// A module, not a global script: its names stay private.
export {};
