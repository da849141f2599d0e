import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/runtime/group-commit";

type Item = { runId: string; n: number };

/** A write whose statements end when the test says so; it records each batch it was given. */
function controlledWrite() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (batch: Item[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(batch.map((i) => i.n));
      pending.push(() => resolve(batch.map((i) => `answer ${i.n}`)));
    });
  return { write, batches, endNext: () => pending.shift()!() };
}

describe("GroupCommit", () => {
  it("sends alone when nothing is in flight, and groups what arrives while statements are in flight", async () => {
    const w = controlledWrite();
    const group = new GroupCommit<Item, string>(w.write);
    const answers = [1, 2, 3, 4, 5].map((n) => group.submit({ runId: `r${n}`, n }));
    // Two statements at most in flight: the first two items went alone, the others wait.
    expect(w.batches).toEqual([[1], [2]]);
    w.endNext();
    await answers[0];
    // The first statement ended: the three that waited go together.
    expect(w.batches).toEqual([[1], [2], [3, 4, 5]]);
    w.endNext();
    w.endNext();
    expect(await Promise.all(answers)).toEqual(["answer 1", "answer 2", "answer 3", "answer 4", "answer 5"]);
  });

  it("never puts two items of one run in the same statement", async () => {
    const w = controlledWrite();
    const group = new GroupCommit<Item, string>(w.write, 1);
    const answers = [group.submit({ runId: "a", n: 1 }), group.submit({ runId: "a", n: 2 }), group.submit({ runId: "b", n: 3 }), group.submit({ runId: "a", n: 4 })];
    expect(w.batches).toEqual([[1]]);
    w.endNext();
    await answers[0];
    expect(w.batches).toEqual([[1], [2, 3]]);
    w.endNext();
    await answers[1];
    expect(w.batches).toEqual([[1], [2, 3], [4]]);
    w.endNext();
    expect(await Promise.all(answers)).toEqual(["answer 1", "answer 2", "answer 3", "answer 4"]);
  });

  it("a failed statement fails only its own items; the next batch still goes", async () => {
    let calls = 0;
    const group = new GroupCommit<Item, number>(async (batch) => {
      if (calls++ === 0) throw new Error("connection lost");
      return batch.map((i) => i.n * 10);
    }, 1);
    const first = group.submit({ runId: "a", n: 1 });
    const second = group.submit({ runId: "b", n: 2 });
    await expect(first).rejects.toThrow("connection lost");
    expect(await second).toBe(20);
  });
});
