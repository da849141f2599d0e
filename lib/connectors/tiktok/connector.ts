import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { vendorHosts } from "../endpoints";
import { defaultRuntime, fallbackError, obj, send, type ConnectorRuntime, type HttpResponse } from "../http";
import { downloadMedia, requireMedia } from "../media";
import { safeEqual } from "../webhook-signatures";
import { refreshWithProvider } from "@/lib/oauth/client";
import type { ConnectorContext, NormalisedEvent, PlatformConnector, PublishInput, PublishResult } from "../types";
import type { Loose } from "@/lib/connectors/http";
import { tiktokCapabilities } from "../capabilities";

const MB = 1024 * 1024;

/** TikTok Content Posting API: creator_info -> init (PULL_FROM_URL or FILE_UPLOAD) -> status/fetch. */
export function createTiktokConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "tiktok" as const;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);

  function mapError(res: HttpResponse): ConnectorError {
    const e = obj(obj(res.body).error);
    const code = String(e.code ?? "");
    const msg = `${code || `HTTP ${res.status}`}${e.message ? `: ${e.message}` : ""}`;
    const o = { httpStatus: res.status, platformCode: code, now: rt.now() };
    if (code === "access_token_invalid") return new ConnectorError("auth_expired", P, msg, o);
    if (code === "scope_not_authorized" || code === "scope_permission_missed") return new ConnectorError("permission", P, msg, o);
    if (code === "rate_limit_exceeded") return new ConnectorError("rate_limited", P, msg, { ...o, retryAt: new Date(rt.now() + 60_000) });
    if (code === "internal_error" || res.status >= 500) return new ConnectorError("transient", P, msg, o);
    if (code) return new ConnectorError("validation", P, msg, o);
    return fallbackError(P, res, rt);
  }

  async function api(t: string, path: string, json: unknown): Promise<Record<string, Loose>> {
    const res = await send(P, rt, {
      method: "POST",
      url: `${vendorHosts("tiktok").api}${path}`,
      headers: { authorization: `Bearer ${t}`, "content-type": "application/json; charset=UTF-8" },
      json,
    });
    if (res.status >= 400 || (obj(obj(res.body).error).code ?? "ok") !== "ok") throw mapError(res);
    return obj(obj(res.body).data);
  }

  async function publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult> {
    if (input.text.length > tiktokCapabilities.maxTextLength) throw new ConnectorError("validation", P, "title longer than 2200 characters");
    const opts = input.options ?? {};
    return call(ctx, async (t) => {
      const creator = await api(t, "/v2/post/publish/creator_info/query/", {});
      const privacy = String(opts.privacyLevel ?? "SELF_ONLY");
      if (!(creator.privacy_level_options ?? []).includes(privacy))
        throw new ConnectorError("validation", P, `privacy level ${privacy} is not offered for this creator`, {
          platformCode: "privacy_level_option_mismatch",
        });
      const postInfo = {
        title: input.text,
        privacy_level: privacy,
        disable_comment: Boolean(opts.disableComment),
        disable_duet: Boolean(opts.disableDuet),
        disable_stitch: Boolean(opts.disableStitch),
        brand_content_toggle: Boolean(opts.brandContent),
        brand_organic_toggle: Boolean(opts.brandOrganic),
        is_aigc: Boolean(opts.isAigc),
      };
      if (input.kind === "carousel" || input.kind === "image") {
        const media = requireMedia(P, input.media);
        const d = await api(t, "/v2/post/publish/content/init/", {
          post_info: { title: input.text, privacy_level: privacy },
          source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: media.map((m) => m.url) },
          post_mode: "DIRECT_POST",
          media_type: "PHOTO",
        });
        return { state: "pending", pollToken: String(d.publish_id), checkAfterSeconds: 10, detail: "PROCESSING_DOWNLOAD" };
      }
      const [m] = requireMedia(P, input.media);
      if (m.durationSec && m.durationSec > (creator.max_video_post_duration_sec ?? 600))
        throw new ConnectorError("validation", P, `video longer than ${creator.max_video_post_duration_sec}s`);
      if (opts.upload !== true) {
        const d = await api(t, "/v2/post/publish/video/init/", {
          post_info: { ...postInfo, video_cover_timestamp_ms: 1000 },
          source_info: { source: "PULL_FROM_URL", video_url: m.url },
        });
        return { state: "pending", pollToken: String(d.publish_id), checkAfterSeconds: 10, detail: "PROCESSING_DOWNLOAD" };
      }
      // FILE_UPLOAD: chunks of 10 MB (files under 5 MB in one chunk); the last chunk takes the remainder.
      const { bytes } = await downloadMedia(P, rt, m.url, tiktokCapabilities.maxVideoBytes);
      const size = bytes.byteLength;
      const chunk = size < 5 * MB ? size : 10 * MB;
      const count = Math.max(1, Math.floor(size / chunk));
      const d = await api(t, "/v2/post/publish/video/init/", {
        post_info: postInfo,
        source_info: { source: "FILE_UPLOAD", video_size: size, chunk_size: chunk, total_chunk_count: count },
      });
      for (let i = 0; i < count; i++) {
        const start = i * chunk;
        const end = i === count - 1 ? size : start + chunk;
        const res = await send(P, rt, {
          method: "PUT",
          url: String(d.upload_url),
          headers: { "content-type": "video/mp4", "content-range": `bytes ${start}-${end - 1}/${size}` },
          body: bytes.subarray(start, end),
        });
        if (res.status >= 400) throw mapError(res);
      }
      return { state: "pending", pollToken: String(d.publish_id), checkAfterSeconds: 10, detail: "PROCESSING_UPLOAD" };
    });
  }

  async function getPublicationStatus(ctx: ConnectorContext, publishId: string): Promise<PublishResult> {
    return call(ctx, async (t) => {
      const d = await api(t, "/v2/post/publish/status/fetch/", { publish_id: publishId });
      const status = String(d.status);
      if (status === "PUBLISH_COMPLETE" || status === "SEND_TO_USER_INBOX") {
        const id = d.publicaly_available_post_id?.[0];
        const user = ctx.account.metadata.username as string | undefined;
        return { state: "published", remoteId: id ? String(id) : publishId, url: id && user ? `https://www.tiktok.com/@${user}/video/${id}` : null };
      }
      if (status === "FAILED") return { state: "failed", reason: String(d.fail_reason || "failed"), platformCode: String(d.fail_reason || "") };
      return { state: "pending", pollToken: publishId, checkAfterSeconds: 15, detail: status };
    });
  }

  const unsupported = (what: string) => Promise.reject(new ConnectorError("unsupported", P, `${what} is not offered by the TikTok API for this app`));

  return {
    name: P,
    sandbox: false,
    capabilities: tiktokCapabilities,
    refreshToken: ({ account, refreshToken }) =>
      refreshWithProvider({ provider: "tiktok", platform: account.platform, refreshToken, fetch: rt.fetch, now: rt.now() }),
    publish,
    getPublicationStatus,
    async fetchMetrics(ctx, videoId) {
      return call(ctx, async (t) => {
        const res = await send(P, rt, {
          method: "POST",
          url: `${vendorHosts("tiktok").api}/v2/video/query/?fields=id,like_count,comment_count,share_count,view_count`,
          headers: { authorization: `Bearer ${t}` },
          json: { filters: { video_ids: [videoId] } },
        });
        if (res.status >= 400 || (obj(obj(res.body).error).code ?? "ok") !== "ok") throw mapError(res);
        const v = obj(obj(obj(res.body).data).videos?.[0]);
        const n = (x: unknown) => (typeof x === "number" ? x : null);
        return {
          impressions: n(v.view_count),
          reach: null,
          likes: n(v.like_count),
          comments: n(v.comment_count),
          shares: n(v.share_count),
          saves: null,
          clicks: null,
          videoViews: n(v.view_count),
        };
      });
    },
    listNewComments: () => unsupported("reading comments"),
    replyToComment: () => unsupported("replying to comments"),
    verifyWebhook(req) {
      const secret = env().TIKTOK_CLIENT_SECRET;
      const header = req.headers.get("tiktok-signature") ?? "";
      const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
      if (!secret || !parts.t || !parts.s) return { ok: false, status: 401, reason: "missing signature" };
      if (Math.abs(rt.now() / 1000 - Number(parts.t)) > 300) return { ok: false, status: 401, reason: "stale timestamp" };
      const expected = createHmac("sha256", secret).update(`${parts.t}.`).update(req.rawBody).digest("hex");
      return safeEqual(parts.s, expected) ? { ok: true } : { ok: false, status: 401, reason: "bad signature" };
    },
    parseWebhook(raw) {
      let b: Record<string, Loose>;
      try {
        b = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return [];
      }
      const event = String(b.event ?? "");
      if (!event.startsWith("post.publish.")) return [];
      const content = typeof b.content === "string" ? obj(JSON.parse(b.content)) : obj(b.content);
      const ev: NormalisedEvent = {
        type: "publish.status",
        platform: P,
        accountExternalId: String(b.user_openid ?? ""),
        eventId: `tt:${content.publish_id}:${event}`,
        remoteId: String(content.post_id ?? content.publish_id ?? ""),
        status: event.slice("post.publish.".length),
        occurredAt: new Date(Number(b.create_time) * 1000),
      };
      return [ev];
    },
  };
}
