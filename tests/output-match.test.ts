import { describe, expect, test } from 'vitest';
import { lineDiff, matchOutput } from '../src/lib/snippets/output-match.ts';
import { parseTranslation } from '../src/lib/snippets/header.ts';

const ordered = (...lines: string[]) => ({ lines, unordered: false });
const unordered = (...lines: string[]) => ({ lines, unordered: true });

describe('matchOutput', () => {
  test.each([
    ['exact lines match', ordered('hello', 'world'), 'hello\nworld\n', true],
    ['trailing spaces and blank lines are ignored', ordered('hello'), 'hello  \n\n', true],
    ['a changed line fails', ordered('hello', 'world'), 'hello\nWorld\n', false],
    ['a missing line fails', ordered('hello', 'world'), 'hello\n', false],
    ['an extra line fails', ordered('hello'), 'hello\nworld\n', false],
    ['order matters', ordered('hello', 'world'), 'world\nhello\n', false],
    ['... inside a line matches any run of characters', ordered('started at ...'), 'started at 15:40:12\n', true],
    ['... inside a line may match nothing', ordered('a...b'), 'ab\n', true],
    ['... inside a line still anchors the rest', ordered('Total ... seconds'), 'Total 2.0 secs\n', false],
    ['regex characters are literal', ordered('(1+1) = [2]. ...'), '(1+1) = [2]. ok\n', true],
    ['a ... line matches zero lines', ordered('a', '...', 'b'), 'a\nb\n', true],
    ['a ... line matches many lines', ordered('a', '...', 'b'), 'a\nx\ny\nb\n', true],
    ['a ... line at the end swallows the rest', ordered('a', '...'), 'a\nx\ny\n', true],
    ['an empty expectation matches empty output', ordered(), '', true],
    ['an empty expectation rejects output', ordered(), 'x\n', false],
    ['unordered lines match in any order', unordered('world', 'hello'), 'hello\nworld\n', true],
    ['unordered is a multiset, not a set', unordered('a', 'a', 'b'), 'a\nb\nb\n', false],
    ['unordered wildcards take the leftovers', unordered('Read 273 from ...', 'Read 10966 from ...'), 'Read 10966 from x\nRead 273 from y\n', true],
    ['unordered exact lines win over broad patterns', unordered('...o', 'hello'), 'hello\nyo\n', true],
    ['unordered ... line allows extra lines', unordered('b', '...'), 'a\nb\nc\n', true],
    ['unordered without ... rejects extra lines', unordered('b'), 'a\nb\n', false],
  ])('%s', (_name, expectation, stdout, ok) => {
    expect(matchOutput(expectation, stdout).ok).toBe(ok);
  });

  test('shows a diff with - expected and + actual on mismatch', () => {
    expect(matchOutput(ordered('hello', 'world', 'finished at ...'), 'hello\nWorld\nfinished at 10:00\n').diff).toBe(
      ['  hello', '+ World', '- world', '  finished at 10:00'].join('\n'),
    );
  });

  test('lineDiff keeps common lines unmarked', () => {
    expect(lineDiff(['a', 'b'], ['a', 'b'])).toBe('  a\n  b');
  });
});

describe('parseTranslation', () => {
  const source = [
    '/**',
    ' * @python sha256:0213104b4f4e5af0',
    ' * @mode run',
    ' * @allow worker',
    ' * @elapsed 3',
    ' *',
    " * Node's model: one event loop.",
    ' */',
    "console.log('hi');",
    '',
    '// Output:',
    '// hi',
    '//',
    '// ...',
    '',
    '// Python output:',
    '// hi',
  ].join('\n');

  test('reads the header tags and both output sections', () => {
    const t = parseTranslation(source);
    expect(t).toMatchObject({
      python: 'sha256:0213104b4f4e5af0', mode: 'run', allow: ['worker'], elapsed: 3, helper: false, issues: [],
      output: { lines: ['hi', '', '...'], unordered: false },
      pythonOutput: { lines: ['hi'], unordered: false },
    });
  });

  test.each([
    ['/** @python sha256:xyz\n * @mode run */\n// Output:\n', '1: @python must be sha256: and 16 hex digits, got "sha256:xyz"'],
    ['/** @python sha256:0213104b4f4e5af0\n * @mode walk */', '2: @mode must be run or fragment, got "walk"'],
    ['/** @python sha256:0213104b4f4e5af0\n * @mode run\n * @allow net */\n// Output:\n', '3: @allow accepts worker or child-process, got "net"'],
    ['/** @mode fragment */', '1: header has no @python hash'],
    ['/** @python sha256:0213104b4f4e5af0\n * @mode run */\nx();', '3: run-mode translation has no // Output: section'],
  ])('reports header problems: %j', (text, message) => {
    expect(parseTranslation(text).issues.map((i) => `${i.line}: ${i.message}`)).toContain(message);
  });

  test('a file without header tags is a helper module', () => {
    expect(parseTranslation('// worker for the pool\nexport default (n: number) => n;').helper).toBe(true);
  });

  test('reads an unordered output section', () => {
    expect(parseTranslation('/** @python sha256:0213104b4f4e5af0\n * @mode run */\n// Unordered output:\n// b\n// a\n').output)
      .toEqual({ lines: ['b', 'a'], unordered: true });
  });
});
