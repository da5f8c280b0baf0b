/**
 * The only client code of footnote popovers (CSS shows them on hover and focus): Escape hides
 * the popover that is open, as WCAG 1.4.13 asks of content shown on hover or focus; it shows
 * again once the pointer or focus leaves the reference and comes back. Inlined once per page
 * that has footnotes by `rehypeFootnotePopovers`, so it is kept as a small plain-JS string.
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
`.trim();
