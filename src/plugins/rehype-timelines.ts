import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import { judgeClaim, loadDiagrams, loadTrace, printedNumber, type Diagram, type DiagramRun } from '../lib/diagrams.ts';
import { countText, secondsText, tallyOf, tallySvg, timelineSvg, timelineTable, traceSeconds, type Trace } from '../lib/timeline.ts';

/** Options of {@link rehypeTimelines}. */
export interface TimelinesOptions {
  /** Configuration file; default `src/data/diagrams.json` (`DIAGRAMS_FILE`). */
  diagramsFile?: string;
  /** Folder of the committed traces; default `src/data/traces` (`TRACES_DIR`). */
  tracesDir?: string;
}

const RUNTIME = { node: 'TypeScript translation', python: 'Python original' } as const;

/**
 * Execution timelines drawn from the snippet check's recorded runs (src/lib/timeline.ts), where
 * src/data/diagrams.json puts them: in place of a missing image (the placeholder remarkImages left,
 * so an image that exists still wins) or after a translation's code tabs. Static SVG, no script.
 * Runs after the sanitizer: notes may not write SVG, the site may.
 */
export function rehypeTimelines(options: TimelinesOptions = {}) {
  const diagrams = loadDiagrams(options.diagramsFile);
  const byImage = new Map(diagrams.flatMap((d) => (d.image ? [[d.image, d] as const] : [])));
  const byRun = new Map<string, Diagram[]>();
  for (const d of diagrams) if (d.after) byRun.set(d.after, [...(byRun.get(d.after) ?? []), d]);
  return (tree: Root) => {
    if (diagrams.length === 0) return;
    let n = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return undefined;
      const missing = node.tagName === 'figure' ? node.properties.dataImageMissing : undefined;
      const image = typeof missing === 'string' ? byImage.get(missing) : undefined;
      if (image) {
        // The author's alt text stays on the page, as the placeholder showed it.
        const alt = toString(node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption') ?? h('i')).replace(/ — image not available yet$/, '');
        const figure = renderDiagram(image, `tl${++n}`, options.tracesDir, alt);
        if (figure) parent.children.splice(index, 1, figure);
        return SKIP;
      }
      const run = node.properties.dataTranslation;
      const after = typeof run === 'string' ? byRun.get(run) : undefined;
      if (!after) return undefined;
      const figures = after.flatMap((d) => renderDiagram(d, `tl${++n}`, options.tracesDir) ?? []);
      parent.children.splice(index + 1, 0, ...figures);
      return [SKIP, index + 1 + figures.length];
    });
  };
}

/**
 * One `<figure>`: per run a heading, the SVG, a caption (clock, and the claim with the run's
 * verdict) and a visually hidden table. With runs of both runtimes, the reader's code language
 * (the Python/TypeScript tabs) chooses which are shown, by CSS. Undefined when no trace exists.
 */
