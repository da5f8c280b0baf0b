/**
 * How the site's search (Pagefind) ranks results, in one place: the search box
 * (src/components/Search.astro) passes it to Pagefind in the browser and the search tests apply
 * the same options to the built index (built by scripts/search-index.ts after Astro exits).
 *
 * - `pageLength: 0`: a long note is not penalised against a one-line concept page (Pagefind's
 *   default favours short pages, and every unwritten concept is a one-word page).
 * - Titles weigh through the note's `<h1>` (weight 10, PageTitle.astro); concept titles weigh like
 *   text (0.5), so concepts rank below the notes that discuss them. The `title` metadata boost is
 *   kept low for the same reason.
 * - Frontmatter `aliases` are searchable metadata (SearchHints.astro) weighing like a title.
 * - Headings keep Pagefind's own weights (h2 6 … h6 2); code blocks weigh 0.2
 *   (rehype-search-weights.ts); translations are not indexed at all.
 */
export const searchRanking = {
  pageLength: 0,
  // Pagefind's own defaults, written out: Starlight would otherwise fill in its own
  // (termFrequency 0.1, termSimilarity 9), under which a one-word concept page outranks every note.
  termFrequency: 1,
  termSaturation: 1.4,
  termSimilarity: 1,
  diacriticSimilarity: 0.8,
  metaWeights: { title: 1, aliases: 6 },
};
