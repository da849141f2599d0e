import { createHash } from "node:crypto";
import { bearer, FakeOAuth, FakeServer, id, type FakeRequest, type FakeResponse } from "./server";
import type { Loose } from "@/lib/connectors/http";

/**
 * Fake of graph.facebook.com + www.facebook.com for one origin: Facebook Login (dialog/oauth,
 * oauth/access_token incl. fb_exchange_token), Pages, Instagram publishing, WhatsApp Cloud, Marketing API.
 * Versions older than v23.0 are rejected as sunset. Error envelopes follow the Graph shape.
 */
export const META_CLIENT = { clientId: "meta-app-id", clientSecret: "meta-app-secret" };

export const metaErrors = {
  body: (code: number, message: string, subcode?: number, type = "OAuthException") => ({
    error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: `A${id("")}` },
  }),
  expired: (): FakeResponse => ({ status: 401, json: metaErrors.body(190, "Error validating access token: Session has expired.", 463) }),
  rateLimited: (minutes: number): FakeResponse => ({
    status: 400,
    headers: {
      "x-business-use-case-usage": JSON.stringify({
        "123": [{ type: "pages", call_count: 100, total_cputime: 30, total_time: 30, estimated_time_to_regain_access: minutes }],
      }),
    },
    json: metaErrors.body(80001, "There have been too many calls to this Page account."),
  }),
  validation: (message: string): FakeResponse => ({ status: 400, json: metaErrors.body(100, message, undefined, "GraphMethodException") }),
  server: (): FakeResponse => ({
    status: 500,
    json: metaErrors.body(2, "An unexpected error has occurred. Please retry your request later.", undefined, "OAuthException"),
  }),
};

type Obj = { kind: string; [k: string]: Loose };

