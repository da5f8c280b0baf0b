/**
 * @python sha256:05e45c85d9057909
 * @mode run
 *
 * The Python original needs a module that is not installed: parity is skipped, with the reason.
 */
console.log('imported');

// Output:
// imported
