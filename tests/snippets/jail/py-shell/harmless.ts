/**
 * @python sha256:36b5462a14b6afe7
 * @mode run
 *
 * A harmless translation: the Python original beside it is the hostile one.
 */
console.log('shell done');

// Output:
// shell done
