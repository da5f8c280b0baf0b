/**
 * @python sha256:c3f4e0ca418cb75a
 * @mode run
 *
 * Run, not fragment: the Python block is a complete module that only defines a coroutine function
 * and prints nothing; this module only defines (and exports) the async function, so running it
 * prints nothing as well and exits at once. Nothing is added that changes its meaning.
 * Node's model: `asyncio.sleep(time)` creates a lazy coroutine object that starts only when awaited;
 * `setTimeout` from node:timers/promises returns a Promise whose timer is already running. Awaiting
 * it yields to the event loop exactly like `await coro`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export async function mySleepCoroutine(time: number, string: string): Promise<void> {
  const timer = sleep(time * 1000); // the timer starts here, not at the `await`
  await timer;
  console.log(string);
}

// Output:
