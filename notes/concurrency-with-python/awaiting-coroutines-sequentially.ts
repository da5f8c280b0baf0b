/**
 * @python sha256:9fb7dd60ea44154c
 * @mode run
 * @elapsed 3
 *
 * Node's model: one event loop, no GIL. Each `sayAfter(...)` call starts its timer only when the
 * previous `await` has finished, so the waits add up: 1 s + 2 s = 3 s, as in the note.
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

  // These should take around 3 seconds
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
