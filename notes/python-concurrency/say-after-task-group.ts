/**
 * @python sha256:5d3b19c5593b6e55
 * @mode run
 * @elapsed 2
 *
 * Node's model: there is no built-in TaskGroup. The structured-concurrency equivalent is an
 * AbortController shared by the group plus `Promise.allSettled`: the first task to fail aborts its
 * siblings (Python cancels them), the group waits for every task to settle, then rethrows the
 * failures as an AggregateError (Python raises an ExceptionGroup). Cancellation is cooperative:
 * a task stops early only if it passes the signal on (here to the timer). Adds the note's
 * `say_after` helper and the top-level run. Both timers run concurrently: about 2 s in all.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** `time.strftime('%X')`: the local time of day as HH:MM:SS. */
const clock = (): string => new Date().toLocaleTimeString('en-GB');

async function sayAfter(delaySeconds: number, what: string, signal?: AbortSignal): Promise<void> {
  await sleep(delaySeconds * 1000, undefined, { signal });
  console.log(what);
}

/** Starts a task in the group; the task receives the group's AbortSignal. */
type CreateTask = <T>(start: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** `async with asyncio.TaskGroup() as tg:`: `body` starts the tasks with `createTask`. */
async function taskGroup(body: (createTask: CreateTask) => void | Promise<void>): Promise<void> {
  const controller = new AbortController();
  const tasks: Promise<unknown>[] = [];
  const createTask: CreateTask = (start) => {
    const task = start(controller.signal);
    task.catch((error: unknown) => controller.abort(error)); // one failure cancels the siblings
    tasks.push(task);
    return task;
  };
  try {
    await body(createTask);
  } catch (error) {
    controller.abort(error);
    tasks.push(Promise.reject(error));
  }
  // Leaving the block waits for every task, failed or not, then reports the real failures.
  const results = await Promise.allSettled(tasks);
  const errors = results
    .filter((result) => result.status === 'rejected')
    .map((result) => result.reason as unknown)
    .filter((reason) => !(reason instanceof Error && reason.name === 'AbortError'));
  if (errors.length > 0) throw new AggregateError(errors, 'unhandled errors in a TaskGroup');
}

async function main(): Promise<void> {
  await taskGroup((createTask) => {
    createTask((signal) => sayAfter(1, 'hello', signal)); // task1
    createTask((signal) => sayAfter(2, 'world', signal)); // task2

    console.log(`started at ${clock()}`);
  });

  // The await is implicit when the group's block ends.
  console.log(`finished at ${clock()}`);
}

await main();

// Output:
// started at ...
// hello
// world
// finished at ...
