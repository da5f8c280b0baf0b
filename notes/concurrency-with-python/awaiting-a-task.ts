/**
 * @python sha256:e1bbd7580fe205e4
 * @mode run
 *
 * Node's model: one event loop, no GIL. There is no `create_task`: calling the async function
 * schedules it and returns the Promise that plays the Task's role; `await` suspends `main` until it
 * settles, like `await task`. `asyncio.run(main())` is top-level `await main()` in an ES module.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** `time.strftime('%X')`: the local time of day as HH:MM:SS. */
const clock = (): string => new Date().toLocaleTimeString('en-GB');

async function sayAfter(delay: number, what: string): Promise<void> {
  await sleep(delay * 1000);
  console.log(what);
}

async function main(): Promise<void> {
  console.log(`started at ${clock()}`);

  const task = sayAfter(1, 'hello'); // asyncio.create_task(say_after(1, 'hello'))

  await task;

  console.log(`finished at ${clock()}`);
}

await main();

// Output:
// started at ...
// hello
// finished at ...
