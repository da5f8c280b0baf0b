/**
 * @python sha256:4acdfec5ab01ba90
 * @mode run
 * @elapsed 2
 *
 * Node's model: there is no `create_task`; calling an async function already schedules it on the
 * event loop, and the returned Promise is the Task handle. Both timers run concurrently, so the
 * whole program takes max(1, 2) = 2 s. Adds the note's `say_after` helper and the top-level run.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** `time.strftime('%X')`: the local time of day as HH:MM:SS. */
const clock = (): string => new Date().toLocaleTimeString('en-GB');

async function sayAfter(delaySeconds: number, what: string): Promise<void> {
  await sleep(delaySeconds * 1000);
  console.log(what);
}

async function main(): Promise<void> {
  const task1 = sayAfter(1, 'hello'); // already running, like asyncio.create_task(...)
  const task2 = sayAfter(2, 'world');
  console.log(`started at ${clock()}`);

  // Wait until both tasks are completed (should take around 2 seconds).
  await Promise.all([task1, task2]);

  console.log(`finished at ${clock()}`);
}

await main();

// Output:
// started at ...
// hello
// world
// finished at ...
