import { randomBytes } from "node:crypto";
import type { Inngest } from "inngest";
import type { Db } from "@/lib/db/client";
import { defaultPublishingDeps, type PublishingDeps } from "@/lib/publishing/deps";

/** Shared set-up of the publishing integration tests: an organisation with a brand and a piece. */
export async function seedPiece(db: Db, organizationId: string, body = `Post ${randomBytes(3).toString("hex")}`) {
  const brand = await db.brand.create({ data: { organizationId, name: "Brand", slug: `b-${randomBytes(3).toString("hex")}`, voice: "v", targetAudience: "a", contentGuidelines: "g" } });
  return db.contentPiece.create({ data: { organizationId, brandId: brand.id, body, status: "APPROVED", hashtags: ["launch"] } });
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
