/**
 * @python sha256:0674d855ee7127fb
 * @mode run
 *
 * Node's model: there is no blocking HTTP client to mirror requests.get, so "sequential" means
 * awaiting each `fetch` before starting the next; the event loop idles meanwhile. Global `fetch`
 * keeps connections alive by default (a bare requests.get opens a fresh connection every call).
 * The author's recorded "Total elapsed time: 1.06... seconds" is a real-internet measurement, not a
 * timing claim this program reproduces.
 */

async function fetchUrl(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer(); // requests.get downloads the body before returning
  console.log(`Fetched ${url}: ${response.status}`);
}

const urls = ['https://www.example.com', 'https://www.openai.com', 'https://www.python.org'];

const startTime = performance.now();

// Fetch each URL sequentially
for (const url of urls) {
  await fetchUrl(url);
}

const elapsedTime = (performance.now() - startTime) / 1000;
console.log(`Total elapsed time: ${elapsedTime} seconds`);

// Output:
// Fetched https://www.example.com: 200
// Fetched https://www.openai.com: 200
// Fetched https://www.python.org: 200
// Total elapsed time: ... seconds
