import "server-only";
import type { Db } from "@/lib/db/client";
import type { Keyring } from "./keyring";
import { keyring } from "./keyring";
import { reencryptSecret } from "./token-cipher";

export type RotationReport = { scanned: number; rewrapped: number; failed: { table: string; id: string; field: string; error: string }[] };

/**
 * Re-wrap every stored secret under the primary (first) key of ENCRYPTION_KEYS. Idempotent and
 * resumable; each row is updated only if its ciphertext is unchanged since it was read (a
 * concurrent token refresh wins). Keep old keys in ENCRYPTION_KEYS until failed is empty.
 */
export async function rotateEncryptedSecrets(opts: { db: Db; ring?: Keyring; batchSize?: number }): Promise<RotationReport> {
  const ring = opts.ring ?? keyring();
  const size = opts.batchSize ?? 200;
  const report: RotationReport = { scanned: 0, rewrapped: 0, failed: [] };

  let cursor: string | undefined;
  for (;;) {
    const rows = await opts.db.socialAccount.findMany({
      select: { id: true, organizationId: true, accessTokenEnc: true, refreshTokenEnc: true },
      orderBy: { id: "asc" },
      take: size,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      report.scanned++;
      const data: { accessTokenEnc?: string; refreshTokenEnc?: string } = {};
      for (const [field, col] of [
        ["accessToken", "accessTokenEnc"],
        ["refreshToken", "refreshTokenEnc"],
      ] as const) {
        const value = row[col];
        if (!value) continue;
        try {
          const next = reencryptSecret(value, { organizationId: row.organizationId, recordId: row.id, field }, ring);
          if (next) data[col] = next;
        } catch (err) {
          report.failed.push({ table: "social_accounts", id: row.id, field, error: (err as Error).message });
        }
      }
      if (Object.keys(data).length > 0) {
        const res = await opts.db.socialAccount.updateMany({
          where: { id: row.id, accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc },
          data,
        });
        report.rewrapped += res.count;
      }
    }
    cursor = rows[rows.length - 1].id;
  }

  const states = await opts.db.oAuthState.findMany({
    where: { consumedAt: null, codeVerifierEnc: { not: null } },
    select: { id: true, organizationId: true, codeVerifierEnc: true },
  });
  for (const s of states) {
    report.scanned++;
    try {
      const next = reencryptSecret(s.codeVerifierEnc!, { organizationId: s.organizationId, recordId: s.id, field: "codeVerifier" }, ring);
      if (next) {
        const res = await opts.db.oAuthState.updateMany({ where: { id: s.id, codeVerifierEnc: s.codeVerifierEnc }, data: { codeVerifierEnc: next } });
        report.rewrapped += res.count;
      }
    } catch (err) {
      report.failed.push({ table: "oauth_states", id: s.id, field: "codeVerifier", error: (err as Error).message });
    }
  }
  // Lead sources' shared secrets (Google Ads google_key, TikTok signing secret).
  const sources = await opts.db.leadSource.findMany({ where: { secretEnc: { not: null } }, select: { id: true, organizationId: true, secretEnc: true } });
  for (const s of sources) {
    report.scanned++;
    try {
      const next = reencryptSecret(s.secretEnc!, { organizationId: s.organizationId, recordId: s.id, field: "secret" }, ring);
      if (next) report.rewrapped += (await opts.db.leadSource.updateMany({ where: { id: s.id, secretEnc: s.secretEnc }, data: { secretEnc: next } })).count;
    } catch (err) {
      report.failed.push({ table: "lead_sources", id: s.id, field: "secret", error: (err as Error).message });
    }
  }
  // Cal.com API keys and webhook secrets (MKT-305), bound to the organisation's row.
  const calendars = await opts.db.calendarSettings.findMany({ select: { organizationId: true, calApiKeyEnc: true, calWebhookSecretEnc: true } });
  for (const c of calendars) {
    for (const field of ["calApiKeyEnc", "calWebhookSecretEnc"] as const) {
      const sealed = c[field];
      if (!sealed) continue;
      report.scanned++;
      try {
        const next = reencryptSecret(sealed, { organizationId: c.organizationId, recordId: c.organizationId, field }, ring);
        if (next) report.rewrapped += (await opts.db.calendarSettings.updateMany({ where: { organizationId: c.organizationId, [field]: sealed }, data: { [field]: next } })).count;
      } catch (err) {
        report.failed.push({ table: "calendar_settings", id: c.organizationId, field, error: (err as Error).message });
      }
    }
  }
  return report;
}
