// Links translations to Python blocks by hash; a translation whose hash matches no block is stale
// and is paired with the most similar untranslated block of its note, so the report says "changed".

/** Identifier-ish tokens, case and `_` folded so `say_after` and `sayAfter` meet. */
export function tokens(code: string): Set<string> {
  const set = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|'[^'\n]*'|"[^"\n]*"/g)) {
    set.add(m[0].replace(/_/g, '').replace(/^["']|["']$/g, '').toLowerCase());
  }
  return set;
}

/** Jaccard similarity of two token sets (0..1). */
export function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/** Pairs each stale translation with the most similar of `candidates` (each candidate used once). */
export function pairStale<T extends { code: string }, B extends { code: string }>(
  stale: readonly T[], candidates: readonly B[],
): Map<T, { block: B; score: number } | undefined> {
  const scores: { t: T; b: B; score: number }[] = [];
  for (const t of stale) {
    const tt = tokens(t.code);
    for (const b of candidates) scores.push({ t, b, score: similarity(tt, tokens(b.code)) });
  }
  scores.sort((x, y) => y.score - x.score);
  const result = new Map<T, { block: B; score: number } | undefined>(stale.map((t) => [t, undefined]));
  const usedBlocks = new Set<B>();
  for (const s of scores) {
    if (result.get(s.t) || usedBlocks.has(s.b) || s.score === 0) continue;
    result.set(s.t, { block: s.b, score: s.score });
    usedBlocks.add(s.b);
  }
  return result;
}
