// Mermaid diagrams rendered to SVG at build time in headless Chromium (mermaid-isomorphic), in a
// light and a dark theme, cached on disk by source so a build starts the browser only for new
// diagrams. Used by the lint (which reports blocks Mermaid cannot parse) and the render plugin.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { siteConfig } from './site-config.ts';

/** The two renderings of one diagram, or why Mermaid rejected it. */
export type MermaidResult = { light: string; dark: string } | { error: string };


const mermaidVersion = (() => {
  try {
    return (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

/** Cache key: the source, the Mermaid version and this module's rendering settings. */
export const mermaidKey = (source: string) => createHash('sha256').update(`${mermaidVersion}\0v2\0${source}`).digest('hex').slice(0, 20);

/** Where `source`'s drawing (or Mermaid's error) is kept in `cacheDir`. */
const cacheFile = (source: string, cacheDir: string) => join(cacheDir, `${mermaidKey(source)}.json`);

/** Whether `source` is drawn in `cacheDir` already (a build then reads it and starts no browser). */
export const mermaidDrawn = (source: string, cacheDir = siteConfig().mermaid.cacheDir): boolean => existsSync(cacheFile(source, cacheDir));

const THEMES = { light: 'default', dark: 'dark' } as const;
/** Dark theme: edge labels on the page's own dark background (Mermaid's grey one fails WCAG contrast). */
const THEME_VARIABLES: Record<string, Record<string, string>> = { light: {}, dark: { edgeLabelBackground: '#23262f', labelBackground: '#23262f' } };
let renderer: Promise<import('mermaid-isomorphic').MermaidRenderer> | undefined;

/** Counters for the build-time cost report. */
export const mermaidStats = { cached: 0, rendered: 0, renderMs: 0 };

/**
 * Renders each source (light and dark), reading and filling the cache. Never throws for a bad
 * diagram: its result carries Mermaid's error. A missing browser is an error result too.
 */
export async function renderMermaid(sources: readonly string[], cacheDir = siteConfig().mermaid.cacheDir): Promise<MermaidResult[]> {
  const chromium = siteConfig().mermaid.chromium;
  const results: (MermaidResult | undefined)[] = sources.map((source) => {
    const file = cacheFile(source, cacheDir);
    if (!existsSync(file)) return undefined;
    try {
      mermaidStats.cached++;
      return JSON.parse(readFileSync(file, 'utf8')) as MermaidResult;
    } catch {
      mermaidStats.cached--;
      return undefined;
    }
  });
  const todo = sources.flatMap((source, i) => (results[i] ? [] : [i]));
  if (todo.length === 0) return results as MermaidResult[];
  const started = performance.now();
  if (!existsSync(chromium)) {
    for (const i of todo) results[i] = { error: `no browser to render Mermaid (looked for ${chromium}; set MERMAID_CHROMIUM)` };
    return results as MermaidResult[];
  }
  renderer ??= import('mermaid-isomorphic').then(({ createMermaidRenderer }) => createMermaidRenderer({
    launchOptions: { executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] },
  }));
  const render = await renderer;
  mkdirSync(cacheDir, { recursive: true });
  // One browser page per theme for all new diagrams; each SVG's ids are then renamed after its
  // source's key, so two diagrams rendered in different builds never clash on one page.
  const batch = `mmdb${process.pid}x${Date.now().toString(36)}`;
  const out = new Map<number, Record<string, string>>();
  const errors = new Map<number, string>();
  for (const [name, theme] of Object.entries(THEMES)) {
    const prefix = `${batch}-${name}`;
    let settled: PromiseSettledResult<import('mermaid-isomorphic').RenderResult>[] = [];
    try {
      settled = await render(todo.map((i) => sources[i]!), { prefix, mermaidConfig: { theme, themeVariables: THEME_VARIABLES[name], securityLevel: 'strict', fontFamily: 'system-ui, sans-serif' } });
    } catch (e) {
      for (const i of todo) errors.set(i, firstLine(e));
    }
    settled.forEach((r, k) => {
      const i = todo[k]!;
      if (r.status === 'rejected') { errors.set(i, firstLine(r.reason)); return; }
      const id = `mmd-${mermaidKey(sources[i]!).slice(0, 10)}-${name}`;
      const svg = r.value.svg.replace(new RegExp(`${prefix}-${k}(?!\\d)`, 'g'), id);
      out.set(i, { ...out.get(i), [name]: svg });
    });
  }
  for (const i of todo) {
    const error = errors.get(i);
    const result: MermaidResult = error ? { error } : { light: out.get(i)!.light!, dark: out.get(i)!.dark! };
    results[i] = result;
    // A missing or broken browser is not the diagram's fault: not cached.
    if (!error || !/browser|executable|launch|Target closed/i.test(error)) writeFileSync(cacheFile(sources[i]!, cacheDir), JSON.stringify(result));
  }
  mermaidStats.rendered += todo.length;
  mermaidStats.renderMs += performance.now() - started;
  return results as MermaidResult[];
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ').slice(0, 300);
