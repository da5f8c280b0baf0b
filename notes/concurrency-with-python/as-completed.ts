/**
 * @python sha256:dece600c1fad0581
 * @mode run
 * @elapsed 5
 *
 * Node's model: the Python threads only sleep, and Node's idiomatic equivalent of a thread pool
 * used to wait is async functions on the one event loop, not threads. All five timers run at once,
 * so the total is the longest delay, 5 s. `as_completed` is racing the set of pending promises: each
 * round `Promise.race` yields the first one to settle, which then leaves the set.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const start = performance.now();

async function returnAfter(id: number, seconds: number): Promise<string> {
  await sleep(seconds * 1000);
  return `Return of ID: ${id}`;
}

/**
 * concurrent.futures.as_completed + future.result(): yields each promise's value as soon as it
 * settles, in completion order; a rejection is thrown at that point, as `.result()` would raise.
 */
async function* asCompleted<T>(futures: readonly Promise<T>[]): AsyncGenerator<T> {
  // Tag each promise with its index: a promise cannot resolve to another promise.
  const pending = new Map(futures.map((future, i) => [i, future.then(() => i, () => i)] as const));
  while (pending.size > 0) {
    const i = await Promise.race(pending.values());
    pending.delete(i);
    yield futures[i]!; // already settled: an async generator awaits what it yields
  }
}

const seconds = [5, 4, 3, 2, 1];
const futures = seconds.map((delay, id) => returnAfter(id, delay)); // submit(*enumerate(...))
for await (const result of asCompleted(futures)) {
  console.log(result);
}

const end = performance.now();
console.log(`Total time in seconds: ${(end - start) / 1000}`);

// Output:
// Return of ID: 4
// Return of ID: 3
// Return of ID: 2
// Return of ID: 1
// Return of ID: 0
// Total time in seconds: ...
