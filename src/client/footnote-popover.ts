/**
 * Footnote popovers (markup from `rehype-footnote-popovers.ts`, shown by CSS on hover and on
 * keyboard focus of the reference; without JavaScript the reference still jumps to the footnote).
 * Each popover is a non-modal dialog that follows its reference in the tab order, so its links
 * can be reached. This module adds what CSS cannot:
 * - Escape closes the open popover (WCAG 1.4.13) and, when focus was inside it, returns focus to
 *   its footnote reference instead of dropping it to `<body>`; it stays closed until the pointer
 *   or focus leaves and comes back;
 * - a popover that would overflow the viewport is shifted back inside it (`--fn-shift`).
 * Loaded only on pages with footnotes (MarkdownContent.astro, page fact `footnotes`).
 */

const FN = '.fn';
const POPOVER = '.fn-popover';
const MARGIN = 8;

function fnOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(FN) : null;
}

function onKeydown(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return;
  for (const fn of document.querySelectorAll<HTMLElement>(`${FN}:hover, ${FN}:focus-within`)) {
    fn.setAttribute('data-dismissed', '');
    const popover = fn.querySelector(POPOVER);
    if (popover && popover.contains(document.activeElement)) fn.querySelector<HTMLElement>('a[data-footnote-ref]')?.focus();
  }
}

/** Leaving a footnote (pointer or focus) re-arms it. */
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
document.addEventListener('mouseout', onLeave);
document.addEventListener('focusout', onLeave);
document.addEventListener('mouseover', place);
document.addEventListener('focusin', place);

// A module, not a global script: its names stay private.
export {};
