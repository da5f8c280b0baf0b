import { defineConfig } from 'vitest/config';

/**
 * Test files that read a built site (the global setup builds `notes/` once; `inject('siteDir')`)
 * or build their own fixture vaults. A new such file goes here; everything else in tests/ is a
 * unit test and must run without a site build.
 */
const SITE = [
  'tests/base-path.test.ts', 'tests/hostile-notes.test.ts', 'tests/links-seeds.test.ts', 'tests/links-site.test.ts',
  'tests/search.test.ts', 'tests/seeds.test.ts', 'tests/site.test.ts', 'tests/syntax-seeds.test.ts', 'tests/vault.test.ts',
  'tests/bad-notes-build.test.ts', 'tests/study-site.test.ts', 'tests/timelines.test.ts',
  'tests/link-web.test.ts', 'tests/search-quality.test.ts', 'tests/snippet-results-cache.test.ts', 'tests/page-cache-site.test.ts',
  // Not a build, but type-checks the whole project (a minute on a busy machine): kept out of unit.
  'tests/typecheck.test.ts',
];
/** The snippet check: sandboxed Node and Python runs. */
const SNIPPETS = ['tests/check-snippets.test.ts', 'tests/check-snippets-units.test.ts', 'tests/check-snippets-sandbox.test.ts'];
const BENCH = ['tests/bench.test.ts'];

// `npm test` runs every project; `npm run test:unit` (etc.) one of them. Each prints the same last line.
export default defineConfig({
  test: {
    // Site builds and browsers are heavy: two files at a time on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    // A poll waits for what a loaded CI machine may take seconds to show (a browser, a build); it
    // returns as soon as the condition holds, so a passing test is not slowed down.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    hookTimeout: 300_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', pool: 'threads', include: ['tests/*.test.ts'], exclude: [...SITE, ...SNIPPETS, ...BENCH] } },
      { extends: true, test: { name: 'site', include: SITE, globalSetup: ['tests/support/global-setup.ts'] } },
      { extends: true, test: { name: 'browser', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/support/global-setup.ts'] } },
      { extends: true, test: { name: 'snippets', include: SNIPPETS } },
      { extends: true, test: { name: 'bench', include: BENCH } },
    ],
  },
});
