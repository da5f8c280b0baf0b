/**
 * @python sha256:b3d128a0c2f6da5f
 * @mode run
 * @elapsed 2
 *
 * Node's model: calling an async function starts it; Promise.all is gather.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function sayAfter(delaySeconds: number, what: string): Promise<void> {
  await sleep(delaySeconds * 1000);
  console.log(what);
}

await Promise.all([sayAfter(1, 'hello'), sayAfter(2, 'world')]);

// Output:
// hello
// world
