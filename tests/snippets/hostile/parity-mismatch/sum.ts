/**
 * @python sha256:134a87c07d230296
 * @mode run
 *
 * Declares a Python output that the original does not print.
 */
let total = 0;
for (let i = 0; i < 10; i++) total += i * i;
console.log(total);

// Output:
// 285

// Python output:
// 286
