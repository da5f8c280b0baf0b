import { describe, expect, test } from 'vitest';
import { missingSegment, nearestTitles, words, type TitleEntry } from '../src/lib/nearest-titles.ts';

/** Titles, aliases and ids of the seed notes the 404 page suggests from. */
const INDEX: TitleEntry[] = [
  ['python-concurrency', 'Python concurrency', []],
  ['concurrency-in-python-a-guide', 'Concurrency in Python: a guide', []],
  ['concurrency-with-python', 'Concurrency with Python', []],
  ['global-interpreter-lock', 'Global Interpreter Lock', ['GIL']],
  ['event-loop', 'Event loop', []],
  ['asyncio', 'asyncio', ['async io']],
  ['thread-and-process-pools', 'Thread and process pools', ['ThreadPoolExecutor']],
  ['race-conditions', 'Race conditions', ['race condition']],
];
const first = (path: string, base = '/') => nearestTitles(missingSegment(path, base), INDEX)[0]?.title;

describe('the 404 page’s nearest titles', () => {
  test.each([
    ['/python-concurency/', 'Python concurrency'],
    ['/kb/python-concurency/', 'Python concurrency', '/kb/'],
    ['/notes/Python_Concurrency.html', 'Python concurrency'],
    ['/gil/', 'Global Interpreter Lock'],
    ['/global-interpeter-lock', 'Global Interpreter Lock'],
    ['/evnt-loop/', 'Event loop'],
    ['/loop-event/', 'Event loop'],
    ['/asyncoi/', 'asyncio'],
    ['/race-condition/', 'Race conditions'],
    ['/concurrency-with-pyhton/', 'Concurrency with Python'],
    ['/threadpoolexecutor/', 'Thread and process pools'],
  ])('%s suggests %s first', (path, title, base = '/') => {
    expect(first(path, base)).toBe(title);
  });

  test('suggests nothing for a path like no note', () => {
    expect(nearestTitles('zzzzqqq', INDEX)).toEqual([]);
    expect(nearestTitles('', INDEX)).toEqual([]);
  });

  test('lists the nearest first, at most the limit, with the name that matched', () => {
    const found = nearestTitles('concurrency-python', INDEX, 3);
    expect(found).toHaveLength(3);
    expect(found.map((f) => f.score)).toEqual([...found.map((f) => f.score)].sort((a, b) => a - b));
    expect(nearestTitles('gil', INDEX)[0]).toMatchObject({ id: 'global-interpreter-lock', matched: 'GIL', score: 0 });
  });

  test('reads a URL segment as words', () => {
    expect(words('Python_Concurency.html')).toEqual(['python', 'concurency']);
    expect(words('Łódź%20x')).toEqual(['odz', '20x']);
    expect(missingSegment('/kb/a/b%20c/', '/kb/')).toBe('b c');
    expect(missingSegment('/kb/', '/kb/')).toBe('');
    expect(missingSegment('/%E0%A4%A/', '/')).toBe('%E0%A4%A');
  });
});
