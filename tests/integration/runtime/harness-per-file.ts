import type { Inngest, InngestFunction } from "inngest";
import { afterAll, beforeAll } from "vitest";
import { startHarness, type Harness } from "./harness";

/** One harness for a test file (started before its tests, stopped after): the getter returns it. */
export function harnessPerFile(build: (client: Inngest) => InngestFunction.Any[], opts: Parameters<typeof startHarness>[1] = {}): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(build, opts);
  });
  afterAll(async () => {
    await h?.stop();
  });
  return () => h!;
}
