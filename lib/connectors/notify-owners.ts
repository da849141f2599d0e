import { EventEmitter } from "node:events";
import { db } from "@/lib/db/client";
import { childLogger } from "@/lib/log";

/**
 * Tell an organisation's owners that something needs them (e.g. an account must be reconnected).
 * Until the Notification model (ops.prisma) lands, this resolves the OWNER memberships, logs, and
 * emits "notification" for in-process listeners; swap the body for a Notification insert then.
 */
export type OwnerNotification = { organizationId: string; kind: "account.reconnect_required"; title: string; body: string; link: string; recipients: string[] };

export const ownerNotifications = new EventEmitter();

export async function notifyOrgOwners(input: Omit<OwnerNotification, "recipients">): Promise<OwnerNotification> {
  const owners = await db().membership.findMany({ where: { organizationId: input.organizationId, role: "OWNER" }, select: { userId: true } });
  const n: OwnerNotification = { ...input, recipients: owners.map((o) => o.userId) };
  childLogger({ organizationId: input.organizationId }).warn({ kind: n.kind, recipients: n.recipients.length }, n.title);
  ownerNotifications.emit("notification", n);
  return n;
}
