/**
 * @python sha256:8cf8a863b853fa1b
 * @mode run
 * @allow worker
 *
 * Node's model: there is no GIL, but CPU work on the main thread blocks the event loop, so
 * multiprocessing.Pool becomes a worker_threads pool (tinypool) sized like Pool() to the available
 * cores. Workers are threads with their own heaps: arguments and results are copied (structured
 * clone, BigInt included) and memory is shared only through SharedArrayBuffer. This file is both the
 * main program and the workers' module. The sums (about 4.2e19) exceed 2^53, so they are exact
 * BigInts. The "Takes 2.5 secs" comment is the author's measurement, not a claim reproduced here.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

// sum(i*i for i in range(num)), exactly. Each i*i (< 2.5e13 here) and every partial sum below
// 2^53 are exact doubles, so the loop adds Numbers and moves them into a BigInt before the partial
// sum could round; a BigInt operation per term was over 20 times slower here.
export default function cpuBound(num: number): bigint {
  if (!Number.isSafeInteger(num) || num < 0 || num > 94_906_266) {
    throw new RangeError(`i*i is only exact for num <= 94906266, got ${num}`);
  }
  const flushAt = Number.MAX_SAFE_INTEGER - (num - 1) * (num - 1);
  let total = 0n;
  let partial = 0;
  for (let i = 0; i < num; i++) {
    partial += i * i;
    if (partial > flushAt) {
      total += BigInt(partial);
      partial = 0;
    }
  }
  return total + BigInt(partial);
}

async function findSums(nums: readonly number[]): Promise<bigint[]> {
  const threads = availableParallelism();
  const pool = new Tinypool({ filename: new URL(import.meta.url), minThreads: threads, maxThreads: threads });
  try {
    return await Promise.all(nums.map((num): Promise<bigint> => pool.run(num)));
  } finally {
    await pool.destroy();
  }
}

if (isMainThread) {
  const nums = Array.from({ length: 20 }, (_, x) => 5_000_000 + x);
  // The session discards the sums, as pool.map's list is discarded in the Python;
  // printed with String(sum), each is the exact integer Python computes.
  await findSums(nums);
}

// Output:
