import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Agents running elsewhere (an n8n workflow, a script) report executions and errors into the same
 * views: `POST /api/webhooks/agent-execution?org=<slug>` and `/api/webhooks/agent-error?org=<slug>`,
 * signed with Standard Webhooks (the `standardwebhooks` library: HMAC-SHA256 over `id.timestamp.body`,
 * 5 minutes of tolerance) with the organisation's own secret. The secret is derived per organisation
 * from AUTH_SECRET (HKDF, label of its own), so it is never stored and differs for every organisation.
 * One execution per reported execution id (or webhook id): a replayed delivery changes nothing.
 */
export function agentWebhookSecret(organizationId: string): string {
  return `whsec_${Buffer.from(hkdfSync("sha256", authSecret(), organizationId, "agent-webhook:v1", 32)).toString("base64")}`;
}

const FIELD = "agentWebhookSecret";
const cipher = (organizationId: string) => ({ organizationId, recordId: organizationId, field: FIELD });

/**
 * The secret deliveries must be signed with: the one an admin renewed (random, AES-GCM at rest in
 * `agent_webhook_secrets`), else the derived one above (so a new organisation has one without any write).
 */
export async function currentAgentWebhookSecret(organizationId: string): Promise<{ secret: string; rotatedAt: Date | null }> {
  const row = await db().agentWebhookSecret.findUnique({ where: { organizationId } });
  return row ? { secret: decryptSecret(row.secretEnc, cipher(organizationId)), rotatedAt: row.rotatedAt } : { secret: agentWebhookSecret(organizationId), rotatedAt: null };
}

/** A new random secret at once: deliveries signed with the previous one are refused from now on (401). */
export async function rotateAgentWebhookSecret(organizationId: string): Promise<{ secret: string; rotatedAt: Date }> {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const rotatedAt = new Date();
  const secretEnc = encryptSecret(secret, cipher(organizationId));
  await db().agentWebhookSecret.upsert({ where: { organizationId }, create: { organizationId, secretEnc, rotatedAt }, update: { secretEnc, rotatedAt } });
  return { secret, rotatedAt };
}

/** Signs a delivery as an external agent would (tests; the documentation's example). */
export function signAgentWebhook(opts: { organizationId: string; id: string; rawBody: string; at?: Date; secret?: string }): Record<string, string> {
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? agentWebhookSecret(opts.organizationId)).sign(opts.id, at, opts.rawBody);
  return {
    "content-type": "application/json",
    "webhook-id": opts.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

export const agentExecutionReport = z
  .object({
    /** The agent's key ("mkt-303-nurture-follow-up") or workflow code ("MKT-303"). */
    agent: z.string().min(1).max(100),
    executionId: z.string().min(1).max(200).optional(),
    status: z.enum(["SUCCESS", "ERROR", "TIMEOUT", "RUNNING"]),
    trigger: z.string().max(200).optional(),
    startedAt: z.iso.datetime().optional(),
    durationMs: z.number().int().min(0).max(86_400_000).optional(),
    tokensUsed: z.number().int().min(0).optional(),
    credits: z.number().int().min(0).optional(),
    error: z.string().max(4000).optional(),
    entity: z.object({ type: z.string().max(50), id: z.string().max(200) }).optional(),
  })
  .strict();
export const agentErrorReport = z
  .object({
    agent: z.string().min(1).max(100),
    executionId: z.string().min(1).max(200).optional(),
    message: z.string().min(1).max(4000),
    severity: z.enum(["info", "warning", "critical"]).default("warning"),
  })
  .strict();

type Verified = { organizationId: string; webhookId: string; json: unknown };

async function verify(opts: { orgSlug: string | null; rawBody: Uint8Array; headers: Headers }): Promise<Verified> {
  const org = opts.orgSlug ? await db().organization.findUnique({ where: { slug: opts.orgSlug }, select: { id: true } }) : null;
  // An unknown organisation answers like a bad signature: nothing tells which slugs exist.
  const id = opts.headers.get("webhook-id");
  const timestamp = opts.headers.get("webhook-timestamp");
  const signature = opts.headers.get("webhook-signature");
  if (!org) throw new AppError("unauthorized", "agents.signature", { field: "webhook-signature", values: { reason: "unknown organisation or secret" } });
  if (!id || !timestamp || !signature)
    throw new AppError("unauthorized", "agents.signature", {
      field: "webhook-signature",
      values: { reason: "missing webhook-id, webhook-timestamp or webhook-signature" },
    });
  const { secret } = await currentAgentWebhookSecret(org.id);
  try {
    new Webhook(secret).verify(
      Buffer.from(opts.rawBody),
      { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature },
      { jsonParse: false },
    );
  } catch (err) {
    const reason = err instanceof WebhookVerificationError ? err.message : "invalid signature";
    throw new AppError("unauthorized", "agents.signature", { field: "webhook-signature", values: { reason } });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(opts.rawBody));
  } catch {
    throw new AppError("validation", "http.invalidJson", { field: "body" });
  }
  return { organizationId: org.id, webhookId: id, json };
}

