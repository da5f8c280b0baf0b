/**
 * @python sha256:b035bcb4e2149238
 * @mode run
 *
 * Fresh: matches the second block.
 */
console.log('an unrelated block');

// Output:
// an unrelated block
