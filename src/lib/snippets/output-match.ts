// Go-style expected output: exact lines, `...` inside a line matches any run of characters,
// a line that is only `...` matches any number of lines; `Unordered output:` compares multisets.

/** What a translation declares it prints. */
export interface Expectation {
  /** Expected lines, in order (or as a multiset when `unordered`). */
  lines: string[];
  unordered: boolean;
}

/** Result of comparing captured output with an expectation. */
export interface MatchResult {
  ok: boolean;
  /** Unified-style diff (`-` expected, `+` actual), empty when `ok`. */
  diff: string;
}

/** Splits captured stdout into lines, ignoring trailing spaces and trailing blank lines. */
export function outputLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** True when one expected line (with `...` wildcards) matches one actual line. */
export function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes('...')) return expected === actual;
  let re = patternCache.get(expected);
  if (!re) {
    const source = expected.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
    re = new RegExp(`^${source}$`);
    patternCache.set(expected, re);
  }
  return re.test(actual);
}

const patternCache = new Map<string, RegExp>();

/** Ordered match with `...` lines matching any number of lines (backtracking, memoised). */
function orderedMatch(expected: string[], actual: string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (actual.length + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === expected.length) result = j === actual.length;
    else if (expected[i] === '...') result = go(i + 1, j) || (j < actual.length && go(i, j + 1));
    else result = j < actual.length && lineMatches(expected[i]!, actual[j]!) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** Multiset match: a perfect bipartite matching of expected lines onto distinct actual lines
 * (augmenting paths, polynomial even for hundreds of wildcard lines); `...` lines absorb leftovers. */
function unorderedMatch(expected: string[], actual: string[]): boolean {
  const wildcard = expected.includes('...');
  const patterns = expected.filter((l) => l !== '...');
  if (patterns.length > actual.length || (!wildcard && patterns.length !== actual.length)) return false;
  const edges = patterns.map((p) => actual.flatMap((a, j) => (lineMatches(p, a) ? [j] : [])));
  const owner = new Array<number>(actual.length).fill(-1);
  const augment = (k: number, seen: boolean[]): boolean => {
    for (const j of edges[k]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || augment(owner[j]!, seen)) {
        owner[j] = k;
        return true;
      }
    }
    return false;
  };
  return patterns.every((_, k) => augment(k, new Array<boolean>(actual.length).fill(false)));
}

/** Compares captured stdout with an expectation; on mismatch returns a line diff. */
export function matchOutput(expectation: Expectation, stdout: string): MatchResult {
  const actual = outputLines(stdout);
  const ok = expectation.unordered
    ? unorderedMatch(expectation.lines, actual)
    : orderedMatch(expectation.lines, actual);
  if (ok) return { ok, diff: '' };
  const expected = expectation.unordered ? [...expectation.lines].sort() : expectation.lines;
  const got = expectation.unordered ? [...actual].sort() : actual;
  return { ok, diff: lineDiff(expected, got) };
}

/** A minimal LCS line diff: ` ` common, `-` expected only, `+` actual only (wildcards respected). */
export function lineDiff(expected: string[], actual: string[]): string {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = lineMatches(expected[i]!, actual[j]!)
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && lineMatches(expected[i]!, actual[j]!)) {
      out.push(`  ${actual[j]}`);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+ ${actual[j++]}`);
    } else {
      out.push(`- ${expected[i++]}`);
    }
  }
  return out.join('\n');
}
