import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { isCircuitOpen } from "./circuit";
import { isConnectorError } from "./errors";

export type ClaimedSendResult =
  | { state: "sent"; providerMessageId: string; already: boolean }
  /** A previous attempt claimed it and died before recording the outcome, on a platform that takes no idempotency key: never called again. */
  | { state: "unknown" };

/**
 * Whether a failed call proves the platform did not act: it answered with a refusal (4xx: validation,
 * permission, not found, outside the window, a rate limit, an expired or revoked token) or the call was
 * never made (open circuit). A 5xx, a timeout, a reset connection or any other error may have come
 * after the platform acted: the claim then stays PENDING for the next attempt to decide.
 */
export function provenNotSent(err: unknown): boolean {
  if (!isConnectorError(err)) return false;
  if (isCircuitOpen(err)) return true;
  return err.kind !== "transient";
}

/**
 * Issue 18: one platform call that must not happen twice (a WhatsApp message, a DM, a comment reply).
 * The send is claimed in connector_sends under `key` (unique) and that row is committed BEFORE the
 * call, so an attempt re-run after a crash (SIGKILL between the platform's answer and the step's
 * checkpoint) finds it:
 * - SENT: the recorded id is returned, nothing is called;
 * - PENDING (the claimer died, or is still in its call on a process that lost its lease): on a platform
 *   that honours an idempotency key (`idempotent`: the sandbox) the call is made again with the same key,
 *   which returns the first message; on any other (the WhatsApp Cloud API takes none) it is never made
 *   again: the claim becomes UNKNOWN and `{ state: "unknown" }` tells the caller to flag it for a person.
 *   If the first call does finish, its answer still turns the claim SENT;
 * - UNKNOWN: stays unknown (a person decides);
 * - FAILED (the platform refused it: provenNotSent): claimed again and called.
 * `send` receives the key to pass to the platform as its idempotency key / client reference.
 */
export async function claimedSend(opts: {
  organizationId: string;
  key: string;
  platform: string;
  idempotent: boolean;
  send: (idempotencyKey: string) => Promise<{ id: string }>;
}): Promise<ClaimedSendResult> {
  const { key } = opts;
  const where = { key, organizationId: opts.organizationId };
  const claimed = await db().connectorSend.createMany({ data: [{ organizationId: opts.organizationId, key, platform: opts.platform }], skipDuplicates: true });
  if (claimed.count === 0) {
    for (;;) {
      const row = await db().connectorSend.findFirst({ where, select: { status: true, providerMessageId: true } });
      // The key belongs to another organisation: callers build keys from their own rows, so this is a bug.
      if (!row) throw new Error(`connector send ${key} is claimed by another organisation`);
      if (row.status === "SENT") return { state: "sent", providerMessageId: row.providerMessageId ?? "", already: true };
      if (row.status === "UNKNOWN") return { state: "unknown" };
      if (row.status === "FAILED") {
        const again = await db().connectorSend.updateMany({ where: { ...where, status: "FAILED" }, data: { status: "PENDING", attempts: { increment: 1 }, claimedAt: new Date(), finishedAt: null } });
        if (again.count === 0) continue; // another attempt took it meanwhile: read what it did
        break;
      }
      // PENDING: an earlier attempt's outcome was never recorded.
      if (!opts.idempotent) {
        const marked = await db().connectorSend.updateMany({
          where: { ...where, status: "PENDING" },
          data: { status: "UNKNOWN", finishedAt: new Date(), error: "an earlier attempt ended between the platform call and its outcome; not sent again" },
        });
        if (marked.count === 0) continue;
        logger().warn({ key, platform: opts.platform }, "connector send left pending by an interrupted attempt: delivery unknown, not sent again");
        return { state: "unknown" };
      }
      await db().connectorSend.updateMany({ where: { ...where, status: "PENDING" }, data: { attempts: { increment: 1 } } });
      break;
    }
  }

  let res: { id: string };
  try {
    res = await opts.send(key);
  } catch (err) {
    // Refused by the platform: nothing went out, a retry may claim it again. Anything else stays PENDING.
    if (provenNotSent(err))
      await db().connectorSend.updateMany({ where: { ...where, status: { in: ["PENDING", "UNKNOWN"] } }, data: { status: "FAILED", finishedAt: new Date(), error: (err as Error).message.slice(0, 1000) } });
    throw err;
  }
  // Also over UNKNOWN: a slow first call that finishes after a re-run gave up on it is still the truth.
  await db().connectorSend.updateMany({ where: { ...where, status: { in: ["PENDING", "UNKNOWN"] } }, data: { status: "SENT", providerMessageId: res.id, finishedAt: new Date(), error: null } });
  return { state: "sent", providerMessageId: res.id, already: false };
}
