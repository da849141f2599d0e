import "server-only";
import { env } from "@/lib/env";
import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { vendorHosts } from "../endpoints";
import { defaultRuntime, fallbackError, obj, send, type ConnectorRuntime, type HttpRequest, type HttpResponse } from "../http";
import { decodePoll, downloadMedia, encodePoll, requireMedia } from "../media";
import { hmacBase64, safeEqual } from "../webhook-signatures";
import { refreshWithProvider } from "@/lib/oauth/client";
import type { ConnectorContext, NormalisedEvent, PlatformConnector, PublishInput, PublishResult } from "../types";
import type { Loose } from "@/lib/connectors/http";
import { xCapabilities } from "../capabilities";

/** X API v2: tweets, v2 media upload (simple + initialize/append/finalize/STATUS), replies, DMs. */
export function createXConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "x" as const;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);

  function resetOf(res: HttpResponse): Date {
    const candidates = ["x-rate-limit-reset", "x-user-limit-24hour-reset", "x-app-limit-24hour-reset"]
      .filter((h) => res.headers.get(h.replace("-reset", "-remaining")) === "0" || h === "x-rate-limit-reset")
      .map((h) => Number(res.headers.get(h)))
      .filter((n) => Number.isFinite(n) && n > 0);
    return candidates.length ? new Date(Math.max(...candidates) * 1000) : new Date(rt.now() + 15 * 60_000);
  }

  function mapError(res: HttpResponse): ConnectorError {
    const b = obj(res.body);
    const msg = String(b.detail ?? b.title ?? b.errors?.[0]?.message ?? b.error_description ?? res.text.slice(0, 300));
    const o = { httpStatus: res.status, platformCode: b.type ?? b.errors?.[0]?.code, now: rt.now() };
    if (res.status === 429) return new ConnectorError("rate_limited", P, msg, { ...o, retryAt: resetOf(res) });
    if (res.status === 401) return new ConnectorError("auth_expired", P, msg, o);
    if (res.status === 403) return new ConnectorError(/client-forbidden|not permitted|scope/i.test(JSON.stringify(b)) ? "permission" : "validation", P, msg, o);
    return fallbackError(P, res, rt, msg);
  }

  async function x(t: string, req: Omit<HttpRequest, "url"> & { path: string }): Promise<Record<string, Loose>> {
    const res = await send(P, rt, { ...req, url: `${vendorHosts("x").api}${req.path}`, headers: { authorization: `Bearer ${t}`, ...req.headers } });
    if (res.status >= 400) throw mapError(res);
    return obj(res.body);
  }

  async function uploadImage(t: string, url: string): Promise<string> {
    const { bytes, mimeType } = await downloadMedia(P, rt, url, xCapabilities.maxImageBytes);
    const form = new FormData();
    form.set("media", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
    form.set("media_category", "tweet_image");
    const res = await rt
      .fetch(`${vendorHosts("x").api}/2/media/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${t}` },
        body: form,
        signal: AbortSignal.timeout(rt.timeoutMs),
      })
      .catch((err: Error) => {
        throw new ConnectorError("transient", P, `media upload failed: ${err.message}`);
      });
    const text = await res.text();
    const parsed: HttpResponse = { status: res.status, headers: res.headers, text, body: safeJson(text) };
    if (res.status >= 400) throw mapError(parsed);
    return String(obj(obj(parsed.body).data).id);
  }

  async function uploadVideo(t: string, url: string): Promise<{ id: string; state: string }> {
    const { bytes, mimeType } = await downloadMedia(P, rt, url, xCapabilities.maxVideoBytes);
    const init = obj(
      (
        await x(t, {
          method: "POST",
          path: "/2/media/upload/initialize",
          json: { media_type: mimeType.startsWith("video/") ? mimeType : "video/mp4", total_bytes: bytes.byteLength, media_category: "tweet_video" },
        })
      ).data,
    );
    const id = String(init.id);
    const SEG = 4 * 1024 * 1024;
    for (let i = 0, seg = 0; i < bytes.byteLength; i += SEG, seg++) {
      const form = new FormData();
      form.set("segment_index", String(seg));
      form.set("media", new Blob([bytes.subarray(i, i + SEG) as Uint8Array<ArrayBuffer>]));
      const res = await rt.fetch(`${vendorHosts("x").api}/2/media/upload/${id}/append`, {
        method: "POST",
        headers: { authorization: `Bearer ${t}` },
        body: form,
        signal: AbortSignal.timeout(rt.timeoutMs),
      });
      if (res.status >= 400) {
        const text = await res.text();
        throw mapError({ status: res.status, headers: res.headers, text, body: safeJson(text) });
      }
    }
    const fin = obj((await x(t, { method: "POST", path: `/2/media/upload/${id}/finalize` })).data);
    return { id, state: String(fin.processing_info?.state ?? "succeeded") };
  }

  type Pending = { text: string; mediaIds: string[]; waitFor: string[] };

  async function tweet(t: string, p: Pending): Promise<PublishResult> {
    const d = obj(
      (await x(t, { method: "POST", path: "/2/tweets", json: { text: p.text, ...(p.mediaIds.length ? { media: { media_ids: p.mediaIds } } : {}) } })).data,
    );
    return { state: "published", remoteId: String(d.id), url: `https://x.com/i/web/status/${d.id}` };
  }

  async function progress(t: string, p: Pending, pollToken: string): Promise<PublishResult> {
    const still: string[] = [];
    for (const id of p.waitFor) {
      const info = obj(obj((await x(t, { method: "GET", path: `/2/media/upload?command=STATUS&media_id=${id}` })).data).processing_info);
      if (info.state === "failed")
        return { state: "failed", reason: String(info.error?.message ?? "media processing failed"), platformCode: String(info.error?.name ?? "InvalidMedia") };
      if (info.state && info.state !== "succeeded") still.push(id);
    }
    if (still.length)
      return { state: "pending", pollToken: pollToken || encodePoll({ ...p, waitFor: still }), checkAfterSeconds: 5, detail: "media processing" };
    return tweet(t, p);
  }

  async function publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult> {
    if ([...input.text].length > xCapabilities.maxTextLength) throw new ConnectorError("validation", P, "post longer than 280 characters");
    return call(ctx, async (t) => {
      const mediaIds: string[] = [];
      const waitFor: string[] = [];
      if (input.kind === "image" || input.kind === "carousel") {
        const media = requireMedia(P, input.media);
        if (media.length > 4) throw new ConnectorError("validation", P, "at most 4 images per post");
        for (const m of media) mediaIds.push(await uploadImage(t, m.url));
      } else if (input.kind === "video" || input.kind === "reel") {
        const [m] = requireMedia(P, input.media);
        const v = await uploadVideo(t, m.url);
        mediaIds.push(v.id);
        if (v.state !== "succeeded") waitFor.push(v.id);
      }
      return progress(t, { text: input.text, mediaIds, waitFor }, "");
    });
  }

  return {
    name: P,
    sandbox: false,
    capabilities: xCapabilities,
    refreshToken: ({ account, refreshToken }) =>
      refreshWithProvider({ provider: "x", platform: account.platform, refreshToken, fetch: rt.fetch, now: rt.now() }),
    publish,
    getPublicationStatus: (ctx, pollToken) => call(ctx, (t) => progress(t, decodePoll<Pending>(P, pollToken), pollToken)),
    async fetchMetrics(ctx, id) {
      return call(ctx, async (t) => {
        const m = obj(obj((await x(t, { method: "GET", path: `/2/tweets/${id}?tweet.fields=public_metrics` })).data).public_metrics);
        const n = (v: unknown) => (typeof v === "number" ? v : null);
        return {
          impressions: n(m.impression_count),
          reach: null,
          likes: n(m.like_count),
          comments: n(m.reply_count),
          shares: (n(m.retweet_count) ?? 0) + (n(m.quote_count) ?? 0),
          saves: n(m.bookmark_count),
          clicks: null,
          videoViews: null,
        };
      });
    },
    async listNewComments(ctx, postId, since) {
      return call(ctx, async (t) => {
        const q = new URLSearchParams({
          query: `conversation_id:${postId}`,
          "tweet.fields": "author_id,created_at,referenced_tweets",
          expansions: "author_id",
          max_results: "100",
        });
        if (since) q.set("since_id", since);
        const r = await x(t, { method: "GET", path: `/2/tweets/search/recent?${q}` });
        const users = new Map<string, string>((r.includes?.users ?? []).map((u: Loose) => [String(u.id), String(u.username)]));
        const comments = (r.data ?? []).map((tw: Loose) => ({
          id: String(tw.id),
          postId,
          parentId: tw.referenced_tweets?.find((x: Loose) => x.type === "replied_to")?.id ?? null,
          authorId: tw.author_id ?? null,
          authorName: users.get(String(tw.author_id)) ?? null,
          text: String(tw.text),
          createdAt: new Date(tw.created_at),
        }));
        return { comments, nextCursor: r.meta?.newest_id ?? since };
      });
    },
    async replyToComment(ctx, commentId, text) {
      return call(ctx, async (t) => ({
        id: String(obj((await x(t, { method: "POST", path: "/2/tweets", json: { text, reply: { in_reply_to_tweet_id: commentId } } })).data).id),
      }));
    },
    async hideComment(ctx, commentId, hidden) {
      // X API v2: PUT /2/tweets/:id/hidden (replies to our own posts only).
      await call(ctx, (t) => x(t, { method: "PUT", path: `/2/tweets/${commentId}/hidden`, json: { hidden } }));
    },
    async sendMessage(ctx, input) {
      if (!input.text) throw new ConnectorError("validation", P, "a DM needs text");
      return call(ctx, async (t) => ({
        id: String(obj((await x(t, { method: "POST", path: `/2/dm_conversations/with/${input.to}/messages`, json: { text: input.text } })).data).dm_event_id),
      }));
    },
    verifyWebhook(req) {
      // Account Activity signs with the app's consumer secret (API secret key), not the OAuth 2 client secret.
      const secret = env().X_CONSUMER_SECRET;
      if (!secret) return { ok: false, status: 401, reason: "X_CONSUMER_SECRET is not set" };
      if (req.method === "GET") {
        const crc = req.query.get("crc_token");
        return crc
          ? { ok: true, respondWith: JSON.stringify({ response_token: `sha256=${hmacBase64(secret, crc)}` }) }
          : { ok: false, status: 403, reason: "missing crc_token" };
      }
      const sig = req.headers.get("x-twitter-webhooks-signature") ?? "";
      return sig.startsWith("sha256=") && safeEqual(sig.slice(7), hmacBase64(secret, req.rawBody))
        ? { ok: true }
        : { ok: false, status: 401, reason: "bad signature" };
    },
    parseWebhook(raw) {
      const b = obj(safeJson(new TextDecoder().decode(raw)));
      const account = String(b.for_user_id ?? "");
      const out: NormalisedEvent[] = [];
      for (const tw of b.tweet_create_events ?? []) {
        if (!tw.in_reply_to_status_id_str || tw.user?.id_str === account) continue;
        out.push({
          type: "comment.created",
          platform: P,
          accountExternalId: account,
          eventId: `xt:${tw.id_str}`,
          postId: String(tw.in_reply_to_status_id_str),
          comment: {
            id: String(tw.id_str),
            postId: String(tw.in_reply_to_status_id_str),
            parentId: String(tw.in_reply_to_status_id_str),
            authorId: tw.user?.id_str ?? null,
            authorName: tw.user?.screen_name ?? null,
            text: String(tw.text ?? ""),
            createdAt: new Date(Number(tw.timestamp_ms)),
          },
        });
      }
      for (const dm of b.direct_message_events ?? []) {
        const sender = String(dm.message_create?.sender_id ?? "");
        if (sender === account) continue;
        out.push({
          type: "message.received",
          platform: P,
          accountExternalId: account,
          eventId: `xdm:${dm.id}`,
          from: sender,
          fromName: null,
          text: dm.message_create?.message_data?.text ?? null,
          messageType: "text",
          occurredAt: new Date(Number(dm.created_timestamp)),
        });
      }
      return out;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
