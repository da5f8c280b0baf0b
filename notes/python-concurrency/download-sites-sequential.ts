/**
 * @python sha256:1f6733cb94eb7a34
 * @mode run
 *
 * Node's model: the global `fetch` keeps connections alive and pools them per origin by default,
 * which is what `requests.Session` adds in Python, so there is no session object to create or
 * close. Awaiting each download before starting the next keeps this version sequential, like the
 * synchronous original: a single event loop, one request in flight at a time.
 */

async function downloadSite(url: string): Promise<void> {
  const response = await fetch(url); // keep-alive connection reused across calls
  const content = await response.bytes();
  console.log(`Read ${content.length} from ${url}`);
}

async function downloadAllSites(sites: readonly string[]): Promise<void> {
  for (const url of sites) {
    await downloadSite(url);
  }
}

const sites = Array.from({ length: 80 }, () => [
  'https://www.jython.org',
  'https://www.wikipedia.org/',
  'http://olympus.realpython.org/dice',
]).flat();
const startTime = performance.now();
await downloadAllSites(sites);
const duration = (performance.now() - startTime) / 1000;
console.log(`Downloaded ${sites.length} sites in ${duration} seconds`);

// Output:
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Read 10966 from https://www.jython.org
// Read 74052 from https://www.wikipedia.org/
// Read 273 from http://olympus.realpython.org/dice
// Downloaded 240 sites in ... seconds
