/**
 * @python sha256:d89de1c050834065
 * @mode run
 * @elapsed 2
 *
 * Node's model: the Python threads only sleep, and Node's idiomatic equivalent of a thread pool
 * used to wait is async functions on the one event loop, not threads: both 2-second timers run
 * concurrently, so the total is about 2 s, as with two pool threads. Calling the async function is
 * `executor.submit` (it starts at once); its Promise is the future and `await` is `.result()`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const start = performance.now();

async function returnAfter(message: string): Promise<string> {
  await sleep(2000);
  return message;
}

const future1 = returnAfter('hello');
const future2 = returnAfter('world');

const [result1, result2] = await Promise.all([future1, future2]);
console.log(result1, result2); // print(future1.result(), future2.result())

const end = performance.now();
console.log(`Total time in seconds: ${(end - start) / 1000}`);

// Output:
// hello world
// Total time in seconds: ...
