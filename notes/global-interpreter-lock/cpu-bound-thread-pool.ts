/**
 * @python sha256:0df80c21e5f317b9
 * @mode run
 * @allow worker
 *
 * Node's model: there is no GIL. JavaScript runs on one thread per isolate, and worker threads
 * (here a tinypool pool, the ThreadPoolExecutor) each have their own isolate, so CPU-bound work
 * in four workers really uses four cores. The price is that workers share no objects: arguments
 * and results are copied. The second line therefore reports Node's side, and the Python output
 * section accepts either kind of CPython build.
 */
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

/** Worker side: tinypool calls the default export in each worker thread. */
export default function count(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += i;
  return total;
}

if (isMainThread) {
  const pool = new Tinypool({ filename: import.meta.url, minThreads: 4, maxThreads: 4 });
  try {
    const results: number[] = await Promise.all([10, 100, 1000, 10000].map((n) => pool.run(n)));
    console.log(`[${results.join(', ')}]`);
    console.log('worker threads run in parallel: true (Node has no GIL)');
  } finally {
    await pool.destroy();
  }
}

// Output:
// [45, 4950, 499500, 49995000]
// worker threads run in parallel: true (Node has no GIL)

// Python output:
// [45, 4950, 499500, 49995000]
// free-threaded build: ..., GIL enabled: ...
