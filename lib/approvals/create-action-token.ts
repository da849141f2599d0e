import "server-only";
import { db } from "@/lib/db/client";
import { ACTION_TOKEN_TTL_SECONDS, hashActionToken, signActionToken, type ActionTokenAction } from "./action-token";

/**
 * A signed, expiring (72 h), single-use link token for one action on one request, for one approver.
 * Returns the token (to put in the email); only its sha256 is stored.
 */
export async function createActionToken(opts: {
  organizationId: string;
  approvalRequestId: string;
  action: ActionTokenAction;
  userId?: string | null;
  email?: string | null;
  now?: Date;
  ttlSeconds?: number;
}): Promise<{ token: string; expiresAt: Date }> {
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (opts.ttlSeconds ?? ACTION_TOKEN_TTL_SECONDS) * 1000);
  const token = signActionToken({ requestId: opts.approvalRequestId, action: opts.action, expiresAt });
  await db().approvalActionToken.create({
    data: {
      organizationId: opts.organizationId,
      requestId: opts.approvalRequestId,
      action: opts.action,
      tokenHash: hashActionToken(token),
      userId: opts.userId ?? null,
      email: opts.email ?? null,
      expiresAt,
      createdAt: now,
    },
  });
  return { token, expiresAt };
}
