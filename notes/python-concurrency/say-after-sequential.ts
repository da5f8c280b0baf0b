/**
 * @python sha256:0213104b4f4e5af0
 * @mode run
 * @elapsed 3
 *
 * Node's model: calling an async function starts it immediately (a Python coroutine does nothing
 * until awaited), but awaiting each call in turn still runs them one after another: 1 s + 2 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** `time.strftime('%X')`: the local time of day as HH:MM:SS. */
const clock = (): string => new Date().toLocaleTimeString('en-GB');

async function sayAfter(delaySeconds: number, what: string): Promise<void> {
  await sleep(delaySeconds * 1000);
  console.log(what);
}

async function main(): Promise<void> {
  console.log(`started at ${clock()}`);

  await sayAfter(1, 'hello');
  await sayAfter(2, 'world');

  console.log(`finished at ${clock()}`);
}

await main();

// Output:
// started at ...
// hello
// world
// finished at ...
