/**
 * @python sha256:99df5b9373f20f34
 * @mode run
 *
 * Node's model: the Python threads only sleep, and Node's idiomatic equivalent of a thread pool
 * used to wait is async functions on the one event loop, not threads. `wait(FIRST_COMPLETED)` is a
 * race over the pending promises that returns the settled ones and the rest. A promise's state
 * cannot be read synchronously, so each one records itself when it settles. Node runs the
 * callbacks of each timer before firing the next, so `done` always holds exactly one promise here,
 * while Python's may hold several (equal random delays) and its repr may already show a thread
 * that finished meanwhile. Node prints its sets and promises with util.inspect, the counterpart of
 * Python's repr. Leaving the `with` block waits for the other tasks (up to 5 s).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

/** random.randint(a, b): an integer from a to b, both included. */
const randint = (a: number, b: number): number => a + Math.floor(Math.random() * (b - a + 1));

async function returnAfter(taskId: number): Promise<string> {
  await sleep(randint(1, 5) * 1000);
  return `Return of ID: ${taskId}`;
}

/** concurrent.futures.wait(futures, return_when=FIRST_COMPLETED) */
async function waitFirstCompleted<T>(
  futures: readonly Promise<T>[],
): Promise<{ done: Set<Promise<T>>; notDone: Set<Promise<T>> }> {
  const settled = new Set<Promise<T>>();
  const mark = (future: Promise<T>) => () => void settled.add(future);
  await Promise.race(futures.map((future) => future.then(mark(future), mark(future))));
  const done = new Set(settled); // a snapshot: `settled` keeps growing
  return { done, notDone: new Set(futures.filter((future) => !done.has(future))) };
}

const repr = (value: unknown): string => inspect(value, { breakLength: Infinity });

const futures = Array.from({ length: 4 }, (_, x) => returnAfter(x));
const { done, notDone } = await waitFirstCompleted(futures);

console.log(`Done:\n\t${repr(done)}`);
console.log(`Not done:\n\t${repr(notDone)}`);

const [futureDone] = done; // done.pop(): any element
console.log(await futureDone);

await Promise.allSettled(futures); // the end of the `with` block

// Output:
// Done:
// ...Set(1) { Promise { 'Return of ID: ...' } }
// Not done:
// ...Set(3) { Promise { <pending> }, Promise { <pending> }, Promise { <pending> } }
// Return of ID: ...

// Python output:
// Done:
// ...{<Future at ... state=finished returned str>...}
// Not done:
// ...
// Return of ID: ...
