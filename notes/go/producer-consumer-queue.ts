/**
 * @python sha256:a49e238cc1a3992f
 * @mode run
 *
 * Node's model: no built-in queue or channel between async functions, so a small bounded queue
 * (like `asyncio.Queue(maxsize=1)` or a Go channel with a buffer of 1) is written here with promises.
 * Like asyncio, and unlike goroutines, both functions share one thread and switch at `await`.
 */
class Queue<T> {
  private items: T[] = [];
  private takers: Array<(item: T) => void> = [];
  private putters: Array<() => void> = [];
  private readonly maxsize: number;
  constructor(maxsize: number) {
    this.maxsize = maxsize;
  }

  async put(item: T): Promise<void> {
    while (this.items.length >= this.maxsize) await new Promise<void>((resolve) => this.putters.push(resolve));
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  async get(): Promise<T> {
    const item = this.items.length > 0 ? this.items.shift()! : await new Promise<T>((resolve) => this.takers.push(resolve));
    this.putters.shift()?.();
    return item;
  }
}

async function producer(queue: Queue<number | null>): Promise<void> {
  for (let item = 0; item < 3; item++) await queue.put(item);
  await queue.put(null); // like close(ch)
}

async function consumer(queue: Queue<number | null>): Promise<void> {
  for (let item = await queue.get(); item !== null; item = await queue.get()) console.log('got', item);
}

const queue = new Queue<number | null>(1);
await Promise.all([producer(queue), consumer(queue)]);

// Output:
// got 0
// got 1
// got 2
