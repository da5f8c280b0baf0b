/**
 * @python sha256:378cf80c004f6971
 * @mode run
 *
 * Node's model: the event loop is built in and always running. `loop.call_soon(f)` is
 * `setImmediate(f)` (runs after the current code, before timers that are not yet due),
 * `loop.call_later(s, f)` is `setTimeout(f, s * 1000)`, and the future is a Promise whose
 * `resolve` the timer calls (`Promise.withResolvers`, Node 22+).
 */
async function main(): Promise<void> {
  const fired = Promise.withResolvers<string>();
  setTimeout(() => fired.resolve('timer fired after 0.2 s'), 200);
  setImmediate(() => console.log('call_soon callback'));
  console.log('main runs first');
  console.log(await fired.promise); // main pauses here; the loop runs the callbacks
}

await main();

// Output:
// main runs first
// call_soon callback
// timer fired after 0.2 s
