/**
 * @python sha256:0017f4e83bff42a5
 * @mode run
 * @allow worker
 *
 * Node's model: there is no GIL, but CPU work on the main thread blocks the event loop, so the
 * ProcessPoolExecutor becomes a pool of worker threads (tinypool, sized to the cores by default)
 * that test the numbers truly in parallel. Workers have their own heaps, like processes: the number
 * and the boolean are copied by structured clone (Node's pickle); memory is shared only through
 * SharedArrayBuffer. This file is both the main program and the workers' module: the `isMainThread`
 * branch plays `if __name__ == '__main__'`. Every number is below 2^53 (the largest is about 1.1e15)
 * and the loop runs to its square root, so plain Numbers are exact here; no BigInt is needed.
 */
import { isMainThread } from 'node:worker_threads';
import Tinypool from 'tinypool';

const PRIMES = [
  112272535095293,
  112582705942171,
  112272535095293,
  115280095190773,
  115797848077099,
  1099726899285419,
];

export default function isPrime(n: number): boolean {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${n} is past 2^53: use BigInt`);
  }
  if (n < 2) return false;
  if (n === 2) return true;
  if (n % 2 === 0) return false;

  const sqrtN = Math.floor(Math.sqrt(n));
  for (let i = 3; i <= sqrtN; i += 2) {
    if (n % i === 0) return false;
  }
  return true;
}

/** Python's `%s` of a bool. */
const pyBool = (value: boolean): string => (value ? 'True' : 'False');

async function main(): Promise<void> {
  const executor = new Tinypool({ filename: new URL(import.meta.url) });
  try {
    // executor.map(is_prime, PRIMES): results in input order, whichever worker finishes first.
    const results: boolean[] = await Promise.all(PRIMES.map((n): Promise<boolean> => executor.run(n)));
    PRIMES.forEach((number, i) => {
      console.log(`${number} is prime: ${pyBool(results[i]!)}`);
    });
  } finally {
    await executor.destroy();
  }
}

if (isMainThread) {
  await main();
}

// Output:
// 112272535095293 is prime: True
// 112582705942171 is prime: True
// 112272535095293 is prime: True
// 115280095190773 is prime: True
// 115797848077099 is prime: True
// 1099726899285419 is prime: False
