/**
 * @python sha256:305c0a2d93a03aed
 * @mode run
 *
 * Node's model: one thread, one event loop, no GIL. For I/O, Node's idiomatic equivalent of
 * ThreadPoolExecutor(max_workers=5) is not five threads but five concurrency-limited async lanes on
 * the event loop, each taking the next URL from a shared queue. Global `fetch` keeps connections
 * alive by default in one pool that is safe to share, the analogue of requests.Session, so a
 * session per thread is not needed for safety; threading.local() still maps to AsyncLocalStorage,
 * which gives each lane its own `loc`. The "Takes 3.7 secs" comment is the author's measurement on
 * the real internet, not a claim this program reproduces.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What each thread's requests.Session is used for here. */
interface Session {
  get(url: string): Promise<Response>;
}

const loc = new AsyncLocalStorage<{ session?: Session }>();

function getSession(): Session {
  const local = loc.getStore();
  if (local === undefined) throw new Error('getSession() called outside a download lane');
  // fetch's shared keep-alive pool reuses the connections; there is nothing per lane to close.
  local.session ??= { get: (url) => fetch(url) };
  return local.session;
}

async function downloadSite(url: string): Promise<void> {
  const session = getSession();
  const resp = await session.get(url);
  // `with session.get(url) as resp` has downloaded the whole body; reading it here also hands the
  // connection back to fetch's pool.
  await resp.arrayBuffer();
  console.log('Finished reading site');
}

async function downloadAllSites(sites: readonly string[], maxWorkers = 5): Promise<void> {
  // One iterator shared by every lane is the executor's work queue: a lane that finishes a site
  // takes the next one, so at most `maxWorkers` requests are in flight at any time.
  const queue = sites.values();
  const lanes = Array.from({ length: maxWorkers }, () =>
    loc.run({}, async () => {
      for (const url of queue) await downloadSite(url);
    }),
  );
  // Like leaving the executor's `with` block. Unlike exec.map, whose unread results swallow
  // exceptions, a failed download rejects here.
  await Promise.all(lanes);
}

const sites = Array.from({ length: 80 }, () => [
  'https://www.jython.org',
  'http://olympus.realpython.org/dice',
]).flat();

await downloadAllSites(sites);

// Output:
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site
// Finished reading site

// Python's print() writes the text and the newline separately, so with five threads printing at
// once its lines merge ("Finished reading siteFinished reading site") and blank lines appear, at
// random; the Python output below only pins where each such line starts and ends. console.log
// writes whole lines, so the Node output above is exact.
// Python output:
// Finished reading site...
// ...
// ...Finished reading site
