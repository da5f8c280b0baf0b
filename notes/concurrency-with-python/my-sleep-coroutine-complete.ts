/**
 * @python sha256:69284c314a37d00e
 * @mode run
 * @elapsed 2
 *
 * Node's model: no `asyncio.run()` is needed; the event loop is always there and top-level `await`
 * in an ES module is the entry point. `setTimeout` from node:timers/promises starts its timer when
 * called (a Python coroutine starts only when awaited); `await` yields to the loop the same way.
 * `@elapsed 2` is the "Printed after 2 seconds" the program itself claims.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function mySleepCoroutine(time: number, string: string): Promise<void> {
  const timer = sleep(time * 1000);
  await timer;
  console.log(string);
}

const coro = mySleepCoroutine(2, 'Printed after 2 seconds');
await coro;

// Output:
// Printed after 2 seconds
