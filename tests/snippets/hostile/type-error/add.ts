/**
 * @python sha256:ecd9b3fb8a87dd9a
 * @mode run
 *
 * Hostile: runs fine once types are stripped, but is not strict TypeScript.
 */
const two: number = '2';
console.log(Number(two));

// Output:
// 2
