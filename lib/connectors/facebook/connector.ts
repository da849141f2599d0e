import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime, type ConnectorRuntime } from "../http";
import { encodePoll, decodePoll, requireMedia } from "../media";
import { assertInsideWindow, fetchLeadgenLead, graph, parseMetaWebhook, refreshMetaToken, verifyMetaWebhook } from "../meta/graph";
import type { ConnectorContext, NormalisedMetrics, PlatformConnector, PublishInput, PublishResult } from "../types";
import type { Loose } from "@/lib/connectors/http";
import { facebookCapabilities } from "../capabilities";

/** Facebook Pages (Graph API): feed posts, photos, videos, insights, comments, Messenger replies. */
export function createFacebookConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "facebook" as const;
  const pageOf = (ctx: ConnectorContext) => ctx.account.externalId;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);
  const postUrl = (id: string) => `https://www.facebook.com/${id}`;

  async function publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult> {
    const page = pageOf(ctx);
    if (input.text.length > facebookCapabilities.maxTextLength) throw new ConnectorError("validation", P, "text too long");
    return call(ctx, async (t) => {
      if (input.kind === "text") {
        const r = await graph(P, rt, t, { method: "POST", path: `/${page}/feed`, form: { message: input.text, ...(input.link ? { link: input.link } : {}) } });
        return { state: "published", remoteId: String(r.id), url: postUrl(String(r.id)) };
      }
      if (input.kind === "image") {
        const [m] = requireMedia(P, input.media);
        const r = await graph(P, rt, t, { method: "POST", path: `/${page}/photos`, form: { url: m.url, caption: input.text, published: "true" } });
        const id = String(r.post_id ?? r.id);
        return { state: "published", remoteId: id, url: postUrl(id) };
      }
      if (input.kind === "carousel") {
        const media = requireMedia(P, input.media, 2);
        const ids: string[] = [];
        for (const m of media) {
          const r = await graph(P, rt, t, { method: "POST", path: `/${page}/photos`, form: { url: m.url, published: "false" } });
          ids.push(String(r.id));
        }
        const r = await graph(P, rt, t, {
          method: "POST",
          path: `/${page}/feed`,
          form: { message: input.text, attached_media: JSON.stringify(ids.map((media_fbid) => ({ media_fbid }))) },
        });
        return { state: "published", remoteId: String(r.id), url: postUrl(String(r.id)) };
      }
      const [m] = requireMedia(P, input.media);
      const r = await graph(P, rt, t, { method: "POST", path: `/${page}/videos`, form: { file_url: m.url, description: input.text } });
      return { state: "pending", pollToken: encodePoll({ videoId: String(r.id) }), checkAfterSeconds: 30 };
    });
  }

  async function getPublicationStatus(ctx: ConnectorContext, pollToken: string): Promise<PublishResult> {
    const { videoId } = decodePoll<{ videoId: string }>(P, pollToken);
    return call(ctx, async (t) => {
      const r = await graph(P, rt, t, { method: "GET", path: `/${videoId}`, query: { fields: "status,permalink_url,post_id" } });
      const status = String(r.status?.video_status ?? "processing");
      if (status === "ready")
        return {
          state: "published",
          remoteId: String(r.post_id ?? videoId),
          url: r.permalink_url ? `https://www.facebook.com${r.permalink_url}` : postUrl(videoId),
        };
      if (status === "error") return { state: "failed", reason: String(r.status?.processing_phase?.errors?.[0]?.message ?? "video processing failed") };
      return { state: "pending", pollToken, checkAfterSeconds: 30, detail: status };
    });
  }

  async function fetchMetrics(ctx: ConnectorContext, postId: string): Promise<NormalisedMetrics> {
    return call(ctx, async (t) => {
      const ins = await graph(P, rt, t, {
        method: "GET",
        path: `/${postId}/insights`,
        query: { metric: "post_media_view,post_total_media_view_unique,post_clicks,post_reactions_by_type_total", period: "lifetime" },
      });
      const node = await graph(P, rt, t, {
        method: "GET",
        path: `/${postId}`,
        query: { fields: "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)" },
      });
      const val = (name: string) => (ins.data ?? []).find((d: Loose) => d.name === name)?.values?.[0]?.value;
      const reactions = val("post_reactions_by_type_total");
      const num = (v: unknown) => (typeof v === "number" ? v : null);
      return {
        impressions: num(val("post_media_view")),
        reach: num(val("post_total_media_view_unique")),
        likes:
          num(node.reactions?.summary?.total_count) ??
          (reactions && typeof reactions === "object" ? Object.values(reactions as Record<string, number>).reduce((a, b) => a + b, 0) : null),
        comments: num(node.comments?.summary?.total_count),
        shares: num(node.shares?.count) ?? 0,
        saves: null,
        clicks: num(val("post_clicks")),
        videoViews: null,
      };
    });
  }

  return {
    name: P,
    sandbox: false,
    capabilities: facebookCapabilities,
    refreshToken: (input) => refreshMetaToken(rt, input),
    publish,
    getPublicationStatus,
    fetchMetrics,
    getLead: (ctx, leadId) => call(ctx, (t) => fetchLeadgenLead(P, rt, t, leadId)),
    async listNewComments(ctx, postId, since) {
      return call(ctx, async (t) => {
        const r = await graph(P, rt, t, {
          method: "GET",
          path: `/${postId}/comments`,
          query: { fields: "id,message,from,created_time,parent", filter: "stream", order: "chronological", limit: "100", ...(since ? { after: since } : {}) },
        });
        const comments = (r.data ?? []).map((c: Loose) => ({
          id: String(c.id),
          postId,
          parentId: c.parent?.id ? String(c.parent.id) : null,
          authorId: c.from?.id ?? null,
          authorName: c.from?.name ?? null,
          text: String(c.message ?? ""),
          createdAt: new Date(c.created_time),
        }));
        return { comments, nextCursor: r.paging?.cursors?.after ?? since };
      });
    },
    async replyToComment(ctx, commentId, text) {
      return call(ctx, async (t) => ({ id: String((await graph(P, rt, t, { method: "POST", path: `/${commentId}/comments`, form: { message: text } })).id) }));
    },
    async hideComment(ctx, commentId, hidden) {
      // Graph API: POST /{comment-id}?is_hidden=true|false (Page comments).
      await call(ctx, (t) => graph(P, rt, t, { method: "POST", path: `/${commentId}`, form: { is_hidden: String(hidden) } }));
    },
    async sendMessage(ctx, input) {
      if (!input.text) throw new ConnectorError("validation", P, "Messenger replies need text");
      assertInsideWindow(P, input.lastInboundAt, rt.now());
      return call(ctx, async (t) => {
        const r = await graph(P, rt, t, {
          method: "POST",
          path: `/${pageOf(ctx)}/messages`,
          json: { recipient: { id: input.to }, messaging_type: "RESPONSE", message: { text: input.text } },
        });
        return { id: String(r.message_id) };
      });
    },
    verifyWebhook: verifyMetaWebhook,
    parseWebhook: parseMetaWebhook,
  };
}
