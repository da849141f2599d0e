import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import { db } from "@/lib/db/client";
import type { LeadSourceType } from "@/lib/db/generated/enums";
import { sha256Hex } from "./store-submission";

/** Sources that prove who they are with a shared secret the organisation pastes into the platform. */
export type SignedSourceType = Extract<LeadSourceType, "GOOGLE_LEAD_ADS" | "TIKTOK_LEAD_ADS">;

const NAMES: Record<SignedSourceType, string> = { GOOGLE_LEAD_ADS: "Google Ads lead forms", TIKTOK_LEAD_ADS: "TikTok lead generation" };

/**
 * The organisation's secret for a signed source, created on first use: AES-GCM at rest (AAD: the
 * organisation, the source row, "secret"), plus its SHA-256 so a delivery's key finds its organisation.
 */
export async function ensureSourceSecret(opts: { organizationId: string; type: SignedSourceType }): Promise<{ sourceId: string; secret: string }> {
  const existing = await db().leadSource.findFirst({ where: { organizationId: opts.organizationId, type: opts.type, externalId: "webhook" } });
  if (existing?.secretEnc) return { sourceId: existing.id, secret: decryptSecret(existing.secretEnc, { organizationId: opts.organizationId, recordId: existing.id, field: "secret" }) };
  const secret = randomBytes(24).toString("base64url");
  if (!existing) {
    // One statement, createdAt = updatedAt: the settings page tells a renewed key by updatedAt > createdAt.
    const id = `lsrc_${randomBytes(12).toString("hex")}`;
    const at = new Date();
    await db().leadSource.create({
      data: {
        id,
        organizationId: opts.organizationId,
        type: opts.type,
        externalId: "webhook",
        name: NAMES[opts.type],
        secretEnc: encryptSecret(secret, { organizationId: opts.organizationId, recordId: id, field: "secret" }),
        secretHash: sha256Hex(`${opts.type}:${secret}`),
        createdAt: at,
        updatedAt: at,
      },
    });
    return { sourceId: id, secret };
  }
  const row = existing;
  await db().leadSource.update({
    where: { id: row.id },
    data: { secretEnc: encryptSecret(secret, { organizationId: opts.organizationId, recordId: row.id, field: "secret" }), secretHash: sha256Hex(`${opts.type}:${secret}`) },
  });
  return { sourceId: row.id, secret };
}

/** A new secret for the source: the old one is refused from the next delivery on. */
export async function rotateSourceSecret(opts: { organizationId: string; type: SignedSourceType }): Promise<{ sourceId: string; secret: string; rotatedAt: Date }> {
  const { sourceId } = await ensureSourceSecret(opts);
  const secret = randomBytes(24).toString("base64url");
  const row = await db().leadSource.update({
    where: { id: sourceId, organizationId: opts.organizationId },
    data: { secretEnc: encryptSecret(secret, { organizationId: opts.organizationId, recordId: sourceId, field: "secret" }), secretHash: sha256Hex(`${opts.type}:${secret}`) },
    select: { updatedAt: true },
  });
  return { sourceId, secret, rotatedAt: row.updatedAt };
}

/** The active source whose secret this is (any organisation), or null. */
export async function findSourceBySecret(type: SignedSourceType, secret: string): Promise<{ id: string; organizationId: string } | null> {
  if (!secret) return null;
  return db().leadSource.findFirst({ where: { secretHash: sha256Hex(`${type}:${secret}`), type, isActive: true }, select: { id: true, organizationId: true } });
}
