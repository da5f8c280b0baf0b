/**
 * @python sha256:7f73c0c773cabf04
 * @mode run
 * @elapsed 2
 *
 * Claims the concurrent time, but awaits one delay after the other (1 + 2 = 3 s).
 */
import { setTimeout as sleep } from 'node:timers/promises';

await sleep(1000);
await sleep(2000);
console.log('done');

// Output:
// done
