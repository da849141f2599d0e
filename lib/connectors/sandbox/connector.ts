import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, sqlPool } from "@/lib/db/client";
import { monotonicFactory } from "ulid";
import { pooledRandom } from "@/lib/runtime/ulid";
import { ConnectorError } from "../errors";
import type { AccountRef, Capabilities, ConnectorContext, NormalisedEvent, PlatformConnector, PublishResult, SocialPlatform } from "../types";
import { sandboxComments, sandboxLeads, sandboxMessages, sandboxMetrics, unit } from "./network";
import { assertInsideWindow } from "../meta/graph";
import { HIDE_COMMENT_PLATFORMS } from "../capabilities";

/** Time-ordered ids (monotonic within this process). */
const ulid = monotonicFactory(pooledRandom);

/** Seconds a sandbox video/Reel/carousel stays "processing" before it publishes. */
export const SANDBOX_PROCESSING_SECONDS = 20;

type PostData = { kind: string; text: string; state: "processing" | "published"; publishedAt?: string; url: string; mediaCount: number };

/**
 * Simulated network for one platform: same interface and capabilities as the real connector, state
 * in sandbox_records, everything else derived deterministically from ids and the clock.
 */
export function createSandboxConnector(platform: SocialPlatform, capabilities: Capabilities, opts: { now?: () => number } = {}): PlatformConnector {
  const now = opts.now ?? (() => Date.now());
  const rec = (ctx: ConnectorContext, kind: string, externalId: string) => ({ accountId_kind_externalId: { accountId: ctx.account.id, kind, externalId } });
  const newId = (prefix: string) => `sbx_${prefix}_${randomBytes(6).toString("hex")}`;
  const urlFor = (id: string) => `https://sandbox.marketingengine.local/${platform}/${id}`;

  async function loadPost(ctx: ConnectorContext, id: string) {
    const r = await db().sandboxRecord.findUnique({ where: rec(ctx, "post", id) });
    if (!r) throw new ConnectorError("not_found", platform, `sandbox post ${id} not found`);
    return { row: r, data: r.data as PostData };
  }

  async function settle(ctx: ConnectorContext, id: string): Promise<PublishResult> {
    const { row, data } = await loadPost(ctx, id);
    if (data.state === "published") return { state: "published", remoteId: id, url: data.url };
    if (now() - row.createdAt.getTime() < SANDBOX_PROCESSING_SECONDS * 1000)
      return { state: "pending", pollToken: id, checkAfterSeconds: 5, detail: "IN_PROGRESS" };
    const next: PostData = { ...data, state: "published", publishedAt: new Date(now()).toISOString() };
    await db().sandboxRecord.update({ where: { id: row.id }, data: { data: next } });
    return { state: "published", remoteId: id, url: data.url };
  }

  const publishedAt = (row: { createdAt: Date }, d: PostData) => (d.publishedAt ? new Date(d.publishedAt) : row.createdAt);

  return {
    name: platform,
    sandbox: true,
    idempotentMessages: true,
    capabilities,
    async refreshToken() {
      return {
        accessToken: `sbx_at_${randomBytes(8).toString("hex")}`,
        refreshToken: `sbx_rt_${randomBytes(8).toString("hex")}`,
        expiresAt: new Date(now() + 60 * 24 * 3600_000),
      };
    },
    async publish(ctx, input) {
      if (platform === "whatsapp") throw new ConnectorError("unsupported", platform, "publishing posts is not available on WhatsApp");
      if (input.text.length > capabilities.maxTextLength)
        throw new ConnectorError("validation", platform, `text longer than ${capabilities.maxTextLength} characters`);
      if (input.kind === "text" && !capabilities.textOnly) throw new ConnectorError("validation", platform, "this platform needs media");
      if (input.kind !== "text" && !capabilities.media.includes(input.kind === "image" ? "image" : input.kind))
        throw new ConnectorError("validation", platform, `${input.kind} posts are not supported`);
      if (input.kind !== "text" && !input.media?.length) throw new ConnectorError("validation", platform, "media is required for this post kind");
      if (input.kind === "carousel" && (input.media?.length ?? 0) > capabilities.maxCarouselItems)
        throw new ConnectorError("validation", platform, `at most ${capabilities.maxCarouselItems} items`);
      // The publication's idempotency key names the post: a repeated publish (a re-run after a crash
      // between this call and the row's POSTED) finds the first post instead of posting again.
      const id = input.idempotencyKey ? `sbx_post_${createHash("sha256").update(`${ctx.account.id}:${input.idempotencyKey}`).digest("hex").slice(0, 12)}` : newId("post");
      const async = input.kind === "video" || input.kind === "reel" || (input.kind === "carousel" && platform === "instagram") || platform === "tiktok";
      const data: PostData = {
        kind: input.kind,
        text: input.text,
        state: async ? "processing" : "published",
        publishedAt: async ? undefined : new Date(now()).toISOString(),
        url: urlFor(id),
        mediaCount: input.media?.length ?? 0,
      };
      // The sandbox stands in for a platform's API: keep its own cost off MKT-107's measured hot
      // path (one plain insert rather than a Prisma call, see lib/publishing/publish-sql.ts).
      const at = new Date(now());
      const inserted = await sqlPool().query(
        `INSERT INTO sandbox_records (id, "organizationId", "accountId", kind, "externalId", data, "createdAt", "updatedAt") VALUES ($1, $2, $3, 'post', $4, $5::jsonb, $6, $6)
         ON CONFLICT ("accountId", kind, "externalId") DO NOTHING`,
        [ulid(at.getTime()), ctx.account.organizationId, ctx.account.id, id, JSON.stringify(data), at],
      );
      if (inserted.rowCount === 0) return settle(ctx, id);
      return async ? { state: "pending", pollToken: id, checkAfterSeconds: 5, detail: "IN_PROGRESS" } : { state: "published", remoteId: id, url: data.url };
    },
    getPublicationStatus: settle,
    async fetchMetrics(ctx, id) {
      const { row, data } = await loadPost(ctx, id);
      if (data.state !== "published") return { impressions: 0, reach: 0, likes: 0, comments: 0, shares: 0, saves: 0, clicks: 0, videoViews: null };
      return sandboxMetrics(id, publishedAt(row, data), now(), data.kind);
    },
    async listNewComments(ctx, postId, since) {
      if (!capabilities.comments) throw new ConnectorError("unsupported", platform, "comments are not available");
      const { row, data } = await loadPost(ctx, postId);
      const all = sandboxComments(postId, publishedAt(row, data), now());
      const from = since ? Number(since) : 0;
      return { comments: all.slice(from), nextCursor: String(all.length) };
    },
    async replyToComment(ctx, commentId, text) {
      if (!capabilities.comments) throw new ConnectorError("unsupported", platform, "comments are not available");
      const id = newId("reply");
      await db().sandboxRecord.create({
        data: { organizationId: ctx.account.organizationId, accountId: ctx.account.id, kind: "reply", externalId: id, data: { commentId, text } },
      });
      return { id };
    },
    hideComment: HIDE_COMMENT_PLATFORMS.includes(platform)
      ? async (ctx, commentId, hidden) => {
          await db().sandboxRecord.upsert({
            where: rec(ctx, "hidden", commentId),
            create: { organizationId: ctx.account.organizationId, accountId: ctx.account.id, kind: "hidden", externalId: commentId, data: { hidden } },
            update: { data: { hidden } },
          });
        }
      : undefined,
    sendMessage: capabilities.dm
      ? async (ctx, input) => {
          if (!input.template) {
            if (!input.text) throw new ConnectorError("validation", platform, "a message needs text or a template");
            if (platform === "whatsapp" || platform === "instagram" || platform === "facebook") assertInsideWindow(platform, input.lastInboundAt, now());
          }
          // An idempotency key names the message (idempotentMessages): a repeated key finds the first one and sends nothing.
          const hex = input.idempotencyKey ? createHash("sha256").update(`${ctx.account.id}:${input.idempotencyKey}`).digest("hex").slice(0, 16) : randomBytes(8).toString("hex");
          const id = platform === "whatsapp" ? `wamid.sbx${hex}` : `sbx_msg_${hex.slice(0, 12)}`;
          await db().sandboxRecord.createMany({
            data: [{
              organizationId: ctx.account.organizationId,
              accountId: ctx.account.id,
              kind: "message",
              externalId: id,
              data: { to: input.to, text: input.text ?? null, template: input.template?.name ?? null },
            }],
            skipDuplicates: true,
          });
          return { id, status: "accepted" };
        }
      : undefined,
    getLead:
      platform === "facebook"
        ? async (_ctx, leadId) => {
            const slot = Math.floor(unit(`sbx-lead:${leadId}`) * 1000);
            const f = sandboxLeads(leadId, slot * 2 * 3600_000 - 1, slot * 2 * 3600_000 + 1)[0];
            return {
              id: leadId,
              formId: f?.formId ?? null,
              adId: null,
              campaignId: null,
              createdAt: new Date(now()),
              isOrganic: false,
              fieldData: Object.entries(f?.fields ?? {}).map(([name, v]) => ({ name, values: [v] })),
            };
          }
        : undefined,
    verifyWebhook: () => ({ ok: false, status: 403, reason: "sandbox accounts receive no webhooks; events are polled" }),
    parseWebhook: () => [],
    async listNewEvents(ctx, since) {
      const account: AccountRef = ctx.account;
      const from = since ? Number(since) : now() - 24 * 3600_000;
      const events: NormalisedEvent[] = capabilities.dm
        ? sandboxMessages(account.id, from, now()).map((m) => ({
            type: "message.received" as const,
            platform,
            accountExternalId: account.externalId,
            eventId: m.id,
            from: m.from,
            fromName: m.fromName,
            text: m.text,
            messageType: "text",
            occurredAt: m.at,
          }))
        : [];
      return { events, nextCursor: String(now()) };
    },
  };
}
