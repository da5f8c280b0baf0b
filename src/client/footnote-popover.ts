/**
 * The only client code of footnote popovers (CSS shows them on hover and focus, JS is an
 * enhancement): Escape hides the open popover, as WCAG 1.4.13 asks of content shown on hover or
 * focus, until the pointer or focus leaves and comes back; a popover stays for a 300 ms grace
 * period after the pointer leaves (`data-linger`), so a pointer moving diagonally from the
 * number to the popover, which crosses the paragraph for an instant, can reach it (WCAG 1.4.13,
 * hoverable); and a popover that would overflow the viewport is shifted back inside it
 * (`--fn-shift`). Inlined once per page that has footnotes by `rehypeFootnotePopovers`, so it is
 * kept as a small plain-JS string.
 */
export const footnotePopoverScript = `
const timers = new WeakMap();
const unlinger = (fn) => { clearTimeout(timers.get(fn)); fn.removeAttribute('data-linger'); };
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  for (const fn of document.querySelectorAll('.fn:hover, .fn:focus-within, .fn[data-linger]')) {
    unlinger(fn);
    fn.setAttribute('data-dismissed', '');
  }
});
document.addEventListener('mouseout', (e) => {
  const fn = e.target instanceof Element && e.target.closest('.fn');
  if (!fn || fn.hasAttribute('data-dismissed') || (e.relatedTarget instanceof Node && fn.contains(e.relatedTarget))) return;
  clearTimeout(timers.get(fn));
  fn.setAttribute('data-linger', '');
  timers.set(fn, setTimeout(() => fn.removeAttribute('data-linger'), 300));
});
document.addEventListener('mouseover', (e) => {
  const here = e.target instanceof Element && e.target.closest('.fn');
  if (!here) return;
  for (const fn of document.querySelectorAll('.fn[data-linger]')) if (fn !== here) unlinger(fn);
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
