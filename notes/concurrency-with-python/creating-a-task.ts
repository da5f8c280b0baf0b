/**
 * @python sha256:6365a3d6e6ab4d89
 * @mode fragment
 *
 * Fragment: `coro` comes from the surrounding text; it is declared here.
 * Node's model: there is no `create_task` / `ensure_future`. Calling an async function already
 * schedules it on the event loop (it runs synchronously up to its first `await`), and the Promise
 * it returns is the task handle: awaiting it waits for the result or rethrows its error.
 */
declare const coro: Promise<void>;

// Python 3.7+: task = asyncio.create_task(coro)
// Python < 3.7: task = asyncio.ensure_future(coro)
const task: Promise<void> = coro; // the promise is the task; nothing else to wrap
