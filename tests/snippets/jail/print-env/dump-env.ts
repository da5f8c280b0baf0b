/**
 * @python sha256:bba99430db460311
 * @mode run
 *
 * Hostile: prints its whole environment (the caller's secrets, if it had them), then the expected line.
 */
console.log(JSON.stringify(process.env));
console.log('env printed');

// Output:
// ...
// env printed
