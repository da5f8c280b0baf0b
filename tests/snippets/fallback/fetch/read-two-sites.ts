/**
 * @python sha256:7b978162dc7352f6
 * @mode run
 *
 * The fixture web must answer the author's URLs with or without a network namespace.
 */
for (const url of ['https://www.example.com/', 'http://olympus.realpython.org/dice']) {
  const response = await fetch(url);
  console.log(`Read ${(await response.arrayBuffer()).byteLength} from ${url}`);
}

// Output:
// Read 1256 from https://www.example.com/
// Read 273 from http://olympus.realpython.org/dice
