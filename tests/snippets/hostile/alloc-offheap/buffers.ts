/**
 * @python sha256:d449fb8963d61fbc
 * @mode run
 *
 * Hostile: allocates Buffers (outside the V8 heap, so --max-old-space-size does not see them).
 */
const hoard: Buffer[] = [];
for (;;) hoard.push(Buffer.alloc(32 * 1024 * 1024, hoard.length));

// Output:
// buffered
