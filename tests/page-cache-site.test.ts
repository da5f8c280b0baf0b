// Rebuilds reuse unchanged pages (Astro's incremental build with our page keys, src/lib/page-keys.ts)
// and still give the same dist/ as a build from nothing: edits whose effects reach pages whose own
// files did not change (backlinks, reading order, concept pages, tags, renamed headings).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diffDirs } from '../scripts/bench/warm.ts';
import { buildSite, scratchDir, type BuiltSite } from './support/build-site.ts';

const work = scratchDir('page-cache-');
const vault = join(work, 'notes');
// One cache and one output folder for the rebuilds (Astro's hash of a page's code includes the output
// folder's path); the same build time for every build (Anki packages carry it).
const warmEnv = { OUT_DIR: join(work, 'dist'), ASTRO_CACHE_DIR: join(work, 'cache'), SOCIAL_IMAGE_CACHE_DIR: join(work, 'social'), SOURCE_DATE_EPOCH: '1764806400' };
/** Builds into the rebuilds' output folder, then keeps a copy of what it wrote under `name`. */
const rebuild = (name: string): BuiltSite => {
  const site = buildSite(vault, warmEnv);
  cpSync(site.outDir, join(work, name), { recursive: true });
  return { ...site, outDir: join(work, name) };
};
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The build's log without colours (Astro colours it when `CI` is set, whatever the output is). */
const log = (site: BuiltSite) => site.output.replace(/\x1b\[[\d;]*m/g, '');
/** Pages the build copied from its cache instead of rendering (Astro logs them "(restored)" or "(cached)"). */
const reused = (site: BuiltSite) => new Set(Array.from(log(site).matchAll(/├─ (\/\S*?) \((?:restored|cached)\)/g), (m) => m[1]!));
/** Pages the build rendered (logged with their render time). */
const rendered = (site: BuiltSite) => new Set(Array.from(log(site).matchAll(/├─ (\/\S*?) \(\+[\d.]+m?s\)/g), (m) => m[1]!));
const edit = (file: string, change: (text: string) => string) => writeFileSync(join(vault, file), change(readFileSync(join(vault, file), 'utf8')));

let first: BuiltSite;
let again: BuiltSite;

beforeAll(() => {
  cpSync('tests/fixtures/links-vault', vault, { recursive: true });
  // Notes that link nowhere and embed nothing: only other notes' edits can change their pages. In
  // reading order (by title) they sit Gamma, Kappa, Lambda, Omega, (Unwritten Idea, written below), Zeta.
  for (const name of ['Kappa', 'Lambda', 'Omega', 'Zeta']) writeFileSync(join(vault, `${name.toLowerCase()}.md`), `# ${name}\n\nA note on its own.\n`);
  // A page whose address has to be escaped: kept in place by rebuilds like any other.
  writeFileSync(join(vault, 'Café au lait.md'), '# Café au lait\n\nA note with an accent in its name.\n');
  first = rebuild('first');
  again = rebuild('again');
}, 300_000);

describe('a rebuild of an unchanged vault', () => {
  test('copies every note page, social image, local graph and concept page instead of rendering it', () => {
    const copied = reused(again);
    for (const path of ['/alpha/index.html', '/beta_note/index.html', '/gamma/index.html', '/kappa/index.html', '/zeta/index.html', '/og/notes/alpha.png', '/graph/local/delta.json', '/concepts/unwritten-idea/index.html', '/notes/index.html', '/tags/python/index.html']) {
      expect(copied, path).toContain(path);
    }
    expect(reused(first).size).toBe(0);
    expect([...rendered(again)].filter((p) => /^\/(alpha|beta_note|gamma|delta|epsilon)\/index\.html$/.test(p))).toEqual([]);
  });

  test('gives the same files as the first build', () => {
    expect(diffDirs(again.outDir, first.outDir).differing).toEqual([]);
  });
});

describe('a rebuild after edits that reach other pages', () => {
  let warm: BuiltSite;
  let cold: BuiltSite;

  beforeAll(() => {
    // A new link from beta to kappa: kappa's backlinks change, nothing else of its page.
    edit('beta_note.md', (t) => `${t.trimEnd()}\n\nBeta also points to [[kappa]].\n`);
    // Delta's new title (its neighbours' previous/next labels and epsilon's backlinks change), a tag,
    // and an unlinked mention of Lambda (only Lambda's "Mentioned in" changes).
    edit('delta.md', (t) => `${t.replace('# Delta\n', '# Delta Prime\n').trimEnd()}\n\nLambda is worth a mention. #python\n`);
    // The concept gets its note: the concept page goes, alpha's link resolves, delta's mention points to
    // a note, and it comes between Omega and Zeta in reading order (their previous/next links change).
    writeFileSync(join(vault, 'unwritten_idea.md'), '# Unwritten Idea\n\nWritten at last.\n');
    // A linked heading renamed: beta's and gamma's links to it now miss.
    edit('alpha.md', (t) => t.replace('## Usage Notes\n', '## Usage Notes Renamed\n'));
    warm = rebuild('warm');
    cold = buildSite(vault, { ASTRO_CACHE_DIR: join(work, 'cold-cache'), SOCIAL_IMAGE_CACHE_DIR: join(work, 'cold-social'), SOURCE_DATE_EPOCH: warmEnv.SOURCE_DATE_EPOCH });
  }, 300_000);

  test('gives exactly the files of a build from nothing', () => {
    expect(diffDirs(warm.outDir, cold.outDir)).toMatchObject({ differing: [] });
    expect(existsSync(join(warm.outDir, 'concepts/unwritten-idea/index.html'))).toBe(false);
  });

  test('renders the pages the edits reach, though their own files did not change', () => {
    const page = (id: string) => readFileSync(join(warm.outDir, id, 'index.html'), 'utf8');
    expect(page('kappa')).toContain('class="backlinks-source" href="/beta_note/');
    expect(page('lambda')).toMatch(/Mentioned in[\s\S]*href="\/delta\/[^"]*">Delta Prime<\/a>/);
    expect(page('omega')).toContain('<a href="/unwritten_idea/" rel="next"');
    expect(page('zeta')).toContain('<a href="/unwritten_idea/" rel="prev"');
    for (const id of ['kappa', 'lambda', 'omega', 'zeta']) expect(rendered(warm)).toContain(`/${id}/index.html`);
    // Epsilon embeds delta, and Delta Prime is its previous note now.
    expect(page('epsilon')).toContain('Delta Prime');
  });

  test('still copies what the edits do not reach', () => {
    const copied = reused(warm);
    // Gamma's social image: same title and summary.
    expect(copied).toContain('/og/notes/gamma.png');
    expect(copied).toContain('/og/site.png');
  });
});
