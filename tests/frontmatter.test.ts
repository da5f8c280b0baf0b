import { describe, expect, test } from 'vitest';
import { leadingH1, mapFrontmatter, normalizeTag, parseFrontmatterYaml, splitFrontmatter } from '../src/lib/frontmatter.ts';

/** Maps a whole note source the way scanVault does. */
function mapSource(source: string, fileStem = 'my_note') {
  const split = splitFrontmatter(source);
  const parsed = split.yaml === null ? null : parseFrontmatterYaml(split.yaml, split.yamlLine);
  const mapped = mapFrontmatter(parsed?.raw ?? {}, { body: split.body, bodyLine: split.bodyLine, fileStem, positions: parsed?.positions });
  return { ...mapped, issues: [...(parsed?.issues ?? []), ...mapped.issues], split };
}

describe('frontmatter dialects map to the site data', () => {
  test.each([
    {
      dialect: 'Obsidian (date, tags as YAML list, title from H1)',
      source: '---\ndate: 2024-09-26T00:00+03:00\ntags:\n  - blog\n  - Python\n---\n\n# Python concurrency\n\nText.',
      expected: { title: 'Python concurrency', titleSource: 'h1', tags: ['blog', 'python'], date: '2024-09-25T21:00:00.000Z', dateLabel: '2024-09-26', draft: false },
    },
    {
      dialect: 'Hugo (title, draft, weight, katex)',
      source: '---\ntitle: "Concurrency Options"\ndraft: false\nweight: 6\nkatex: true\n---\n\n### When?\n',
      expected: { title: 'Concurrency Options', titleSource: 'frontmatter', order: 6, draft: false, tags: [] },
    },
    {
      dialect: 'Hugo draft',
      source: '---\ntitle: Work in progress\ndraft: true\n---\nBody',
      expected: { title: 'Work in progress', draft: true },
    },
    {
      dialect: 'Jekyll (inline tags, header, excerpt, date)',
      source: '---\ntitle: "Concurrency in Python - A Guide"\ndate: 2023-04-05\ntags: [python, concurrency]\nheader:\n  # image: "/images/x.jpg"\nexcerpt: "Fundamentals of concurrency in Python"\n---\n## Introduction\n',
      expected: { title: 'Concurrency in Python - A Guide', description: 'Fundamentals of concurrency in Python', tags: ['python', 'concurrency'], date: '2023-04-05T00:00:00.000Z', dateLabel: '2023-04-05' },
    },
    {
      dialect: 'Jekyll published: false is a draft',
      source: '---\ntitle: Hidden\npublished: false\n---\nBody',
      expected: { draft: true },
    },
    {
      dialect: 'no frontmatter, H1 first',
      source: '# Concurrency with Python\n\nPython offers multiple modules.',
      expected: { title: 'Concurrency with Python', titleSource: 'h1', tags: [] },
    },
    {
      dialect: 'no frontmatter, no H1: the file name',
      source: 'Just a paragraph.\n\n# Later heading',
      expected: { title: 'my_note', titleSource: 'filename' },
    },
    {
      dialect: 'H1 with inline markup keeps only its text',
      source: '# The `asyncio` *event* loop\n',
      expected: { title: 'The asyncio event loop', titleSource: 'h1' },
    },
    {
      dialect: 'Obsidian aliases (list or string) and tags as a comma string with #',
      source: '---\naliases: [GIL, Global Interpreter Lock]\ntags: "#Threads, locks"\n---\nBody',
      expected: { aliases: ['GIL', 'Global Interpreter Lock'], tags: ['threads', 'locks'] },
    },
    {
      dialect: 'Hugo lastmod and summary',
      source: '---\ntitle: T\nlastmod: 2025-01-02\nsummary: Short\n---\nBody',
      expected: { description: 'Short', lastUpdated: '2025-01-02T00:00:00.000Z' },
    },
    {
      dialect: 'numeric title becomes text',
      source: '---\ntitle: 2024\n---\nBody',
      expected: { title: '2024', titleSource: 'frontmatter' },
    },
  ])('$dialect', ({ source, expected }) => {
    const { data, issues } = mapSource(source);
    expect(issues).toEqual([]);
    const view = {
      ...data,
      date: data.date?.toISOString(),
      lastUpdated: data.lastUpdated?.toISOString(),
    };
    expect(view).toMatchObject(expected);
  });
});

