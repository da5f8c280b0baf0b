/**
 * @python sha256:f8ad0e1bedbfd46d
 * @mode run
 *
 * Node's model: the Python threads only sleep, and Node's idiomatic equivalent of a thread pool
 * used to wait is async tasks on the one event loop, not threads. `max_workers=2` becomes two
 * lanes: two async loops pulling the six tasks from one shared iterator. `threading.local()`
 * becomes AsyncLocalStorage: each lane runs in its own store, which every task the lane runs sees,
 * so a lane's id is created once (crypto.randomUUID for uuid.uuid4) and "It will print only two
 * unique thread IDs" stays true. The last line, counting the distinct ids, is added to make that
 * claim checkable; the Python prints only the task blocks. The random order of the tasks differs
 * from run to run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** random.randint(a, b): an integer from a to b, both included. */
const randint = (a: number, b: number): number => a + Math.floor(Math.random() * (b - a + 1));

const laneLocal = new AsyncLocalStorage<{ id?: string }>(); // threading.local()
const idsSeen = new Set<string>();

async function returnAfter(id: number): Promise<string> {
  const local = laneLocal.getStore();
  if (local === undefined) throw new Error('returnAfter must run inside a lane');
  local.id ??= randomUUID(); // if not hasattr(thread_local, 'id'): thread_local.id = uuid.uuid4()
  idsSeen.add(local.id);

  await sleep(randint(1, 5) * 1000);
  console.log(`Task ID: ${id}\nThread ID: ${local.id}\n`);

  return `Return of ${id}`;
}

/** executor.map with max_workers lanes: results in input order. */
async function mapInLanes<T, R>(fn: (item: T) => Promise<R>, items: readonly T[], maxWorkers: number): Promise<R[]> {
  const results: R[] = [];
  const queue = items.entries(); // shared: each task is taken by exactly one lane
  const lane = async (): Promise<void> => {
    for (const [i, item] of queue) results[i] = await fn(item);
  };
  await Promise.all(Array.from({ length: maxWorkers }, () => laneLocal.run({}, lane)));
  return results;
}

// It will print only two unique thread IDs
await mapInLanes(returnAfter, Array.from({ length: 6 }, (_, n) => n), 2);

console.log(`unique thread IDs: ${idsSeen.size}`);

// Output:
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// unique thread IDs: 2

// Python output:
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
// Task ID: ...
// Thread ID: ...-...-...-...-...
//
