import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import { db } from "@/lib/db/client";
import { defaultCountryOf } from "@/lib/leads/capture/default-country";

const FIELD = "conversionSecret";
const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
const seal = (organizationId: string, secret: string) => encryptSecret(secret, { organizationId, recordId: organizationId, field: FIELD });

/** The organisation's lead settings row, created with the phone region it already had (time zone guess), so creating it changes nothing else. */
export async function ensureLeadSettings(organizationId: string) {
  const row = await db().leadSettings.findUnique({ where: { organizationId } });
  if (row) return row;
  const defaultCountry = await defaultCountryOf(organizationId);
  return db().leadSettings.upsert({ where: { organizationId }, create: { organizationId, defaultCountry }, update: {} });
}

/**
 * The Standard Webhooks secret ("whsec_" + base64 of 32 random bytes) that signs the organisation's
 * conversion deliveries, created on first read; AES-GCM at rest (AAD: the organisation, "conversionSecret").
 * Two first reads at once keep one secret (conditional write, then re-read).
 */
export async function getConversionSecret(organizationId: string): Promise<{ secret: string; rotatedAt: string | null }> {
  const row = await ensureLeadSettings(organizationId);
  if (!row.conversionSecretEnc) {
    await db().leadSettings.updateMany({
      where: { organizationId, conversionSecretEnc: null },
      data: { conversionSecretEnc: seal(organizationId, newSecret()) },
    });
    return getConversionSecret(organizationId);
  }
  return {
    secret: decryptSecret(row.conversionSecretEnc, { organizationId, recordId: organizationId, field: FIELD }),
    rotatedAt: row.conversionSecretRotatedAt?.toISOString() ?? null,
  };
}

/** The secret if the organisation has one (the receiver never creates it: no secret, no valid signature). */
export async function findConversionSecret(organizationId: string): Promise<string | null> {
  const row = await db().leadSettings.findUnique({ where: { organizationId }, select: { conversionSecretEnc: true } });
  return row?.conversionSecretEnc ? decryptSecret(row.conversionSecretEnc, { organizationId, recordId: organizationId, field: FIELD }) : null;
}

/** A new secret at once: deliveries signed with the old one are refused from now on (401). */
export async function rotateConversionSecret(organizationId: string): Promise<{ secret: string; rotatedAt: string }> {
  await ensureLeadSettings(organizationId);
  const secret = newSecret();
  const rotatedAt = new Date();
  await db().leadSettings.update({
    where: { organizationId },
    data: { conversionSecretEnc: seal(organizationId, secret), conversionSecretRotatedAt: rotatedAt },
  });
  return { secret, rotatedAt: rotatedAt.toISOString() };
}