describe('frontmatter problems carry file positions', () => {
  test.each([
    { name: 'wrong type for tags', source: '---\ntitle: x\ntags: 5\n---\nBody', issue: { line: 3, column: 1, severity: 'error', ruleId: 'frontmatter-tags', message: 'tags must be a list of words or a comma-separated string, got number 5' } },
    { name: 'weight that is not a number', source: '---\nweight: six\n---\nBody', issue: { line: 2, column: 1, severity: 'error', ruleId: 'frontmatter-weight', message: 'weight must be a number, got string "six"' } },
    { name: 'draft that is not a boolean', source: '---\n\ndraft: maybe\n---\nBody', issue: { line: 3, column: 1, severity: 'error', ruleId: 'frontmatter-draft', message: 'draft must be true or false, got string "maybe"' } },
    { name: 'a date that is not a date is only a warning', source: '---\ndate: someday\n---\nBody', issue: { line: 2, column: 1, severity: 'warning', ruleId: 'frontmatter-date', message: 'date is not a date (string "someday"); ignored' } },
    { name: 'title that is a mapping', source: '---\ntitle:\n  en: x\n---\nBody', issue: { line: 2, column: 1, severity: 'error', ruleId: 'frontmatter-title', message: 'title must be text, got a mapping' } },
  ])('$name', ({ source, issue }) => {
    expect(mapSource(source).issues).toEqual([issue]);
  });

  test('invalid YAML is reported at its line in the file', () => {
    const { issues } = mapSource('---\ntitle: ok\ntags: [a, b\n---\nBody');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', ruleId: 'frontmatter-yaml' });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(3);
    expect(issues[0]!.message).toMatch(/^invalid YAML frontmatter: /);
  });

  test('a YAML list instead of a mapping is an error', () => {
    expect(mapSource('---\n- a\n- b\n---\nBody').issues).toEqual([
      { line: 2, column: 1, severity: 'error', ruleId: 'frontmatter-shape', message: 'frontmatter must be a mapping of keys to values' },
    ]);
  });

  test('TOML and unclosed fences are explained, not parsed as text', () => {
    expect(splitFrontmatter('+++\ntitle = "x"\n+++\nBody').unreadable?.ruleId).toBe('frontmatter-toml');
    expect(splitFrontmatter('---\ntitle: x\nBody').unreadable?.ruleId).toBe('frontmatter-unclosed');
  });
});

describe('body and title helpers', () => {
  test('the body starts after the closing fence, with its file line', () => {
    const split = splitFrontmatter('---\na: 1\nb: 2\n---\nfirst body line');
    expect(split).toMatchObject({ body: 'first body line', bodyLine: 5, yamlLine: 2 });
  });

  test('only a leading H1 is a title; a Setext H1 counts too', () => {
    expect(leadingH1('\n\n# Title\ntext')).toBe('Title'); // an ATX heading ends at its line
    expect(leadingH1('Intro paragraph.\n\n# Title')).toBeUndefined();
    expect(leadingH1('\n\n# Title\n\ntext')).toBe('Title');
    expect(leadingH1('Title\n=====\n\ntext')).toBe('Title');
    expect(leadingH1('## Second level\n')).toBeUndefined();
  });

  test('an H1 title reads as the page shows it: link text, no comment, no syntax marks', () => {
    expect(leadingH1('# The [[Event loop|loop]] of ==asyncio== %%draft%%\n')).toBe('The loop of asyncio');
    expect(leadingH1('# [[Coroutines]] &amp; tasks')).toBe('Coroutines & tasks');
    expect(leadingH1('%%\n# Hidden\n%%\n')).toBeUndefined();
  });

  test.each([
    ['#Python', 'python'],
    [' Asyncio ', 'asyncio'],
    ['Event Loop', 'event-loop'],
  ])('tag %j is case-folded to %j', (input, output) => {
    expect(normalizeTag(input)).toBe(output);
  });
});
