/**
 * @python sha256:c99b0553cfc7234f
 * @mode run
 *
 * Node's model: this CPU-bound loop runs on the main thread and blocks the event loop for its whole
 * duration, as it occupies the one Python thread. V8 compiles the loop to machine code, so it takes
 * milliseconds where CPython took the author's recorded 1.13 seconds; that measurement is not a
 * timing claim this program reproduces.
 */

function performCalculation(num: number): number {
  let result = 0;
  for (let i = 0; i < num; i++) {
    result += 1;
  }
  return result;
}

// Number of CPU-bound tasks to execute
const numTasks = 4;

const startTime = performance.now();

// Perform the calculation sequentially
const results = Array.from({ length: numTasks }, () => performCalculation(10 ** 7));

const elapsedTime = (performance.now() - startTime) / 1000;
console.log(`Total elapsed time: ${elapsedTime} seconds`);

// Output:
// Total elapsed time: ... seconds
