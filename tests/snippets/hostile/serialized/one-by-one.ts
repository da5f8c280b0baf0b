/**
 * @python sha256:6edc7efa1d640aaa
 * @mode run
 *
 * Hostile: prints the right output but fetches one URL after the other.
 */
const urls = ['http://www.example.com/', 'http://www.python.org/', 'http://olympus.realpython.org/dice'];
for (const url of urls) {
  const response = await fetch(url);
  console.log(url, (await response.arrayBuffer()).byteLength);
}

// Output:
// http://www.example.com/ 1256
// http://www.python.org/ 50123
// http://olympus.realpython.org/dice 273
