/**
 * The only client code of footnote popovers (CSS shows them on hover and focus, JS is an
 * enhancement): Escape hides the open popover, as WCAG 1.4.13 asks of content shown on hover or
 * focus, until the pointer or focus leaves and comes back; and a popover that would overflow
 * the viewport is shifted back inside it (`--fn-shift`). Inlined once per page that has
 * footnotes by `rehypeFootnotePopovers`, so it is kept as a small plain-JS string.
 */
export const footnotePopoverScript = `
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  for (const fn of document.querySelectorAll('.fn:hover, .fn:focus-within')) fn.setAttribute('data-dismissed', '');
});
const reset = (e) => {
  const fn = e.target instanceof Element && e.target.closest('.fn');
  if (fn && !(e.relatedTarget instanceof Node && fn.contains(e.relatedTarget))) fn.removeAttribute('data-dismissed');
};
document.addEventListener('mouseout', reset);
document.addEventListener('focusout', reset);
const place = (e) => {
  const pop = e.target instanceof Element && e.target.closest('.fn')?.querySelector('.fn-popover');
  if (!pop || pop.contains(e.target)) return;
  pop.style.removeProperty('--fn-shift');
  const r = pop.getBoundingClientRect();
  const max = document.documentElement.clientWidth - 8;
  const shift = r.right > max ? max - r.right : r.left < 8 ? 8 - r.left : 0;
  if (shift) pop.style.setProperty('--fn-shift', shift + 'px');
};
document.addEventListener('mouseover', place);
document.addEventListener('focusin', place);
`.trim();
