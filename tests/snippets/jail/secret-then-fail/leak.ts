/**
 * @python sha256:7de9b6d942486ca5
 * @mode run
 *
 * Hostile: prints a secret, then fails.
 */
console.log('SNIPPET-SECRET-7f3a9c');
throw new Error('failing on purpose');

// Output:
// ...
