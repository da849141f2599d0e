import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { apiVersions, vendorHosts } from "../endpoints";
import { defaultRuntime, fallbackError, nextUtcMidnight, obj, send, type ConnectorRuntime, type HttpRequest, type HttpResponse } from "../http";
import { decodePoll, downloadMedia, encodePoll, requireMedia } from "../media";
import { refreshWithProvider } from "@/lib/oauth/client";
import type { ConnectorContext, NormalisedMetrics, PlatformConnector, PublishInput, PublishResult } from "../types";
import type { Loose } from "@/lib/connectors/http";
import { linkedinCapabilities } from "../capabilities";

/** LinkedIn Community Management: Posts API + Images API + share statistics, versioned by LinkedIn-Version. */
export function createLinkedinConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "linkedin" as const;
  const base = () => `${vendorHosts("linkedin").api}/rest`;
  const author = (ctx: ConnectorContext) =>
    ctx.account.externalId.startsWith("urn:") ? ctx.account.externalId : `urn:li:organization:${ctx.account.externalId}`;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);

  function mapError(res: HttpResponse): ConnectorError {
    const b = obj(res.body);
    const msg = String(b.message ?? res.text.slice(0, 300) ?? `HTTP ${res.status}`);
    const opts = { httpStatus: res.status, platformCode: b.code ?? b.serviceErrorCode, now: rt.now() };
    if (res.status === 401) return new ConnectorError("auth_expired", P, msg, opts);
    if (res.status === 403) return new ConnectorError("permission", P, msg, opts);
    if (res.status === 426)
      return new ConnectorError("validation", P, `API version ${apiVersions().linkedin} is sunset or unknown (set LINKEDIN_API_VERSION): ${msg}`, opts);
    // A throttle that says when to come back (Retry-After, seconds) is waited out; LinkedIn's daily
    // quotas say nothing and reset at midnight UTC.
    if (res.status === 429) {
      const ra = Number(res.headers.get("retry-after"));
      if (res.headers.get("retry-after") && Number.isFinite(ra) && ra > 0) return new ConnectorError("rate_limited", P, `throttled: ${msg}`, { ...opts, retryAt: new Date(rt.now() + ra * 1000) });
      return new ConnectorError("rate_limited", P, `daily quota used up: ${msg}`, { ...opts, retryAt: nextUtcMidnight(rt.now()) });
    }
    return fallbackError(P, res, rt, msg);
  }

  async function li(t: string, req: Omit<HttpRequest, "url"> & { path: string; rawQuery?: string }): Promise<HttpResponse> {
    const url = `${base()}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ""}`;
    const res = await send(P, rt, {
      ...req,
      url,
      headers: { authorization: `Bearer ${t}`, "linkedin-version": apiVersions().linkedin, "x-restli-protocol-version": "2.0.0", ...req.headers },
    });
    if (res.status >= 400) throw mapError(res);
    return res;
  }

  type Pending = { images: { urn: string; altText?: string }[]; commentary: string; link?: string };

  async function createPost(ctx: ConnectorContext, t: string, p: Pending): Promise<PublishResult> {
    const content =
      p.images.length === 1
        ? { media: { id: p.images[0].urn, ...(p.images[0].altText ? { altText: p.images[0].altText } : {}) } }
        : p.images.length > 1
          ? { multiImage: { images: p.images.map((i) => ({ id: i.urn, ...(i.altText ? { altText: i.altText } : {}) })) } }
          : p.link
            ? { article: { source: p.link, title: p.link } }
            : undefined;
    const res = await li(t, {
      method: "POST",
      path: "/posts",
      json: {
        author: author(ctx),
        commentary: p.commentary,
        visibility: "PUBLIC",
        distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
        ...(content ? { content } : {}),
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
      },
    });
    const id = res.headers.get("x-restli-id") ?? res.headers.get("x-linkedin-id");
    if (!id) throw new ConnectorError("transient", P, "post created without an x-restli-id header");
    return { state: "published", remoteId: id, url: `https://www.linkedin.com/feed/update/${id}` };
  }

  async function imagesState(t: string, images: Pending["images"]): Promise<"ready" | "processing" | string> {
    for (const img of images) {
      const r = obj((await li(t, { method: "GET", path: `/images/${encodeURIComponent(img.urn)}` })).body);
      if (r.status === "PROCESSING_FAILED") return `image ${img.urn} failed processing`;
      if (r.status !== "AVAILABLE") return "processing";
    }
    return "ready";
  }

  async function publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult> {
    if (input.text.length > linkedinCapabilities.maxTextLength) throw new ConnectorError("validation", P, "commentary longer than 3000 characters");
    if (input.kind === "video" || input.kind === "reel") throw new ConnectorError("unsupported", P, "video posts are not supported by this connector yet");
    return call(ctx, async (t) => {
      const images: Pending["images"] = [];
      if (input.kind === "image" || input.kind === "carousel") {
        const media = requireMedia(P, input.media, input.kind === "carousel" ? 2 : 1);
        for (const m of media) {
          const init = obj(
            obj(
              (await li(t, { method: "POST", path: "/images", rawQuery: "action=initializeUpload", json: { initializeUploadRequest: { owner: author(ctx) } } }))
                .body,
            ).value,
          );
          const { bytes } = await downloadMedia(P, rt, m.url, linkedinCapabilities.maxImageBytes);
          const up = await send(P, rt, { method: "PUT", url: String(init.uploadUrl), headers: { authorization: `Bearer ${t}` }, body: bytes });
          if (up.status >= 400) throw mapError(up);
          images.push({ urn: String(init.image), altText: m.altText });
        }
      }
      const pending: Pending = { images, commentary: input.text, link: input.link };
      const state = images.length ? await imagesState(t, images) : "ready";
      if (state === "ready") return createPost(ctx, t, pending);
      if (state === "processing") return { state: "pending", pollToken: encodePoll(pending), checkAfterSeconds: 10, detail: "image processing" };
      return { state: "failed", reason: state };
    });
  }

  async function getPublicationStatus(ctx: ConnectorContext, pollToken: string): Promise<PublishResult> {
    const pending = decodePoll<Pending>(P, pollToken);
    return call(ctx, async (t) => {
      const state = await imagesState(t, pending.images);
      if (state === "ready") return createPost(ctx, t, pending);
      if (state === "processing") return { state: "pending", pollToken, checkAfterSeconds: 10, detail: "image processing" };
      return { state: "failed", reason: state };
    });
  }

  async function fetchMetrics(ctx: ConnectorContext, postUrn: string): Promise<NormalisedMetrics> {
    const list = postUrn.includes(":ugcPost:") ? "ugcPosts" : "shares";
    const q = `q=organizationalEntity&organizationalEntity=${encodeURIComponent(author(ctx))}&${list}=List(${encodeURIComponent(postUrn)})`;
    return call(ctx, async (t) => {
      const r = obj((await li(t, { method: "GET", path: "/organizationalEntityShareStatistics", rawQuery: q })).body);
      const s = obj(r.elements?.[0]?.totalShareStatistics);
      const n = (v: unknown) => (typeof v === "number" ? v : null);
      return {
        impressions: n(s.impressionCount),
        reach: n(s.uniqueImpressionsCount),
        likes: n(s.likeCount),
        comments: n(s.commentCount),
        shares: n(s.shareCount),
        saves: null,
        clicks: n(s.clickCount),
        videoViews: null,
      };
    });
  }

  return {
    name: P,
    sandbox: false,
    capabilities: linkedinCapabilities,
    refreshToken: ({ account, refreshToken }) =>
      refreshWithProvider({ provider: "linkedin", platform: account.platform, refreshToken, fetch: rt.fetch, now: rt.now() }),
    publish,
    getPublicationStatus,
    fetchMetrics,
    async listNewComments(ctx, postUrn, since) {
      const start = since ? Number(since) : 0;
      return call(ctx, async (t) => {
        const r = obj(
          (await li(t, { method: "GET", path: `/socialActions/${encodeURIComponent(postUrn)}/comments`, rawQuery: `start=${start}&count=100` })).body,
        );
        const els: Loose[] = r.elements ?? [];
        const comments = els.map((c) => ({
          id: String(c.commentUrn ?? c.$URN ?? c.id),
          postId: postUrn,
          parentId: c.parentComment ?? null,
          authorId: c.actor ?? null,
          authorName: null,
          text: String(c.message?.text ?? ""),
          createdAt: new Date(Number(c.created?.time ?? rt.now())),
        }));
        return { comments, nextCursor: String(start + els.length) };
      });
    },
    async replyToComment(ctx, commentUrn, text) {
      const parentObject = /urn:li:comment:\((.+),\d+\)$/.exec(commentUrn)?.[1] ?? commentUrn;
      return call(ctx, async (t) => {
        const res = await li(t, {
          method: "POST",
          path: `/socialActions/${encodeURIComponent(commentUrn)}/comments`,
          json: { actor: author(ctx), object: parentObject, parentComment: commentUrn, message: { text } },
        });
        return { id: res.headers.get("x-restli-id") ?? String(obj(res.body).commentUrn ?? obj(res.body).id ?? "") };
      });
    },
    verifyWebhook: () => ({ ok: false, status: 403, reason: "LinkedIn webhooks are not used; comments are polled" }),
    parseWebhook: () => [],
  };
}
