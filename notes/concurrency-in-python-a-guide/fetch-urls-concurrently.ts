/**
 * @python sha256:3c8037e54f17910b
 * @mode run
 *
 * Node's model: no threads are needed to overlap I/O. Calling an async function starts it right
 * away (thread.start()) and the single event loop interleaves the three requests while each waits
 * on the network; awaiting Promise.all is the join loop. Global `fetch` keeps connections alive by
 * default. The lines print in whichever order the responses arrive. The author's recorded
 * "Total elapsed time: 0.75... seconds" is a real-internet measurement, not a claim reproduced here.
 */

async function fetchUrl(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer(); // requests.get downloads the body before returning
  console.log(`Fetched ${url}: ${response.status}`);
}

const urls = ['https://www.example.com', 'https://www.openai.com', 'https://www.python.org'];

const startTime = performance.now();

// Start one fetch per URL; they all run concurrently on the event loop
const fetches = urls.map((url) => fetchUrl(url));

// Wait for all of them to finish
await Promise.all(fetches);

const elapsedTime = (performance.now() - startTime) / 1000;
console.log(`Total elapsed time: ${elapsedTime} seconds`);

// Unordered output:
// Fetched https://www.example.com: 200
// Fetched https://www.openai.com: 200
// Fetched https://www.python.org: 200
// Total elapsed time: ... seconds