function parse<T>(schema: z.ZodType<T>, json: unknown): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError("validation", "validation.invalid", { field: issue?.path.join(".") || "body" });
  }
  return r.data;
}

async function agentOf(organizationId: string, ref: string) {
  const agent = await db().agent.findFirst({ where: { organizationId, OR: [{ key: ref }, { workflowCode: ref.toUpperCase() }] }, select: { id: true } });
  if (!agent) throw new AppError("validation", "agents.unknownAgent", { field: "agent", values: { agent: ref } });
  return agent;
}

/** An execution reported by an external agent: one row per execution id, the raw report kept as its input. */
export async function receiveAgentExecution(opts: {
  orgSlug: string | null;
  rawBody: Uint8Array;
  headers: Headers;
}): Promise<{ executionId: string; duplicate: boolean }> {
  const v = await verify(opts);
  const r = parse(agentExecutionReport, v.json);
  const agent = await agentOf(v.organizationId, r.agent);
  const runId = `ext:${r.executionId ?? v.webhookId}`;
  const startedAt = r.startedAt ? new Date(r.startedAt) : new Date();
  const finished = r.status !== "RUNNING";
  return db().$transaction(async (tx) => {
    const inserted = await tx.agentExecution.createManyAndReturn({
      data: [
        {
          organizationId: v.organizationId,
          agentId: agent.id,
          runId,
          source: "external",
          status: r.status,
          trigger: r.trigger ?? "webhook",
          input: v.json as Prisma.InputJsonValue,
          errorMessage: r.error ?? null,
          entityType: r.entity?.type ?? null,
          entityId: r.entity?.id ?? null,
          startedAt,
          finishedAt: finished ? new Date(startedAt.getTime() + (r.durationMs ?? 0)) : null,
          durationMs: r.durationMs ?? null,
          tokensUsed: r.tokensUsed ?? 0,
          credits: r.credits ?? 0,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (inserted.length === 0) {
      const existing = await tx.agentExecution.findUniqueOrThrow({ where: { agentId_runId: { agentId: agent.id, runId } }, select: { id: true } });
      return { executionId: existing.id, duplicate: true };
    }
    if (finished) {
      await tx.agent.update({
        where: { id: agent.id },
        data: { executionCount: { increment: 1 }, errorCount: { increment: r.status === "SUCCESS" ? 0 : 1 }, lastExecutedAt: new Date() },
      });
    }
    await tx.agentLog.create({
      data: {
        organizationId: v.organizationId,
        agentId: agent.id,
        executionId: inserted[0]!.id,
        level: r.status === "SUCCESS" || r.status === "RUNNING" ? "INFO" : "ERROR",
        message: `external execution ${r.status.toLowerCase()}${r.error ? `: ${r.error}` : ""}`.slice(0, 2000),
        metadata: { webhookId: v.webhookId },
      },
    });
    return { executionId: inserted[0]!.id, duplicate: false };
  });
}

/** An error reported by an external agent: a log line (once per webhook id) and its execution marked failed. */
export async function receiveAgentError(opts: {
  orgSlug: string | null;
  rawBody: Uint8Array;
  headers: Headers;
}): Promise<{ logged: boolean; duplicate: boolean }> {
  const v = await verify(opts);
  const r = parse(agentErrorReport, v.json);
  const agent = await agentOf(v.organizationId, r.agent);
  const seen = await db().agentLog.findFirst({ where: { agentId: agent.id, metadata: { path: ["webhookId"], equals: v.webhookId } }, select: { id: true } });
  if (seen) return { logged: false, duplicate: true };
  await db().$transaction(async (tx) => {
    const execution = r.executionId
      ? await tx.agentExecution.findUnique({
          where: { agentId_runId: { agentId: agent.id, runId: `ext:${r.executionId}` } },
          select: { id: true, status: true },
        })
      : null;
    if (execution && execution.status !== "ERROR") {
      await tx.agentExecution.update({ where: { id: execution.id }, data: { status: "ERROR", errorMessage: r.message, finishedAt: new Date() } });
      await tx.agent.update({ where: { id: agent.id }, data: { errorCount: { increment: 1 } } });
    }
    await tx.agentLog.create({
      data: {
        organizationId: v.organizationId,
        agentId: agent.id,
        executionId: execution?.id ?? null,
        level: r.severity === "info" ? "INFO" : r.severity === "warning" ? "WARN" : "ERROR",
        message: `external error (${r.severity}): ${r.message}`.slice(0, 2000),
        metadata: { webhookId: v.webhookId, severity: r.severity },
      },
    });
  });
  return { logged: true, duplicate: false };
}
