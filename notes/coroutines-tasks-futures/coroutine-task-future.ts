/**
 * @python sha256:6efbe3b5ea822cc3
 * @mode run
 *
 * Node's model: a Promise is already running when you hold it, so JavaScript has tasks but no lazy
 * coroutine object. The coroutine becomes a function not yet called (it runs when awaited), the
 * task a Promise started at once, and the future a Promise whose `resolve` is handed to someone
 * else (`Promise.withResolvers`, Node 22+). Their type names differ from Python's, hence the
 * Python output section.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function square(x: number): Promise<number> {
  await sleep(100);
  return x * x;
}

async function main(): Promise<void> {
  const coro = () => square(2); // a coroutine: not running yet
  const task = square(3); // a task: running now
  const fut = Promise.withResolvers<string>(); // a future: someone must set it
  setTimeout(() => fut.resolve('set by a callback'), 100);
  console.log(typeof coro, task.constructor.name, fut.promise.constructor.name);
  console.log(await coro(), await task, await fut.promise);
}

await main();

// Output:
// function Promise Promise
// 4 9 set by a callback

// Python output:
// coroutine Task Future
// 4 9 set by a callback
