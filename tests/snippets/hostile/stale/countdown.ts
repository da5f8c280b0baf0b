/**
 * @python sha256:0000000000000000
 * @mode run
 *
 * Translated from an older version of the block (it counted down from 2): the hash no longer matches.
 */
import { setTimeout as sleep } from 'node:timers/promises';

async function countdown(n: number): Promise<void> {
  while (n > 0) {
    console.log(`t-minus ${n}`);
    await sleep(1000);
    n -= 1;
  }
  console.log('liftoff');
}

await countdown(2);

// Output:
// t-minus 2
// t-minus 1
// liftoff
