// The bench's reading of a build's output (scripts/bench/measure.ts): stage times and the phase at
// the memory peak, with Pagefind run after Astro's process has exited (scripts/build.ts).
import { describe, expect, test } from 'vitest';
import { parseStages, phaseAt } from '../scripts/bench/measure.ts';

const lines = [
  { t: 2.0, text: '[stage] lint: 1500 ms (1000 notes: 990 from the lint cache, 10 checked)' },
  { t: 2.1, text: 'notes: 1000 published, 0 left out, 0 errors, 0 warnings' },
  { t: 4.0, text: '17:00:00 [content] Syncing content' },
  { t: 9.0, text: '17:00:05 [content] Synced content' },
  { t: 10.0, text: '17:00:06 [build] Building static entrypoints...' },
  { t: 14.0, text: ' generating static routes ' },
  { t: 30.0, text: '17:00:26 [build] ✓ Completed in 16.00s.' },
  { t: 31.0, text: '17:00:27 [build] 1287 page(s) built in 29.10s' },
  { t: 32.0, text: '[search-index] Building search index with Pagefind...' },
  { t: 35.0, text: '[search-index] Finished building search index in 2.95s.' },
];

describe('bench stages with Pagefind after Astro', () => {
  test.each([
    [1.0, 'lint'],
    [5.0, 'content sync'],
    [20.0, 'render routes'],
    [31.5, 'finishing'],
    [33.0, 'pagefind'],
  ])('at %s s the build is in phase %s', (t, phase) => {
    expect(phaseAt(lines, t)).toBe(phase);
  });

  test('reads the Pagefind and lint stages from the build script and the lint', () => {
    const stages = parseStages(lines);
    expect(stages.pagefind_s).toBe(2.95);
    expect(stages.astro_total_s).toBe(29.1);
    expect(stages.project.lint).toBe(1.5);
  });
});
