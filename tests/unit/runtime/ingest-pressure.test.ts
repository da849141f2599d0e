import { describe, expect, it } from "vitest";
import { beginIngest, INGEST_BURST_IN_FLIGHT, ingestActiveWithin } from "@/lib/runtime/signal";

describe("ingest pressure (the executor's slots during a burst of webhooks)", () => {
  it("steady deliveries, each answered before the next, are no burst; deliveries queueing are, for the window only", async () => {
    (globalThis as { __meIngestAt?: number }).__meIngestAt = undefined;
    for (let i = 0; i < 50; i++) beginIngest()();
    expect(ingestActiveWithin(1_000)).toBe(false);

    const open = Array.from({ length: INGEST_BURST_IN_FLIGHT - 1 }, () => beginIngest());
    expect(ingestActiveWithin(1_000)).toBe(false);
    const last = beginIngest();
    expect(ingestActiveWithin(1_000)).toBe(true);

    // Ending twice counts once: the in-flight count goes back to zero, not below.
    last();
    last();
    for (const end of open) end();
    await new Promise((r) => setTimeout(r, 30));
    expect(ingestActiveWithin(20)).toBe(false);
    const below = Array.from({ length: INGEST_BURST_IN_FLIGHT - 1 }, () => beginIngest());
    expect(ingestActiveWithin(20)).toBe(false);
    for (const end of below) end();
  });
});
