/**
 * @python sha256:02eda4b3dee81f33
 * @mode run
 * @elapsed 1
 *
 * Node's model: the event loop is always running, so there is no `asyncio.run`; an async function
 * starts as soon as it is called. `Promise.all` is `asyncio.gather`: results in argument order.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function fetch(name: string, delaySeconds: number): Promise<string> {
  await sleep(delaySeconds * 1000); // stands for a network call
  return `${name} done`;
}

async function main(): Promise<void> {
  const results = await Promise.all([fetch('a', 1), fetch('b', 1), fetch('c', 1)]);
  console.log(`[${results.map((r) => `'${r}'`).join(', ')}]`);
}

await main();

// Output:
// ['a done', 'b done', 'c done']
