import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { DemoClock } from "./clock";

export type Tx = Prisma.TransactionClient;

/** What every section of the demo seed needs, filled in order by seed-demo.ts. */
export type DemoContext = {
  tx: Tx;
  clock: DemoClock;
  organizationId: string;
  brandId: string;
  ownerId: string;
  editorId: string;
  currency: string;
  /** Sandbox account id per platform. */
  accounts: Record<Platform, string>;
  products: { bespoke: string; textiles: string; office: string; workshops: string };
};

/**
 * Deterministic ids: "c" + 24 hex chars of sha256(org scope + key). Same `now` and same org -> same rows;
 * the shape passes cuid checks (z.cuid()) like the ids Prisma generates.
 */
export function demoId(key: string): string {
  return "c" + createHash("sha256").update(`marketingengine-demo:${key}`).digest("hex").slice(0, 24);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
