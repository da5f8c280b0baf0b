/**
 * @python sha256:3dc60f4f28721928
 * @mode run
 *
 * A harmless translation: the Python original beside it is the hostile one.
 */
console.log('{"name"');

// Output:
// {"name"
