import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { encryptAccountToken } from "@/lib/crypto/account-secrets";
import { ConnectorError } from "@/lib/connectors/errors";
import { createRegistry } from "@/lib/connectors/registry";
import { defaultRuntime, type ConnectorRuntime } from "@/lib/connectors/http";
import { PLATFORM_ENUM, type ConnectorContext, type PlatformKey } from "@/lib/connectors/types";
import { connectorContextFor } from "@/lib/oauth/tokens";
import type { RefreshDeps } from "@/lib/oauth/refresh";
import type { Db } from "@/lib/db/client";

/**
 * Shared set-up for contract tests: settings pointing a vendor at its fake, a runtime whose sleeps are
 * recorded instead of waited, and a stored account whose tokens the fake issued.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

export function recordingRuntime(overrides: Partial<ConnectorRuntime> = {}) {
  const sleeps: number[] = [];
  const pinned = Date.now();
  const rt: ConnectorRuntime = { ...defaultRuntime(), now: () => pinned, timeoutMs: 5_000, sleep: async (ms) => void sleeps.push(ms), ...overrides };
  return {
    rt,
    sleeps,
    registry: createRegistry(rt),
    deps: (): RefreshDeps => ({ registry: createRegistry(rt), now: rt.now, sleep: async () => new Promise((r) => setTimeout(r, 5)), pollMs: 5 }),
  };
}

export async function seedAccount(
  db: Db,
  input: {
    platform: PlatformKey;
    externalId: string;
    accessToken: string;
    refreshToken?: string;
    expiresInSec?: number;
    metadata?: Record<string, unknown>;
    name?: string;
  },
) {
  const org = await db.organization.create({ data: { slug: `c-${randomBytes(4).toString("hex")}`, name: "Contract Org" } });
  const user = await db.user.create({ data: { email: `owner-${randomBytes(4).toString("hex")}@example.com` } });
  await db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  const id = `acc_${randomBytes(8).toString("hex")}`;
  await db.socialAccount.create({
    data: {
      id,
      organizationId: org.id,
      platform: PLATFORM_ENUM[input.platform],
      externalId: input.externalId,
      name: input.name ?? `${input.platform} account`,
      accessTokenEnc: encryptAccountToken(org.id, id, "accessToken", input.accessToken),
      refreshTokenEnc: input.refreshToken ? encryptAccountToken(org.id, id, "refreshToken", input.refreshToken) : null,
      tokenExpiresAt: new Date(Date.now() + (input.expiresInSec ?? 3600) * 1000),
      metadata: (input.metadata ?? {}) as object,
    },
  });
  return { orgId: org.id, ownerId: user.id, accountId: id };
}

export async function contextFor(accountId: string, orgId: string, deps: RefreshDeps): Promise<ConnectorContext> {
  return connectorContextFor(accountId, orgId, deps);
}

export async function expectConnectorError(p: Promise<unknown>, kind: ConnectorError["kind"]): Promise<ConnectorError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a ${kind} ConnectorError`).toBeInstanceOf(ConnectorError);
  expect((err as ConnectorError).kind).toBe(kind);
  return err as ConnectorError;
}
