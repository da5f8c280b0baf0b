/**
 * @python sha256:2c8b51ddf474bd33
 * @mode run
 * @elapsed 1
 *
 * Node's model: the event loop is always running, so there is no `asyncio.run()`; an ES module may
 * `await` at top level, and the process exits once nothing is pending. `await` on a timer from
 * `node:timers/promises` yields to the loop exactly like `await asyncio.sleep`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function main(): Promise<void> {
  console.log('hello');
  await sleep(1000);
  console.log('world');
}

await main(); // top-level await plays the role of asyncio.run(main())

// Output:
// hello
// world
