/**
 * @python sha256:78eb3e5a9506a0fc
 * @mode fragment
 *
 * Fragment: the Python uses `my_sleep_coroutine` from the previous block without defining it, and
 * shows two alternative ways to start the event loop. The translation declares the function.
 * Node's model: there is no event loop object to create, run or close. The loop is always running;
 * an ES module's top-level `await` is the `asyncio.run()` entry point, and the process exits when
 * nothing (no timer, socket, worker) is left to wait for: what `run_until_complete` + `close` do.
 */
declare function mySleepCoroutine(time: number, string: string): Promise<void>;

// Python 3.7+: asyncio.run(coro) -> top-level await in an ES module.
const coro = mySleepCoroutine(2, 'Printed after 2 seconds');
await coro;

// Python < 3.7: ensure_future + loop.run_until_complete + loop.close -> the pre-top-level-await
// (CommonJS) style: start the promise, handle its failure; the loop drains by itself.
const task = mySleepCoroutine(2, 'Printed after 2 seconds');
task.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
