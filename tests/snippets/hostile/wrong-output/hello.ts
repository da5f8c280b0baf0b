/**
 * @python sha256:03e8381770bd4c78
 * @mode run
 *
 * Hostile: declares the note's output but prints something else.
 */
console.log('hello');
console.log('World!');

// Output:
// hello
// world
