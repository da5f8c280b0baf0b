/**
 * @python sha256:947ddc15a3d8917d
 * @mode run
 *
 * The session's statements as a script; fetch reaches the fixture web.
 */
const square = (x: number): number => x * x;
for (let n = 0; n < 3; n++) console.log(square(n));

const r = await fetch('https://www.example.com/');
console.log(r.status, (await r.arrayBuffer()).byteLength);

// Output:
// 0
// 1
// 4
// 200 1256
