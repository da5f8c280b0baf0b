/**
 * @python sha256:bf3d870af91f6f67
 * @mode run
 *
 * Node's model: for I/O waiting, Node's idiomatic equivalent of `ThreadPoolExecutor(max_workers=5)`
 * is not threads but five concurrent async tasks on the one event loop, each pulling the next URL
 * from a shared queue, so at most 5 requests are in flight; worker threads would only add overhead
 * (no GIL to dodge, and the waiting happens in the OS, not in JavaScript). The global `fetch` keeps
 * connections alive (the `requests.Session` analogue) and its pool is safe to share, so the per-thread
 * session that `threading.local()` works around is not needed for safety; per-worker state still has
 * a home in AsyncLocalStorage, which `getSession()` reads like `thread_local.session`. Completion order
 * varies from run to run, as with threads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-worker HTTP handle: what `requests.Session()` is for each thread in the original. */
interface Session {
  readonly worker: number;
  get(url: string): Promise<Response>;
}

const threadLocal = new AsyncLocalStorage<Session>();

function createSession(worker: number): Session {
  // fetch's shared keep-alive pool reuses connections; nothing per worker needs closing.
  return { worker, get: (url) => fetch(url) };
}

function getSession(): Session {
  const session = threadLocal.getStore();
  if (session === undefined) throw new Error('getSession() called outside a download worker');
  return session;
}

async function downloadSite(url: string): Promise<void> {
  const session = getSession();
  const response = await session.get(url);
  const content = await response.bytes();
  console.log(`Read ${content.length} from ${url}`);
}

async function downloadAllSites(sites: readonly string[], maxWorkers = 5): Promise<void> {
  const queue = sites.values(); // one shared iterator: each worker takes the next URL
  const workers = Array.from({ length: maxWorkers }, (_, worker) =>
    threadLocal.run(createSession(worker), async () => {
      for (const url of queue) await downloadSite(url);
    }),
  );
  await Promise.all(workers); // like leaving the executor's `with` block
}

const sites = Array.from({ length: 80 }, () => [
  'https://www.jython.org',
  'http://olympus.realpython.org/dice',
]).flat();
const startTime = performance.now();
await downloadAllSites(sites);
const duration = (performance.now() - startTime) / 1000;
console.log(`Downloaded ${sites.length} in ${duration} seconds`);

// Unordered output:
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 273 from http://olympus.realpython.org/dice
// Downloaded 160 in ... seconds
