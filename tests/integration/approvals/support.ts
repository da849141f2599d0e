import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { startAppServer, type AppServer } from "@/tests/integration/runtime/harness";

/**
 * Shared set-up of the approvals tests. The app's Inngest client (inngest/client.ts) reads APP_URL at
 * import, so it is pointed at a local server hosting the executor's event API first; modules that
 * send events are imported after that (dynamic imports). Events land in runtime_events.
 */
export async function startEventServer(): Promise<AppServer> {
  const server = await startAppServer();
  process.env.APP_URL = server.origin;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  return server;
}

export function stopEventServer(server: AppServer | undefined): Promise<void> {
  delete process.env.APP_URL;
  resetEnvCache();
  return server?.close() ?? Promise.resolve();
}

const rnd = () => randomBytes(4).toString("hex");

export async function seedOrg(db: Db, opts: { requireContentApproval?: boolean } = {}) {
  const org = await db.organization.create({ data: { slug: `ap-${rnd()}`, name: "Atelier Bogolan" } });
  const owner = await db.user.create({ data: { email: `owner-${rnd()}@example.com`, name: "Awa" } });
  const editor = await db.user.create({ data: { email: `editor-${rnd()}@example.com`, name: "Moussa", locale: "en" } });
  const viewer = await db.user.create({ data: { email: `viewer-${rnd()}@example.com` } });
  await db.membership.createMany({
    data: [
      { organizationId: org.id, userId: owner.id, role: "OWNER" },
      { organizationId: org.id, userId: editor.id, role: "EDITOR" },
      { organizationId: org.id, userId: viewer.id, role: "VIEWER" },
    ],
  });
  const brand = await db.brand.create({
    data: { organizationId: org.id, name: "Bogolan", slug: `b-${rnd()}`, voice: "chaleureuse", targetAudience: "amateurs d'artisanat", contentGuidelines: "concret", requireContentApproval: opts.requireContentApproval ?? true },
  });
  return { orgId: org.id, slug: org.slug, ownerId: owner.id, editorId: editor.id, viewerId: viewer.id, brandId: brand.id };
}

export async function seedPiece(db: Db, o: { orgId: string; brandId: string }, over: { platform?: "LINKEDIN" | "INSTAGRAM" | "X" | "FACEBOOK" | null; body?: string; targetPublishAt?: Date } = {}) {
  return db.contentPiece.create({
    data: {
      organizationId: o.orgId,
      brandId: o.brandId,
      platform: over.platform === undefined ? "LINKEDIN" : over.platform,
      status: "DRAFT",
      title: "Huit semaines pour une pièce unique",
      body: over.body ?? "Huit semaines. Trois bains d'argile. Une pièce unique, teinte à la main à Ségou, qui raconte l'histoire de nos artisanes.",
      hashtags: ["bogolan", "artisanat", "mali", "faitmain"],
      callToAction: "Découvrez la collection",
      targetPublishAt: over.targetPublishAt,
    },
  });
}

export async function seedAccount(db: Db, o: { orgId: string; brandId: string }, platform: "LINKEDIN" | "INSTAGRAM" | "X" | "FACEBOOK" | "WHATSAPP", status: "ACTIVE" | "DISCONNECTED" = "ACTIVE") {
  return db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform, externalId: `sbx-${rnd()}`, name: `${platform} page`, isSandbox: true, status } });
}

export async function eventsNamed(db: Db, name: string): Promise<{ externalId: string | null; data: Record<string, unknown> }[]> {
  return db.runtimeEvent.findMany({ where: { name }, select: { externalId: true, data: true }, orderBy: { id: "asc" } }) as never;
}

/** What the sandbox network stored for an account's posts (its own record of what it was sent). */
export async function sandboxPosts(db: Db, accountId: string): Promise<{ text: string; mediaCount: number }[]> {
  const rows = await db.sandboxRecord.findMany({ where: { accountId, kind: "post" }, select: { data: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.data as { text: string; mediaCount: number });
}

/** A real image (sharp) of that size in storage, and its media_assets row. */
export async function storedImage(db: Db, o: { orgId: string; brandId: string }, opts: { width: number; height: number; format?: "jpeg" | "png"; source?: "UPLOAD" | "AI_GENERATED" }) {
  const sharp = (await import("sharp")).default;
  const { storage } = await import("@/lib/providers/storage");
  const format = opts.format ?? "jpeg";
  const canvas = sharp({ create: { width: opts.width, height: opts.height, channels: 3, background: "#b5482a" } });
  const bytes = new Uint8Array(await (format === "png" ? canvas.png() : canvas.jpeg()).toBuffer());
  const key = `${o.orgId}/originals/${opts.width}x${opts.height}-${rnd()}.${format === "png" ? "png" : "jpg"}`;
  const mimeType = format === "png" ? "image/png" : "image/jpeg";
  await storage().put(key, bytes, { contentType: mimeType });
  return db.mediaAsset.create({
    data: { organizationId: o.orgId, brandId: o.brandId, kind: "IMAGE", source: opts.source ?? "UPLOAD", storageKey: key, mimeType, sizeBytes: bytes.byteLength, width: opts.width, height: opts.height, checksumSha256: key, fileName: `photo.${format === "png" ? "png" : "jpg"}` },
  });
}
