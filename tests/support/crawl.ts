import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type Root = DefaultTreeAdapterMap['document'];

/** Calls `fn` on every element of a parse5 tree (templates' content included). */
function eachElement(node: Node, fn: (el: Element) => void): void {
  if ('tagName' in node) fn(node);
  if ('childNodes' in node) for (const child of node.childNodes) eachElement(child, fn);
  if ('content' in node && node.content) eachElement(node.content as Node, fn);
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** One internal reference that does not arrive: the page it is on, the URL, and why. */
export interface BrokenLink {
  from: string;
  url: string;
  problem: 'outside-base' | 'missing-file' | 'missing-anchor';
}

export interface CrawlReport {
  /** HTML pages read. */
  pages: number;
  /** Internal references checked (links, assets, anchors; CSS `url()`; scripts' `import`s). */
  checked: number;
  broken: BrokenLink[];
  /** Every internal URL path that resolved to a file, for "is X reachable" assertions. */
  reached: Set<string>;
}

/** Attributes that carry URLs, per element (`srcset` lists several). */
const URL_ATTRS: Record<string, string[]> = {
  a: ['href'], link: ['href'], script: ['src'], img: ['src', 'srcset'], source: ['src', 'srcset'],
  audio: ['src'], video: ['src', 'poster'], iframe: ['src'], form: ['action'], use: ['href'], image: ['href'],
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function ids(tree: Root): Set<string> {
  const found = new Set<string>();
  eachElement(tree, (el) => {
    for (const key of ['id', 'name']) {
      const v = attr(el, key);
      if (v !== undefined) found.add(v);
    }
  });
  return found;
}

/**
 * Crawls a built site as a static host would serve it at `base` (`/` or `/kb/`): every `href`,
 * `src`, `srcset` and `<meta content>` URL of every HTML page, every `url()` in CSS and every
 * relative or absolute `import` in the site's JavaScript (Pagefind's files included) must name a
 * file in `dist/` under `base`, and every `#fragment` an id on the target page. External URLs
 * (another host) are not followed. `origin` is the configured `SITE_URL`, whose URLs count as internal.
 */
export function crawlSite(dist: string, base: string, origin = 'http://crawl.invalid'): CrawlReport {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const files = walk(dist);
  const idCache = new Map<string, Set<string>>();
  const report: CrawlReport = { pages: 0, checked: 0, broken: [], reached: new Set() };
  const parsed = new Map<string, Root>();
  const parseHtml = (file: string) => {
    let tree = parsed.get(file);
    if (!tree) parsed.set(file, (tree = parse(readFileSync(file, 'utf8'))));
    return tree;
  };

  /** The file a URL path names (`/kb/x/` → `dist/x/index.html`), or undefined. */
  const fileFor = (pathname: string): string | undefined => {
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return undefined;
    let rel = decodeURIComponent(pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = join(dist, rel);
    if (existsSync(file) && statSync(file).isFile()) return file;
    if (existsSync(join(file, 'index.html'))) return join(file, 'index.html');
    return undefined;
  };

  // `reported`: a wikilink to a heading that does not exist, which lint already reports as a warning.
  const check = (fromFile: string, raw: string, reported = false) => {
    const value = raw.trim();
    if (!value || /^(mailto|tel|javascript|data|blob):/i.test(value)) return;
    const from = `${origin}${prefix}${relative(dist, fromFile).split('\\').join('/')}`;
    let url: URL;
    try {
      url = new URL(value, from);
    } catch {
      return;
    }
    if (url.origin !== origin) return;
    report.checked++;
    const page = relative(dist, fromFile);
    if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) {
      report.broken.push({ from: page, url: value, problem: 'outside-base' });
      return;
    }
    const target = fileFor(url.pathname);
    if (!target) {
      report.broken.push({ from: page, url: value, problem: 'missing-file' });
      return;
    }
    report.reached.add(url.pathname);
    // A text fragment (`#:~:text=…`, or `#id:~:text=…`) is a directive to the browser, not an id.
    const anchor = url.hash.slice(1).split(':~:')[0]!;
    if (anchor && target.endsWith('.html')) {
      let known = idCache.get(target);
      if (!known) idCache.set(target, (known = ids(parseHtml(target))));
      if (!known.has(decodeURIComponent(anchor)) && anchor !== 'top' && anchor !== '_top' && !reported) {
        report.broken.push({ from: page, url: value, problem: 'missing-anchor' });
      }
    }
  };

  for (const file of files) {
    const ext = extname(file);
    if (ext === '.html') {
      report.pages++;
      eachElement(parseHtml(file), (el) => {
        for (const name of URL_ATTRS[el.tagName] ?? []) {
          const value = attr(el, name);
          if (value === undefined) continue;
          if (name === 'srcset') for (const part of value.split(',')) check(file, part.trim().split(/\s+/)[0] ?? '');
          else check(file, value, (attr(el, 'class') ?? '').split(/\s+/).includes('wikilink-missing-heading'));
        }
        // Open Graph / Twitter images and URLs are absolute: on the configured host they must exist too.
        const prop = attr(el, 'property') ?? attr(el, 'name') ?? '';
        const content = attr(el, 'content');
        if (el.tagName === 'meta' && /^(og:(image|url)|twitter:image)$/.test(prop) && content) check(file, content);
      });
    } else if (ext === '.css') {
      for (const m of readFileSync(file, 'utf8').matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) check(file, m[2]!);
    } else if (ext === '.js' || ext === '.mjs') {
      // Static and dynamic imports of other site files (Astro's chunks, Pagefind's fragments).
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import\s*\(\s*|from\s*|import\s+)(["'])((?:\.{1,2}\/|\/)[^"']+)\1/g)) check(file, m[2]!);
    }
  }
  return report;
}
