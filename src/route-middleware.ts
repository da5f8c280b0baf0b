import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes the `<title>` of every page. Starlight renders head entries with `set:html`, so a
 * note titled `</title><script>…` (a frontmatter title, a tag name) would otherwise break out
 * of the element and run. Other head entries carry no note text in their content.
 */
export const onRequest = defineRouteMiddleware((context) => {
  dropEmptyToc(context.locals.starlightRoute);
  for (const entry of context.locals.starlightRoute.head) {
    if (entry.tag === 'title' && typeof entry.content === 'string') {
      entry.content = entry.content.replace(/[&<>]/g, (c) => ESCAPES[c]!);
    }
  }
});

/** No "On this page" panel holding only "Overview": a page without headings has nothing to list. */
function dropEmptyToc(route: { toc?: { items: { children: unknown[] }[] } | undefined }): void {
  const items = route.toc?.items;
  if (items && items.length <= 1 && (items[0]?.children.length ?? 0) === 0) route.toc = undefined;
}
