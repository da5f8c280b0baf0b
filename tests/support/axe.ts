import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One axe-core rule that failed, with the elements it failed on. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors and a short reason for each failing element. */
  nodes: string[];
}

/** Options of {@link axeFindings}. */
export interface AxeOptions {
  /** Only check inside these selectors (e.g. an open dialog). Default: the whole page. */
  include?: string | string[];
  /** Impacts that count as findings. Default: `['serious', 'critical']`. */
  impacts?: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in `page` (WCAG 2.2 A/AA and best practices, plus the target-size and
 * label-in-name rules) and returns the serious and critical findings. Reusable by any browser
 * test: `expect(formatAxe(await axeFindings(page))).toEqual([])` prints readable failures.
 */
export async function axeFindings(page: Page, options: AxeOptions = {}): Promise<AxeFinding[]> {
  const impacts = options.impacts ?? ['serious', 'critical'];
  // Expressive Code makes an overflowing code block focusable from a script it runs when the page is
  // idle (a resize observer): on a busy machine axe could run first and see a scrollable region with
  // no keyboard access. Wait for it; a block that never becomes focusable is then axe's finding.
  await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')]
    .every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')), undefined, { timeout: 60_000 }).catch(() => {});
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: RawViolation[] }> } }).axe;
    const result = await axe.run(include ? { include: include.map((c) => [c]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { 'target-size': { enabled: true }, 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations;
    interface RawViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
  }, options.include === undefined ? null : [options.include].flat());
  return violations
    .filter((v) => impacts.includes(v.impact ?? ''))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
    }));
}

/** Findings as lines (`rule (impact): help @ selector — reason`), for `toEqual([])` messages. */
export function formatAxe(findings: AxeFinding[]): string[] {
  return findings.flatMap((f) => f.nodes.map((n) => `${f.id} (${f.impact}): ${f.help} @ ${n}`));
}
