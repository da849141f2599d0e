import { randomBytes } from "node:crypto";
import type { Inngest } from "inngest";
import type { Db } from "@/lib/db/client";
import { defaultPublishingDeps, type PublishingDeps } from "@/lib/publishing/deps";

/**
 * Shared set-up of the publishing integration tests: an organisation with a brand and an approved
 * piece, with an approved network version (revision) of its text on each network, as approval leaves
 * it (issue 9: MKT-107 publishes only an approved revision).
 */
export async function seedPiece(db: Db, organizationId: string, body = `Post ${randomBytes(3).toString("hex")}`) {
  const brand = await db.brand.create({ data: { organizationId, name: "Brand", slug: `b-${randomBytes(3).toString("hex")}`, voice: "v", targetAudience: "a", contentGuidelines: "g" } });
  const piece = await db.contentPiece.create({ data: { organizationId, brandId: brand.id, body, status: "APPROVED", hashtags: ["launch"] } });
  const now = new Date();
  await db.contentRevision.createMany({
    data: (["LINKEDIN", "FACEBOOK", "X", "INSTAGRAM", "TIKTOK"] as const).map((platform) => ({
      organizationId, contentPieceId: piece.id, sourcePieceId: piece.id, platform, number: 1, text: `${body}\n\n#launch`, scheduledAt: now, approvedAt: now, approvedVia: "IN_APP",
    })),
  });
  return piece;
}

/** The approved revision of a piece for a network (what a publication of it sends). */
export async function revisionOf(db: Db, contentPieceId: string, platform: "LINKEDIN" | "FACEBOOK" | "X" | "INSTAGRAM" | "TIKTOK" = "LINKEDIN"): Promise<string> {
  return (await db.contentRevision.findFirstOrThrow({ where: { contentPieceId, platform, supersededAt: null }, select: { id: true } })).id;
}

export async function seedOrg(db: Db) {
  const org = await db.organization.create({ data: { slug: `p-${randomBytes(4).toString("hex")}`, name: "Pub Org" } });
  const owner = await db.user.create({ data: { email: `o-${randomBytes(4).toString("hex")}@example.com` } });
  const admin = await db.user.create({ data: { email: `a-${randomBytes(4).toString("hex")}@example.com` } });
  await db.membership.createMany({ data: [{ organizationId: org.id, userId: owner.id, role: "OWNER" }, { organizationId: org.id, userId: admin.id, role: "ADMIN" }] });
  return { orgId: org.id, ownerId: owner.id, adminId: admin.id };
}

export async function seedSandboxAccount(db: Db, organizationId: string, platform: "LINKEDIN" | "FACEBOOK" | "X" = "LINKEDIN") {
  return db.socialAccount.create({ data: { organizationId, platform, externalId: `sbx-${randomBytes(4).toString("hex")}`, name: "Sandbox page", isSandbox: true } });
}

/** Publishing deps whose events go to the test executor. */
export const depsFor = (client: Inngest, over: Partial<PublishingDeps> = {}): PublishingDeps => defaultPublishingDeps({ send: (events) => client.send(events as never), ...over });
