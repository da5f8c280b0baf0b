/**
 * @python sha256:1111111111111111
 * @mode run
 *
 * Its note (renamed-note.md) no longer exists.
 */
console.log('orphan');

// Output:
// orphan
