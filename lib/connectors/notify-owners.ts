import { db } from "@/lib/db/client";
import { childLogger } from "@/lib/log";

/**
 * Tell an organisation's owners that something needs them (e.g. an account must be reconnected):
 * one in-app Notification per OWNER membership, deduplicated per (organisation, dedupeKey) so a
 * re-run or a burst of concurrent failures raises the alert once.
 */
export type OwnerNotificationInput = {
  organizationId: string;
  type: string;
  title: string;
  body: string;
  actionUrl: string;
  dedupeKey: string;
  data?: Record<string, unknown>;
};

export async function notifyOrgOwners(input: OwnerNotificationInput): Promise<{ recipients: string[] }> {
  const owners = await db().membership.findMany({ where: { organizationId: input.organizationId, role: "OWNER" }, select: { userId: true } });
  for (const o of owners) {
    await db().notification.upsert({
      where: { organizationId_dedupeKey: { organizationId: input.organizationId, dedupeKey: `${input.dedupeKey}:${o.userId}` } },
      create: {
        organizationId: input.organizationId,
        userId: o.userId,
        type: input.type,
        severity: "CRITICAL",
        title: input.title,
        body: input.body,
        actionUrl: input.actionUrl,
        data: (input.data ?? {}) as object,
        dedupeKey: `${input.dedupeKey}:${o.userId}`,
      },
      update: {},
    });
  }
  childLogger({ organizationId: input.organizationId }).warn({ type: input.type, recipients: owners.length }, input.title);
  return { recipients: owners.map((o) => o.userId) };
}
