import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { isPlatformConfigured } from "@/lib/connectors/registry";
import { PLATFORM_ENUM, platformKeyOf, type PlatformEnum, type PlatformKey } from "@/lib/connectors/types";
import { PROVIDER_IDS, providerConfig, type ProviderId } from "./providers";
import type { ConnectionDto } from "@/lib/oauth/contracts";
export type { ConnectionDto };

export async function listConnections(opts: {
  organizationId: string;
  now?: number;
}): Promise<{ accounts: ConnectionDto[]; providers: { id: ProviderId; label: string; mode: "oauth" | "sandbox"; platforms: PlatformKey[] }[] }> {
  const now = opts.now ?? Date.now();
  const rows = await db().socialAccount.findMany({
    where: { organizationId: opts.organizationId, status: { not: "DISCONNECTED" } },
    orderBy: [{ platform: "asc" }, { name: "asc" }],
    select: {
      id: true,
      platform: true,
      name: true,
      handle: true,
      isSandbox: true,
      status: true,
      statusMessage: true,
      tokenExpiresAt: true,
      rateLimitedUntil: true,
      lastRefreshedAt: true,
    },
  });
  const accounts = rows.map((r): ConnectionDto => {
    const health: ConnectionDto["health"] =
      r.status === "RECONNECT_REQUIRED"
        ? "reconnect_required"
        : r.status === "DISCONNECTED"
          ? "disconnected"
          : r.status === "ERROR"
            ? "error"
            : r.rateLimitedUntil && r.rateLimitedUntil.getTime() > now
              ? "rate_limited"
              : !r.isSandbox && r.tokenExpiresAt && r.tokenExpiresAt.getTime() - now < 3 * 86400_000
                ? "expiring"
                : "healthy";
    return {
      id: r.id,
      platform: platformKeyOf(r.platform as PlatformEnum),
      name: r.name,
      handle: r.handle,
      isSandbox: r.isSandbox,
      status: r.status,
      statusMessage: r.statusMessage,
      health,
      tokenExpiresAt: r.tokenExpiresAt?.toISOString() ?? null,
      rateLimitedUntil: r.rateLimitedUntil?.toISOString() ?? null,
      lastRefreshedAt: r.lastRefreshedAt?.toISOString() ?? null,
    };
  });
  const providers = PROVIDER_IDS.map((id) => {
    const cfg = providerConfig(id);
    return {
      id,
      label: cfg.label,
      mode: cfg.platforms.every((p) => isPlatformConfigured(p)) ? ("oauth" as const) : ("sandbox" as const),
      platforms: cfg.platforms,
    };
  });
  return { accounts, providers };
}

/** When a provider has no credentials, "Connect" adds sandbox accounts (labelled Sandbox) for its platforms. */
export async function connectSandboxAccounts(opts: { organizationId: string; userId: string; provider: ProviderId }): Promise<{ accountIds: string[] }> {
  const cfg = providerConfig(opts.provider);
  const ids: string[] = [];
  for (const p of cfg.platforms) {
    const externalId = `sbx-${p}-${opts.organizationId.slice(-6)}`;
    const row = await db().socialAccount.upsert({
      where: { organizationId_platform_externalId: { organizationId: opts.organizationId, platform: PLATFORM_ENUM[p], externalId } },
      create: {
        id: `sa_${randomBytes(12).toString("hex")}`,
        organizationId: opts.organizationId,
        platform: PLATFORM_ENUM[p],
        externalId,
        name: `Sandbox ${p.replace("_", " ")}`,
        handle: `sandbox_${p}`,
        isSandbox: true,
        connectedById: opts.userId,
        metadata: { sandbox: true },
      },
      update: { status: "ACTIVE", disconnectedAt: null, statusMessage: null },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return { accountIds: ids };
}
