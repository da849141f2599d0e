import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

const PLATFORMS = ["LINKEDIN", "INSTAGRAM", "FACEBOOK", "X"] as const;
const PRIORITIES = ["NORMAL", "NORMAL", "HIGH", "LOW", "NORMAL", "URGENT", "NORMAL", "HIGH"] as const;

/**
 * `count` pending content approvals of one brand, as MKT-104 leaves them: a piece in REVIEW, the
 * request, and one revision per network (2 or 3 networks each), in bulk (createMany). Mixed
 * priorities; createdAt one minute apart, oldest first. Used by the queue tests and
 * `npm run bench:approvals`.
 */
export async function seedPendingApprovals(db: Db, o: { organizationId: string; brandId: string; count: number; requestedBy?: string; titlePrefix?: string; now?: Date }) {
  const now = o.now ?? new Date();
  const tag = randomBytes(3).toString("hex");
  const items = Array.from({ length: o.count }, (_, i) => {
    const platform = PLATFORMS[i % PLATFORMS.length]!;
    const networks = [platform, ...PLATFORMS.filter((p) => p !== platform).slice(0, 1 + (i % 2))];
    return {
      pieceId: `vp_${tag}_${i}`,
      requestId: `vr_${tag}_${i}`,
      platform,
      networks,
      priority: PRIORITIES[i % PRIORITIES.length]!,
      createdAt: new Date(now.getTime() - (o.count - i) * 60_000),
      title: `${o.titlePrefix ?? "Approbation"} ${i + 1}`,
    };
  });
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    await db.contentPiece.createMany({
      data: chunk.map((it) => ({ id: it.pieceId, organizationId: o.organizationId, brandId: o.brandId, platform: it.platform, status: "REVIEW" as const, title: it.title, body: `${it.title} : huit semaines, trois bains d'argile, une pièce unique.`, createdAt: it.createdAt })),
    });
    await db.approvalRequest.createMany({
      data: chunk.map((it) => ({
        id: it.requestId, organizationId: o.organizationId, brandId: o.brandId, entityType: "CONTENT_PIECE" as const, contentPieceId: it.pieceId, priority: it.priority, title: it.title,
        idempotencyKey: `content:${it.pieceId}:r1`, requestedBy: o.requestedBy ?? "mkt-104-request-approval", createdAt: it.createdAt, nextReminderAt: new Date(it.createdAt.getTime() + 24 * 3600_000),
      })),
    });
    await db.contentRevision.createMany({
      data: chunk.flatMap((it) =>
        it.networks.map((platform) => ({ organizationId: o.organizationId, contentPieceId: it.pieceId, sourcePieceId: it.pieceId, platform, number: 1, text: `${it.title} (${platform.toLowerCase()})`, scheduledAt: new Date(now.getTime() + 86_400_000), approvalRequestId: it.requestId, createdAt: it.createdAt })),
      ),
    });
  }
  return items.map((it) => ({ id: it.requestId, priority: it.priority, createdAt: it.createdAt, networks: it.networks }));
}

/** The pending queue's order (urgent first, then oldest, then id), as the server sorts it. */
export function queueOrder<T extends { id: string; priority: string; createdAt: Date }>(rows: T[]): T[] {
  const rank = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 } as Record<string, number>;
  return [...rows].sort((a, b) => rank[a.priority]! - rank[b.priority]! || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
