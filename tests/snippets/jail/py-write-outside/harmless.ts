/**
 * @python sha256:b300189756493b76
 * @mode run
 *
 * A harmless translation: the Python original beside it is the hostile one.
 */
console.log('written');

// Output:
// written
