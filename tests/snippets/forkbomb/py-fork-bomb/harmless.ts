/**
 * @python sha256:ad997a83488d5015
 * @mode run
 *
 * A harmless translation: the Python original beside it is the hostile one.
 */
console.log('forked');

// Output:
// forked
