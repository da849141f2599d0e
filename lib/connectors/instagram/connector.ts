import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime, type ConnectorRuntime } from "../http";
import { requireMedia } from "../media";
import { assertInsideWindow, graph, parseMetaWebhook, refreshMetaToken, verifyMetaWebhook } from "../meta/graph";
import type { ConnectorContext, NormalisedMetrics, PlatformConnector, PublishInput, PublishResult } from "../types";
import type { Loose } from "@/lib/connectors/http";
import { instagramCapabilities } from "../capabilities";

/**
 * Instagram content publishing: create a container, poll status_code until FINISHED, then
 * media_publish. Images usually finish at once; Reels and carousels come back "pending".
 */
export function createInstagramConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "instagram" as const;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);
  const ig = (ctx: ConnectorContext) => ctx.account.externalId;

  async function checkAndPublish(ctx: ConnectorContext, t: string, containerId: string): Promise<PublishResult> {
    const s = await graph(P, rt, t, { method: "GET", path: `/${containerId}`, query: { fields: "status_code,status" } });
    const code = String(s.status_code);
    if (code === "IN_PROGRESS") return { state: "pending", pollToken: containerId, checkAfterSeconds: 60, detail: code };
    if (code === "ERROR" || code === "EXPIRED") return { state: "failed", reason: String(s.status ?? code), platformCode: code };
    if (code === "PUBLISHED") return { state: "failed", reason: "container already published", platformCode: code };
    try {
      const p = await graph(P, rt, t, { method: "POST", path: `/${ig(ctx)}/media_publish`, form: { creation_id: containerId } });
      const media = await graph(P, rt, t, { method: "GET", path: `/${p.id}`, query: { fields: "permalink" } });
      return { state: "published", remoteId: String(p.id), url: media.permalink ? String(media.permalink) : null };
    } catch (err) {
      if (err instanceof ConnectorError && err.platformCode === "9007/2207027")
        return { state: "pending", pollToken: containerId, checkAfterSeconds: 60, detail: "not ready" };
      throw err;
    }
  }

  async function publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult> {
    if (input.text.length > instagramCapabilities.maxTextLength)
      throw new ConnectorError("validation", P, `caption longer than ${instagramCapabilities.maxTextLength}`);
    if ((input.text.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > 30) throw new ConnectorError("validation", P, "more than 30 hashtags");
    return call(ctx, async (t) => {
      const quota = await graph(P, rt, t, { method: "GET", path: `/${ig(ctx)}/content_publishing_limit`, query: { fields: "quota_usage,config" } });
      const q = quota.data?.[0];
      if (q && q.config?.quota_total && q.quota_usage >= q.config.quota_total) {
        throw new ConnectorError("rate_limited", P, "publishing quota for the rolling 24 h is used up", {
          platformCode: "9/2207042",
          retryAt: new Date(rt.now() + 3600_000),
          now: rt.now(),
        });
      }
      let containerId: string;
      const opts = input.options ?? {};
      if (input.kind === "image") {
        const [m] = requireMedia(P, input.media);
        containerId = String(
          (
            await graph(P, rt, t, {
              method: "POST",
              path: `/${ig(ctx)}/media`,
              form: { image_url: m.url, caption: input.text, ...(m.altText ? { alt_text: m.altText } : {}) },
            })
          ).id,
        );
      } else if (input.kind === "reel" || input.kind === "video") {
        const [m] = requireMedia(P, input.media);
        containerId = String(
          (
            await graph(P, rt, t, {
              method: "POST",
              path: `/${ig(ctx)}/media`,
              form: { media_type: "REELS", video_url: m.url, caption: input.text, share_to_feed: String(opts.shareToFeed ?? true) },
            })
          ).id,
        );
      } else if (input.kind === "carousel") {
        const media = requireMedia(P, input.media, 2);
        if (media.length > 10) throw new ConnectorError("validation", P, "a carousel holds at most 10 items");
        const children: string[] = [];
        for (const m of media) {
          const form: Record<string, string> =
            m.kind === "video" ? { media_type: "VIDEO", video_url: m.url, is_carousel_item: "true" } : { image_url: m.url, is_carousel_item: "true" };
          children.push(String((await graph(P, rt, t, { method: "POST", path: `/${ig(ctx)}/media`, form })).id));
        }
        containerId = String(
          (
            await graph(P, rt, t, {
              method: "POST",
              path: `/${ig(ctx)}/media`,
              form: { media_type: "CAROUSEL", children: children.join(","), caption: input.text },
            })
          ).id,
        );
      } else {
        throw new ConnectorError("validation", P, "Instagram posts need an image, a Reel or a carousel");
      }
      return checkAndPublish(ctx, t, containerId);
    });
  }

  async function fetchMetrics(ctx: ConnectorContext, mediaId: string): Promise<NormalisedMetrics> {
    return call(ctx, async (t) => {
      const r = await graph(P, rt, t, {
        method: "GET",
        path: `/${mediaId}/insights`,
        query: { metric: "views,reach,saved,shares,likes,comments,total_interactions" },
      });
      const val = (n: string) => {
        const v = (r.data ?? []).find((d: Loose) => d.name === n)?.values?.[0]?.value;
        return typeof v === "number" ? v : null;
      };
      return {
        impressions: val("views"),
        reach: val("reach"),
        likes: val("likes"),
        comments: val("comments"),
        shares: val("shares"),
        saves: val("saved"),
        clicks: null,
        videoViews: val("views"),
      };
    });
  }

  return {
    name: P,
    sandbox: false,
    capabilities: instagramCapabilities,
    refreshToken: (input) => refreshMetaToken(rt, input),
    publish,
    getPublicationStatus: (ctx, pollToken) => call(ctx, (t) => checkAndPublish(ctx, t, pollToken)),
    fetchMetrics,
    async listNewComments(ctx, mediaId, since) {
      return call(ctx, async (t) => {
        const r = await graph(P, rt, t, {
          method: "GET",
          path: `/${mediaId}/comments`,
          query: { fields: "id,text,username,timestamp,like_count,replies{id,text,username,timestamp}", limit: "50", ...(since ? { after: since } : {}) },
        });
        const comments = [];
        for (const c of r.data ?? []) {
          comments.push({
            id: String(c.id),
            postId: mediaId,
            parentId: null,
            authorId: null,
            authorName: c.username ?? null,
            text: String(c.text ?? ""),
            createdAt: new Date(c.timestamp),
          });
          for (const rep of c.replies?.data ?? [])
            comments.push({
              id: String(rep.id),
              postId: mediaId,
              parentId: String(c.id),
              authorId: null,
              authorName: rep.username ?? null,
              text: String(rep.text ?? ""),
              createdAt: new Date(rep.timestamp ?? c.timestamp),
            });
        }
        return { comments, nextCursor: r.paging?.cursors?.after ?? since };
      });
    },
    async replyToComment(ctx, commentId, text) {
      return call(ctx, async (t) => ({ id: String((await graph(P, rt, t, { method: "POST", path: `/${commentId}/replies`, form: { message: text } })).id) }));
    },
    async hideComment(ctx, commentId, hidden) {
      // Instagram Graph API: POST /{ig-comment-id}?hide=true|false.
      await call(ctx, (t) => graph(P, rt, t, { method: "POST", path: `/${commentId}`, form: { hide: String(hidden) } }));
    },
    async sendMessage(ctx, input) {
      if (!input.text) throw new ConnectorError("validation", P, "Instagram replies need text");
      assertInsideWindow(P, input.lastInboundAt, rt.now());
      const pageId = String(ctx.account.metadata.pageId ?? "");
      if (!pageId) throw new ConnectorError("validation", P, "account has no linked Facebook Page for messaging");
      return call(ctx, async (t) => {
        const r = await graph(P, rt, t, { method: "POST", path: `/${pageId}/messages`, json: { recipient: { id: input.to }, message: { text: input.text } } });
        return { id: String(r.message_id) };
      });
    },
    verifyWebhook: verifyMetaWebhook,
    parseWebhook: parseMetaWebhook,
  };
}
