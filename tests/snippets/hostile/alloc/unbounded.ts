/**
 * @python sha256:6e61f848cf0a533b
 * @mode run
 *
 * Hostile: allocates without bound until the memory cap stops it.
 */
const hoard: number[][] = [];
for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));

// Output:
// allocated
