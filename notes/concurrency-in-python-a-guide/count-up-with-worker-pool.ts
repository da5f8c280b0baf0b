/**
 * @python sha256:65798067fde322c6
 * @mode run
 * @allow worker
 *
 * Node's model: there is no GIL, but CPU work on the main thread blocks the event loop, so
 * multiprocessing.Pool becomes a worker_threads pool (tinypool) sized like Pool() to the available
 * cores. Workers are threads with their own heaps: arguments and results are copied and memory is
 * shared only through SharedArrayBuffer. This file is both the main program and the workers'
 * module. The pool is created inside the timed region, as in the Python, so the time includes
 * starting the workers, which here outweighs the milliseconds of loop work. The author's recorded
 * "Total elapsed time: 0.72... seconds" is a measurement, not a claim reproduced here.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

export default function performCalculation(num: number): number {
  let result = 0;
  for (let i = 0; i < num; i++) {
    result += 1;
  }
  return result;
}

if (isMainThread) {
  // Number of CPU-bound tasks to execute
  const numTasks = 4;

  const startTime = performance.now();

  // Create a pool of worker threads, one per available core like multiprocessing.Pool()
  const threads = availableParallelism();
  const pool = new Tinypool({ filename: new URL(import.meta.url), minThreads: threads, maxThreads: threads });

  // Perform the calculation in parallel on the workers
  const results: number[] = await Promise.all(Array.from({ length: numTasks }, () => pool.run(10 ** 7)));

  const elapsedTime = (performance.now() - startTime) / 1000;
  console.log(`Total elapsed time: ${elapsedTime} seconds`);

  // Python leaves its pool to be torn down at exit; live worker threads would keep Node running.
  await pool.destroy();
}

// Output:
// Total elapsed time: ... seconds
