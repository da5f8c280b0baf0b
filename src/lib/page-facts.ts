import type { VFile } from 'vfile';

/**
 * Facts a Markdown plugin records about its page (study counts, "has math") for the page's
 * components. They travel in Astro's `file.data.astro.frontmatter`, which Astro hands back as
 * `remarkPluginFrontmatter` when the page renders the entry. Nothing here is shared between pages.
 */
interface AstroFileData {
  astro?: { frontmatter?: Record<string, unknown> };
}

/** Records `key = value` for the page being processed. */
export function setPageFact(file: VFile, key: string, value: unknown): void {
  const astro = ((file.data as AstroFileData).astro ??= {});
  (astro.frontmatter ??= {})[key] = value;
}

/** What a component needs of a content entry to read its facts. */
interface Entry {
  rendered?: unknown;
  deferredRender?: unknown;
}

const facts = new WeakMap<object, Promise<Record<string, unknown>>>();

/**
 * The facts of an entry's page, rendering it at most once per entry however many components ask
 * (`render` reads the stored render, or the built module with `deferRender`). Pages built with
 * `<StarlightPage>` have no Markdown behind them: no facts.
 */
export function pageFacts(entry: Entry, render: (entry: never) => Promise<{ remarkPluginFrontmatter: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  if (!entry.rendered && !entry.deferredRender) return Promise.resolve({});
  let found = facts.get(entry);
  if (!found) {
    found = render(entry as never).then((r) => r.remarkPluginFrontmatter ?? {});
    facts.set(entry, found);
  }
  return found;
}
