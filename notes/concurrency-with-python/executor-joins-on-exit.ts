/**
 * @python sha256:96060c9daccb65bb
 * @mode run
 * @elapsed 3
 *
 * Node's model: the Python thread only sleeps, and Node's idiomatic equivalent of a thread pool
 * used to wait is an async function on the one event loop, not a thread. Submitting starts it at
 * once and returns immediately, so the first elapsed time is about 0 s; the join that the `with`
 * block does on exit is an explicit `await Promise.allSettled(...)` of what was submitted (like
 * `shutdown(wait=True)`, it waits without raising the tasks' errors), so the total is about 3 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const start = performance.now();

async function waitFor(seconds: number): Promise<void> {
  await sleep(seconds * 1000);
}

const submitted: Promise<void>[] = [];
submitted.push(waitFor(3)); // executor.submit(wait_for, 3)

// Elapsed time is around 0 seconds
const timestamp = performance.now();
console.log(`Elapsed time in seconds: ${(timestamp - start) / 1000}`);

// The end of the `with` block joins the submitted work before continuing execution
await Promise.allSettled(submitted);

// Total time is around 3 seconds
const end = performance.now();
console.log(`Total time in seconds: ${(end - start) / 1000}`);

// Output:
// Elapsed time in seconds: 0.0...
// Total time in seconds: ...