export function renderDiagram(d: Diagram, id: string, tracesDir?: string, alt?: string): Element | undefined {
  const runs = d.runs.flatMap((r) => {
    const trace = r.printed ? undefined : loadTrace(r, tracesDir);
    return trace && trace.spans.length > 0 ? [{ r, trace }] : [];
  });
  if (runs.length === 0) return undefined;
  const printed = d.runs.flatMap((r) => (r.printed ? printedPart(r) : []));
  const runtimes = new Set([...runs.map((x) => x.r.runtime), ...d.runs.filter((r) => r.printed).map((r) => r.runtime)]);
  // Shared axis per runtime (Python and TypeScript are never shown together).
  const axis = (t: Trace, runtime: string) => d.scale === 'each' ? traceSeconds(t)
    : Math.max(...runs.filter((x) => x.r.runtime === runtime).map((x) => traceSeconds(x.trace)));
  const parts: ElementContent[] = [h('figcaption', { className: ['tl-title'] }, [
    d.title,
    ...(alt ? [h('span', { className: ['tl-alt'] }, ` — drawn in place of the image “${alt}”`)] : []),
  ])];
  runs.forEach(({ r, trace }, i) => {
    const rid = `${id}-${i}`;
    const title = `${d.title}: ${r.name} (${RUNTIME[r.runtime]})`;
    const clock = trace.clock === 'virtual'
      ? "Clock: the program's delays plus each request's fixture latency, in the author's seconds, in this run's order."
      : 'Clock: real seconds of CPU work on the check machine.';
    const judged = r.claim ? judgeClaim(trace, r.claim) : undefined;
    const note: ElementContent[] = judged ? [
      h('span', { className: ['tl-claim', `tl-claim--${judged.verdict}`] },
        `${judged.verdict === 'agrees' ? 'The run agrees with' : 'The run contradicts'} the note: “${r.claim!.text}” (this run: ${judged.facts.join(', ')}).`),
      { type: 'text', value: ' ' },
    ] : [];
    parts.push(h('div', { className: ['tl-run'], dataRuntime: r.runtime }, [
      h('p', { className: ['tl-run-name'] }, [h('strong', r.name), ` — ${RUNTIME[r.runtime]}, ${secondsText(traceSeconds(trace))}`]),
      // Scrolls sideways on a phone rather than shrinking the labels: focusable, so keyboards can scroll it.
      h('div', { className: ['tl-scroll'], tabIndex: 0, role: 'group', ariaLabel: `${r.name}: timeline` }, [timelineSvg(trace, { title, id: rid, seconds: axis(trace, r.runtime) })]),
      ...(r.tally ? tallyParts(trace, r.tally, `${title}: what each lane did`, rid) : []),
      h('p', { className: ['tl-note'] }, [...note, h('span', clock), ` Recorded by the snippet check from ${r.run}.`]),
      timelineTable(trace, title, rid),
    ]));
  });
  parts.push(...printed);
  return h('figure', { className: ['timeline', ...(runtimes.size > 1 ? ['timeline--both'] : [])], dataPagefindIgnore: 'all' }, parts);
}

/** The counts the run's jobs reported, per lane (tallySvg), and a sentence with the totals per group. */
function tallyParts(trace: Trace, tally: NonNullable<Diagram['runs'][number]['tally']>, title: string, rid: string): ElementContent[] {
  const cells = tallyOf(trace, tally.groups.length, tally.done, tally.lost);
  const totals = tally.groups.map((g, i) => {
    const [done, lost] = cells.reduce(([d, l], row) => [d + (row[i]?.done ?? 0), l + (row[i]?.lost ?? 0)], [0, 0]);
    return `${g}: ${countText(done)} ${tally.done}, ${countText(lost)} ${tally.lost}`;
  });
  return [
    h('div', { className: ['tl-scroll'], tabIndex: 0, role: 'group', ariaLabel: title }, [
      tallySvg(trace, { title, id: `${rid}-tally`, table: `${rid}-table`, groups: tally.groups, done: tally.done, lost: tally.lost }),
    ]),
    h('p', { className: ['tl-note'] }, `In this recorded run — ${totals.join('; ')}.${tally.varies ? ` ${tally.varies}` : ''}`),
  ];
}

/** A run told by what it printed (no timeline): its number against the expected count, and why. */
function printedPart(r: DiagramRun): Element[] {
  const p = r.printed!;
  const n = printedNumber(r);
  if (n === undefined) return [];
  const lost = p.expected - n;
  return [h('div', { className: ['tl-run'], dataRuntime: r.runtime }, [
    h('p', { className: ['tl-run-name'] }, [h('strong', r.name), ` — ${RUNTIME[r.runtime]}`]),
    h('p', { className: ['tl-note'] }, [
      h('span', { className: ['tl-claim', `tl-claim--${lost === 0 ? 'agrees' : 'contradicts'}`] },
        `It printed ${n}: ${countText(n)} of ${countText(p.expected)} ${p.what} counted, ${countText(lost)} lost.`),
      ...(p.why ? [` ${p.why}`] : []),
      ` Recorded by the snippet check from the Python block of ${r.run}.`,
    ]),
  ])];
}