export function createMetaFake() {
  const server = new FakeServer("meta");
  const oauth: FakeOAuth = new FakeOAuth({
    ...META_CLIENT,
    authorizePath: "/v\\d+\\.\\d/dialog/oauth",
    tokenPath: "/v\\d+\\.\\d/oauth/access_token",
    clientAuth: "post",
    rotateRefreshTokens: false,
    accessTtlSec: 3600,
    errorBody: (error, d) => metaErrors.body(error === "invalid_grant" ? 190 : 100, `${error}: ${d}`),
    grants: {
      fb_exchange_token: (form): FakeResponse => {
        const old = form.get("fb_exchange_token") ?? "";
        const rec = oauth.refreshTokens.get(old) ?? (oauth.check(old) ? { valid: true, family: old } : undefined);
        if (!rec?.valid) return { status: 400, json: metaErrors.body(190, "Error validating access token: The session has been invalidated.", 460) };
        const { accessToken }: { accessToken: string } = oauth.issue();
        oauth.accessTokens.get(accessToken)!.expiresAt = Date.now() + 60 * 86400_000;
        oauth.refreshTokens.set(accessToken, { valid: true, family: rec.family });
        return { status: 200, json: { access_token: accessToken, token_type: "bearer", expires_in: 5184000 } };
      },
    },
  });
  oauth.install(server);

  const objects = new Map<string, Obj>();
  const state = {
    pages: [{ id: "1001", name: "Acme Page", ig: "17841400000000001" }],
    adAccounts: [{ id: "act_555", name: "Acme Ads", currency: "EUR" }],
    waba: { id: "9001", phone: { id: "5550001", display: "+33 6 12 34 56 78", name: "Acme Support" } },
    reelPolls: 2,
    videoPolls: 1,
    publishedToday: 0,
    quota: 100,
  };
  /** Ad Library contents (raw archive rows + the countries each reached) and whether the token's owner confirmed their identity. */
  const adLibrary: { identityConfirmed: boolean; ads: (Record<string, Loose> & { countries: string[] })[] } = { identityConfirmed: true, ads: [] };
  /** Lead-ad leads readable by id (GET /{leadgen_id}), as the Graph API returns them. */
  const leads = new Map<string, { form_id?: string; ad_id?: string; campaign_id?: string; created_time?: string; is_organic?: boolean; field_data: { name: string; values: string[] }[] }>();
  /** user tokens issued at consent (usable as fb_exchange_token and to read page tokens). */
  const userTokens = new Set<string>();

  const ok = (json: unknown): FakeResponse => ({
    status: 200,
    json,
    headers: { "x-app-usage": JSON.stringify({ call_count: 5, total_cputime: 2, total_time: 3 }) },
  });
  const param = (req: FakeRequest, k: string) => req.json?.[k] ?? req.form.get(k) ?? req.url.searchParams.get(k) ?? undefined;

  server.route("GET", /^\/v\d+\.\d\/.*/, (req) => dispatch(req));
  server.route("POST", /^\/v\d+\.\d\/.*/, (req) => dispatch(req));

  function dispatch(req: FakeRequest): FakeResponse {
    const m = /^\/v(\d+)\.\d\/(.*)$/.exec(req.path)!;
    if (Number(m[1]) < 23)
      return { status: 400, json: metaErrors.body(2635, `You are calling a deprecated version of the Graph API (v${m[1]}). Please update.`) };
    const token = bearer(req);
    if (!oauth.check(token)) return metaErrors.expired();
    const parts = m[2].split("/").filter(Boolean);
    const [node, edge] = parts;
    const get = req.method === "GET";

    if (node === "me" && edge === "accounts" && get) {
      return ok({
        data: state.pages.map((p) => {
          const t = oauth.issue().accessToken;
          return {
            id: p.id,
            name: p.name,
            access_token: t,
            tasks: ["MANAGE", "CREATE_CONTENT"],
            instagram_business_account: { id: p.ig, username: "acme.ig" },
          };
        }),
        paging: {},
      });
    }
    if (node === "me" && edge === "adaccounts" && get)
      return ok({ data: state.adAccounts.map((a) => ({ id: a.id, account_id: a.id.slice(4), name: a.name, currency: a.currency, account_status: 1 })) });
    if (node === "me" && edge === "businesses" && get)
      return ok({
        data: [
          {
            id: "777",
            name: "Acme Business",
            owned_whatsapp_business_accounts: {
              data: [
                {
                  id: state.waba.id,
                  name: "Acme WA",
                  phone_numbers: { data: [{ id: state.waba.phone.id, display_phone_number: state.waba.phone.display, verified_name: state.waba.phone.name }] },
                },
              ],
            },
          },
        ],
      });
    if (node === "me" && !edge && get) return ok({ id: "u_42", name: "Ada Owner" });

    const lead = leads.get(node);
    if (lead && !edge && get) return ok({ id: node, created_time: new Date().toISOString(), ...lead });

    // Page
    const page = state.pages.find((p) => p.id === node);
    if (page && !edge && get && param(req, "fields") === "access_token") return ok({ id: page.id, access_token: oauth.issue().accessToken });
    if (page && edge === "feed" && !get) {
      if (!param(req, "message") && !param(req, "link")) return metaErrors.validation("(#100) The parameter message or link is required");
      const pid = `${page.id}_${id("")}`;
      objects.set(pid, { kind: "post", message: param(req, "message"), created: Date.now() });
      return ok({ id: pid });
    }
    if (page && edge === "photos" && !get) {
      const photo = id("");
      const published = String(param(req, "published") ?? "true") !== "false";
      objects.set(photo, { kind: "photo" });
      if (!published) return ok({ id: photo });
      const pid = `${page.id}_${id("")}`;
      objects.set(pid, { kind: "post", created: Date.now() });
      return ok({ id: photo, post_id: pid });
    }
    if (page && edge === "videos" && !get) {
      const vid = id("");
      objects.set(vid, { kind: "video", polls: 0, postId: `${page.id}_${id("")}` });
      return ok({ id: vid });
    }
    if (page && edge === "messages" && !get) return ok({ recipient_id: req.json?.recipient?.id, message_id: `m_${id("")}` });

    // Instagram user
    const igPage = state.pages.find((p) => p.ig === node);
    if (igPage && edge === "content_publishing_limit")
      return ok({ data: [{ quota_usage: state.publishedToday, config: { quota_total: state.quota, quota_duration: 86400 } }] });
    if (igPage && edge === "media" && !get) {
      const type = param(req, "media_type");
      const cid = id("1789");
      if (type === "REELS" || type === "VIDEO") {
        if (!param(req, "video_url")) return metaErrors.validation("(#100) video_url is required");
        objects.set(cid, { kind: "container", status: "IN_PROGRESS", polls: 0, needPolls: state.reelPolls });
      } else if (type === "CAROUSEL") {
        const children = String(param(req, "children") ?? "")
          .split(",")
          .filter(Boolean);
        if (children.length < 2 || children.length > 10) return metaErrors.validation("(#100) children must hold 2 to 10 containers");
        objects.set(cid, { kind: "container", status: "IN_PROGRESS", polls: 0, needPolls: 1, children });
      } else {
        const url = param(req, "image_url");
        if (!url) return metaErrors.validation("(#100) image_url is required");
        if (String(url).includes("unfetchable")) return { status: 400, json: metaErrors.body(9004, "The media could not be fetched from this uri", 2207052) };
        objects.set(cid, { kind: "container", status: "FINISHED", polls: 0, needPolls: 0 });
      }
      return ok({ id: cid });
    }
    if (igPage && edge === "media_publish" && !get) {
      const c = objects.get(String(param(req, "creation_id")));
      if (!c) return metaErrors.validation("(#100) creation_id is invalid");
      if (c.status !== "FINISHED")
        return { status: 400, json: metaErrors.body(9007, "The media is not ready for publishing, please wait for a moment", 2207027) };
      if (state.publishedToday >= state.quota) return { status: 400, json: metaErrors.body(9, "Application request limit reached", 2207042) };
      c.status = "PUBLISHED";
      state.publishedToday++;
      const mid = id("1790");
      objects.set(mid, { kind: "ig_media", created: Date.now() });
      return ok({ id: mid });
    }

    // WhatsApp phone number
    if (node === state.waba.phone.id && edge === "messages" && !get) {
      const b = req.json ?? {};
      if (b.messaging_product !== "whatsapp" || !b.to) return metaErrors.validation("(#100) Param messaging_product and to are required");
      if (b.type === "template") {
        if (!b.template?.name) return { status: 400, json: metaErrors.body(132001, "Template name does not exist in the translation") };
        return ok({
          messaging_product: "whatsapp",
          contacts: [{ input: b.to, wa_id: b.to }],
          messages: [{ id: `wamid.${id("")}`, message_status: "accepted" }],
        });
      }
      if (b.type !== "text" || !b.text?.body) return metaErrors.validation("(#100) text.body is required");
      return ok({ messaging_product: "whatsapp", contacts: [{ input: b.to, wa_id: b.to }], messages: [{ id: `wamid.${id("")}` }] });
    }

    // Ad Library
    if (node === "ads_archive" && !edge && get) return adsArchive(req);

    // Marketing API: one object per call, parents checked like the real API does.
    const act = state.adAccounts.find((a) => a.id === node);
    if (act && !get && edge === "adimages") {
      const name = String(param(req, "name") ?? "image");
      const bytes = Buffer.from(String(param(req, "bytes") ?? ""), "base64");
      if (bytes.length === 0) return metaErrors.validation("(#100) bytes or filename is required");
      const hash = createHash("md5").update(bytes).digest("hex");
      objects.set(hash, { kind: "adimages", name });
      return ok({ images: { [name]: { hash, url: `https://scontent.example/${hash}.jpg` } } });
    }
    if (act && !get && ["campaigns", "adsets", "adcreatives", "ads"].includes(edge ?? "")) {
      const b = req.json ?? Object.fromEntries(req.form);
      if (!b.name) return { status: 400, json: metaErrors.body(100, "Invalid parameter", 1487390, "OAuthException") };
      if (edge === "campaigns" && !b.objective)
        return {
          status: 400,
          json: { error: { ...metaErrors.body(100, "Invalid parameter", 1487390).error, error_user_msg: "Campaign objective is required" } },
        };
      if (edge === "adsets") {
        if (objects.get(String(b.campaign_id))?.kind !== "campaigns") return metaErrors.validation(`(#100) Param campaign_id must be a valid campaign id`);
        if (Number(b.daily_budget) < 100) return { status: 400, json: metaErrors.body(100, "Invalid parameter", 1885272, "OAuthException") };
      }
      if (edge === "adcreatives") {
        const hash = b.object_story_spec?.link_data?.image_hash;
        if (hash && objects.get(hash)?.kind !== "adimages") return { status: 400, json: metaErrors.body(100, "Invalid parameter", 1487242, "OAuthException") };
      }
      if (edge === "ads") {
        if (objects.get(String(b.adset_id))?.kind !== "adsets") return metaErrors.validation("(#100) Param adset_id must be a valid ad set id");
        if (objects.get(String(b.creative?.creative_id))?.kind !== "adcreatives") return metaErrors.validation("(#100) creative_id is invalid");
      }
      const oid = id("120");
      objects.set(oid, { kind: edge!, ...b });
      return ok({ id: oid });
    }
    if (act && edge === "insights" && get) {
      const range = JSON.parse(String(param(req, "time_range") ?? "{}"));
      const level = String(param(req, "level") ?? "campaign");
      const rows = [...objects.entries()]
        .filter(([, o]) => o.kind === (level === "adset" ? "adsets" : level === "ad" ? "ads" : "campaigns"))
        .map(([oid]) => ({
          [`${level}_id`]: oid,
          impressions: "1000",
          reach: "800",
          clicks: "25",
          spend: "12.34",
          actions: [
            { action_type: "lead", value: "3" },
            { action_type: "offsite_conversion.fb_pixel_purchase", value: "2" },
          ],
          action_values: [{ action_type: "offsite_conversion.fb_pixel_purchase", value: "30.50" }],
          date_start: range.since,
          date_stop: range.since,
        }));
      return ok({ data: rows, paging: { cursors: { before: "a", after: "b" } } });
    }

    const o = objects.get(node);
    if (!o)
      return { status: 400, json: metaErrors.body(100, `(#100) Unsupported get request. Object with ID '${node}' does not exist`, 33, "GraphMethodException") };
    if (!edge && !get && ["campaigns", "adsets", "ads"].includes(o.kind)) {
      Object.assign(o, req.json ?? Object.fromEntries(req.form));
      return ok({ success: true });
    }
    // Hiding a comment: Facebook `is_hidden`, Instagram `hide` (POST on the comment node), answered {success: true}.
    if (o.kind === "comment" && !edge && !get) {
      const flag = param(req, "is_hidden") ?? param(req, "hide");
      if (flag !== "true" && flag !== "false") return metaErrors.validation("(#100) is_hidden or hide must be a boolean");
      o.hidden = flag === "true";
      return ok({ success: true });
    }
    if (o.kind === "container" && !edge) {
      if (o.status === "IN_PROGRESS") {
        const childrenDone = !o.children || o.children.every((c: string) => objects.get(c)?.status === "FINISHED");
        if (o.polls++ >= o.needPolls && childrenDone) o.status = "FINISHED";
      }
      return ok({ id: node, status_code: o.status, ...(o.status === "ERROR" ? { status: "2207026" } : {}) });
    }
    if (o.kind === "video" && !edge) {
      const ready = o.polls++ >= state.videoPolls;
      return ok({
        id: node,
        status: { video_status: ready ? "ready" : "processing" },
        ...(ready ? { post_id: o.postId, permalink_url: `/acme/videos/${node}` } : {}),
      });
    }
    if (o.kind === "ig_media" && !edge) return ok({ id: node, permalink: `https://www.instagram.com/p/${node}/` });
    if (edge === "insights") {
      const metrics = String(param(req, "metric") ?? "").split(",");
      const removed = metrics.find((mm) =>
        ["post_impressions", "post_impressions_unique", "impressions", "plays", "video_views", "page_impressions"].includes(mm),
      );
      if (removed) return metaErrors.validation(`(#100) The value must be a valid insights metric: ${removed}`);
      const val: Record<string, unknown> = {
        post_media_view: 1234,
        post_total_media_view_unique: 900,
        post_clicks: 40,
        post_reactions_by_type_total: { like: 30, love: 5 },
        views: 2000,
        reach: 1500,
        saved: 12,
        shares: 9,
        likes: 110,
        comments: 7,
        total_interactions: 138,
      };
      return ok({
        data: metrics
          .filter((mm) => mm in val)
          .map((name) => ({ name, period: "lifetime", values: [{ value: val[name] }], title: name, id: `${node}/insights/${name}/lifetime` })),
      });
    }
    if (o.kind === "post" && !edge && get)
      return ok({ id: node, shares: { count: 4 }, reactions: { data: [], summary: { total_count: 35 } }, comments: { data: [], summary: { total_count: 3 } } });
    if (edge === "comments" && get) {
      const all = [1, 2, 3].map((i) => ({
        id: `${node}_c${i}`,
        message: `comment ${i}`,
        text: `comment ${i}`,
        username: `user${i}`,
        from: { id: `u${i}`, name: `User ${i}` },
        created_time: new Date(1_750_000_000_000 + i * 60_000).toISOString(),
        timestamp: new Date(1_750_000_000_000 + i * 60_000).toISOString(),
      }));
      const after = param(req, "after");
      const start = after ? Number(Buffer.from(String(after), "base64url").toString()) : 0;
      for (const c of all) objects.set(c.id, { kind: "comment" });
      const data = all.slice(start);
      return ok({ data, paging: { cursors: { before: "MA", after: Buffer.from(String(all.length)).toString("base64url") } } });
    }
    if ((edge === "comments" || edge === "replies") && !get) {
      if (!param(req, "message")) return metaErrors.validation("(#100) message is required");
      return ok({ id: `${node}_r${id("")}` });
    }
    return { status: 400, json: metaErrors.body(100, `(#100) Unknown path components: /${edge}`) };
  }

  /**
   * GET /ads_archive: ad_reached_countries required (JSON array of known codes), search_terms or
   * search_page_ids required, ad_active_status filter, `fields` honoured (only id without it), pages of
   * `limit` with base64 offset cursors and a `next` link on every non-empty page: the end is an empty page.
   * Without identity confirmation: error 10 / 2332002 as Meta answers it.
   */
  function adsArchive(req: FakeRequest): FakeResponse {
    if (!adLibrary.identityConfirmed)
      return {
        status: 400,
        json: {
          error: {
            message: "Application does not have permission for this action",
            type: "OAuthException",
            code: 10,
            error_subcode: 2332002,
            is_transient: false,
            error_user_title: "Authorization and login needed",
            error_user_msg: "To access the API, you'll need to follow the steps at facebook.com/ads/library/api.",
            fbtrace_id: `A${id("")}`,
          },
        },
      };
    const q = req.url.searchParams;
    let countries: string[];
    try {
      countries = JSON.parse(q.get("ad_reached_countries") ?? "");
    } catch {
      return metaErrors.validation("(#100) The parameter ad_reached_countries is required");
    }
    if (!Array.isArray(countries) || countries.length === 0) return metaErrors.validation("(#100) The parameter ad_reached_countries is required");
    const bad = countries.findIndex((c) => !/^[A-Z]{2}$/.test(String(c)));
    if (bad >= 0) return metaErrors.validation(`(#100) Param ad_reached_countries[${bad}] must be a valid ISO country code`);
    const terms = q.get("search_terms");
    const pageIds = q.get("search_page_ids") ? (JSON.parse(q.get("search_page_ids")!) as string[]) : null;
    if (!terms && !pageIds) return metaErrors.validation("(#100) Either search_terms or search_page_ids must be specified");
    const status = q.get("ad_active_status") ?? "ACTIVE";
    const matches = adLibrary.ads.filter(
      (a) =>
        a.countries.some((c: string) => countries.includes(c)) &&
        (status === "ALL" || (status === "ACTIVE") === !a.ad_delivery_stop_time) &&
        (pageIds ? pageIds.includes(a.page_id) : `${a.page_name} ${a.ad_creative_bodies.join(" ")}`.toLowerCase().includes(String(terms).toLowerCase())),
    );
    const limit = Math.min(Number(q.get("limit") ?? 25), 1000);
    const offset = q.get("after") ? Number(Buffer.from(q.get("after")!, "base64url").toString()) : 0;
    const fields = (q.get("fields") ?? "id").split(",");
    const data = matches.slice(offset, offset + limit).map((a) => Object.fromEntries(fields.filter((f) => f in a).map((f) => [f, a[f]])));
    if (data.length === 0) return ok({ data: [] });
    const after = Buffer.from(String(offset + data.length)).toString("base64url");
    const next = new URL(req.url.toString());
    next.searchParams.set("after", after);
    return ok({ data, paging: { cursors: { before: Buffer.from(String(offset)).toString("base64url"), after }, next: next.toString() } });
  }

  return {
    server,
    oauth,
    state,
    objects,
    leads,
    adLibrary,
    /** A consented user: long-lived user token (refresh credential) + a page token. */
    consent() {
      const user = oauth.issue().accessToken;
      oauth.accessTokens.get(user)!.expiresAt = Date.now() + 60 * 86400_000;
      oauth.refreshTokens.set(user, { valid: true, family: user });
      userTokens.add(user);
      const page = oauth.issue().accessToken;
      return { userToken: user, pageToken: page };
    },
  };
}
export type MetaFake = ReturnType<typeof createMetaFake>;
