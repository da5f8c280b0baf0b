/**
 * @python sha256:add6247916c8e76a
 * @mode run
 * @allow worker
 *
 * Node's model: no GIL and no fork of the interpreter; the process pool becomes a pool of worker
 * threads (tinypool), each with its own heap, so arguments and results are copied between them the
 * way a ProcessPoolExecutor pickles them. The largest sum (3.3e14) is below 2^53: plain numbers are exact.
 */
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

/** Worker side: tinypool calls the default export in each worker. */
export default function sumOfSquares(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += i * i;
  return total;
}

if (isMainThread) {
  const pool = new Tinypool({ filename: import.meta.url, minThreads: 2, maxThreads: 2 });
  try {
    const results: number[] = await Promise.all([10, 1_000, 100_000].map((n) => pool.run(n)));
    console.log(`[${results.join(', ')}]`);
  } finally {
    await pool.destroy();
  }
}

// Output:
// [285, 332833500, 333328333350000]
