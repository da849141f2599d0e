import type { Pool } from "./sql";

/**
 * Group commit for the executor's hot statements (a step's checkpoint, a sleep's end): work of
 * different runs that arrives while statements are in flight waits for one of them to end, then
 * goes together in the next: one statement and one commit (one WAL flush) for N items instead of N,
 * with no added latency when there is no queue. Each item still gets its own answer (a lost lease
 * refuses only that item), and only once its statement has committed.
 *
 * `write` is one statement for a batch and answers in the batch's order. A batch holds at most one
 * item per run: a run's items are sequential anyway, and one statement must not update a run twice.
 */
type Pending<T, R> = { input: T; done: (answer: R) => void; fail: (err: unknown) => void };

export class GroupCommit<T extends { runId: string }, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (batch: T[]) => Promise<R[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 64,
  ) {}

  submit(input: T): Promise<R> {
    return new Promise((done, fail) => {
      this.queue.push({ input, done, fail });
      if (this.inFlight < this.maxInFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length > 0) {
        const batch: Pending<T, R>[] = [];
        const rest: Pending<T, R>[] = [];
        const runs = new Set<string>();
        for (const p of this.queue) {
          if (batch.length < this.maxBatch && !runs.has(p.input.runId)) {
            runs.add(p.input.runId);
            batch.push(p);
          } else rest.push(p);
        }
        this.queue = rest;
        try {
          const answers = await this.write(batch.map((p) => p.input));
          batch.forEach((p, i) => p.done(answers[i]!));
        } catch (err) {
          for (const p of batch) p.fail(err);
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}

/** One group per pool: the statements of a group go to the pool it was made for. */
export function groupPerPool<T extends { runId: string }, R>(write: (pool: Pool, batch: T[]) => Promise<R[]>): (pool: Pool) => GroupCommit<T, R> {
  const groups = new WeakMap<Pool, GroupCommit<T, R>>();
  return (pool) => {
    let g = groups.get(pool);
    if (!g) groups.set(pool, (g = new GroupCommit((batch) => write(pool, batch))));
    return g;
  };
}
