import { db } from "@/lib/db/client";

export type NotificationDto = { id: string; type: string; severity: string; title: string; body: string | null; actionUrl: string | null; createdAt: string; readAt: string | null };

/** The member's notifications: addressed to them, or to everyone in the organisation (userId null). */
export async function listNotifications(opts: { organizationId: string; userId: string; take?: number }): Promise<{ items: NotificationDto[]; unread: number }> {
  const where = { organizationId: opts.organizationId, OR: [{ userId: opts.userId }, { userId: null }] };
  const [rows, unread] = await Promise.all([
    db().notification.findMany({ where, orderBy: { createdAt: "desc" }, take: Math.min(opts.take ?? 20, 100) }),
    db().notification.count({ where: { ...where, readAt: null } }),
  ]);
  return {
    unread,
    items: rows.map((n) => ({ id: n.id, type: n.type, severity: n.severity, title: n.title, body: n.body, actionUrl: n.actionUrl, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
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
