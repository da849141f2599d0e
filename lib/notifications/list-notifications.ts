import "server-only";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { readerTimeZone } from "@/lib/orgs/reader-time-zone";
import { readNotificationMessage, renderNotification } from "@/lib/providers/notify/messages";

import type { NotificationDto } from "@/lib/notifications/contracts";

export type { NotificationDto };

/**
 * The member's notifications (addressed to them, or to everyone in the organisation: userId null),
 * each in the reader's language and time zone; rows without a message key keep their stored words.
 */
export async function listNotifications(opts: { organizationId: string; userId: string; locale: Locale; take?: number }): Promise<{ items: NotificationDto[]; unread: number }> {
  const where = { organizationId: opts.organizationId, OR: [{ userId: opts.userId }, { userId: null }] };
  const [rows, unread, timeZone] = await Promise.all([
    db().notification.findMany({ where, orderBy: { createdAt: "desc" }, take: Math.min(opts.take ?? 20, 100) }),
    db().notification.count({ where: { ...where, readAt: null } }),
    readerTimeZone({ userId: opts.userId, organizationId: opts.organizationId }),
  ]);
  return {
    unread,
    items: rows.map((n) => {
      const msg = readNotificationMessage(n);
      const text = (msg && renderNotification(msg, opts.locale, timeZone)) ?? { title: n.title, body: n.body };
      return { id: n.id, type: n.type, severity: n.severity, title: text.title, body: text.body, actionUrl: n.actionUrl, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
    }),
  };
}

/** Mark some (or all) of the member's notifications read. Ids of other organisations are ignored. */
export async function markNotificationsRead(opts: { organizationId: string; userId: string; ids?: string[] }): Promise<{ updated: number }> {
  const res = await db().notification.updateMany({
    where: { organizationId: opts.organizationId, OR: [{ userId: opts.userId }, { userId: null }], readAt: null, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: res.count };
}
