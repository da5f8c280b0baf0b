/**
 * @python sha256:13220447f40505b2
 * @mode run
 * @elapsed 2
 *
 * Node's model: calling an async function schedules it at once (there is no `create_task`), so
 * both timers run concurrently on the one event loop and the two awaits overlap: max(1, 2) = 2 s.
 * The awaits stay one after the other to show the note's point; in real code `await
 * Promise.all([task1, task2])` is the idiom, because a rejection of task2 while task1 is still
 * awaited would otherwise be reported as unhandled.
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

  const task1 = sayAfter(1, 'hello');
  const task2 = sayAfter(2, 'world');

  // These should take around 2 seconds (1 second less than previous snippet)
  await task1;
  await task2;

  console.log(`finished at ${clock()}`);
}

await main();

// Output:
// started at ...
// hello
// world
// finished at ...
