/**
 * @python sha256:7de9b6d942486ca5
 * @mode run
 *
 * Hostile: never yields, so only the wall-clock timeout can stop it.
 */
while (Date.now() > 0) {
  // spin
}
console.log('done');

// Output:
// done
