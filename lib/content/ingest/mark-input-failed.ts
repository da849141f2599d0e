import "server-only";
import { db } from "@/lib/db/client";

/** A flywheel step gave up on an input: FAILED with a message the app shows. Generated pieces are untouched. */
export async function markInputFailed(opts: { organizationId: string; inputId: string; message: string }): Promise<{ updated: boolean }> {
  const res = await db().contentInput.updateMany({
    where: { id: opts.inputId, organizationId: opts.organizationId, status: { in: ["PENDING", "PROCESSING", "PROCESSED", "RESEARCHED"] } },
    data: { status: "FAILED", errorMessage: opts.message.slice(0, 1000) },
  });
  return { updated: res.count > 0 };
}
