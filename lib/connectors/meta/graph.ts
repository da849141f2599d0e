import "server-only";
import { env } from "@/lib/env";
import { ConnectorError } from "../errors";
import { fallbackError, obj, send, type ConnectorRuntime, type HttpRequest, type HttpResponse } from "../http";
import { apiVersions, vendorHosts } from "../endpoints";
import { genericGrant } from "@/lib/oauth/client";
import { hmacHex, safeEqual } from "../webhook-signatures";
import type { AccountRef, NormalisedEvent, PlatformKey, RemoteComment, RemoteLead, TokenSet, WebhookRequest, WebhookVerification } from "../types";
import type { Loose } from "@/lib/connectors/http";

/** Graph API plumbing shared by Facebook Pages, Instagram, WhatsApp Cloud and the Marketing API. */
export const graphBase = () => `${vendorHosts("meta").api}/${apiVersions().meta}`;

const RATE_CODES = new Set([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80007, 80008, 80014, 130429, 131056, 131048]);
const VALIDATION_CODES = new Set([100, 368, 506, 1487000, 2207052, 2207026, 36003, 132000, 132001, 133010, 131026, 131047, 131049, 131051, 131052, 131053]);

/** Longest "estimated_time_to_regain_access" (minutes) in X-Business-Use-Case-Usage, if any. */
export function bucRegainMinutes(headers: Headers): number | null {
  const raw = headers.get("x-business-use-case-usage");
  if (!raw) return null;
  try {
    let max = -1;
    for (const entries of Object.values(JSON.parse(raw) as Record<string, { estimated_time_to_regain_access?: number }[]>)) {
      for (const e of entries) if (typeof e.estimated_time_to_regain_access === "number") max = Math.max(max, e.estimated_time_to_regain_access);
    }
    return max >= 0 ? max : null;
  } catch {
    return null;
  }
}

export function graphError(platform: PlatformKey, res: HttpResponse, rt: ConnectorRuntime): ConnectorError {
  const e = obj(obj(res.body).error);
  if (typeof e.code !== "number") return fallbackError(platform, res, rt);
  const code = e.code as number;
  const sub = typeof e.error_subcode === "number" ? (e.error_subcode as number) : undefined;
  const message = String(e.error_user_msg ?? e.message ?? `Graph error ${code}`);
  const platformCode = sub ? `${code}/${sub}` : String(code);
  const base = { httpStatus: res.status, platformCode, now: rt.now() };
  if (code === 190 || code === 102 || code === 2500) return new ConnectorError("auth_expired", platform, message, base);
  if (code === 9 && sub === 2207042) return new ConnectorError("rate_limited", platform, message, { ...base, retryAt: new Date(rt.now() + 3600_000) });
  if (RATE_CODES.has(code)) {
    const minutes = bucRegainMinutes(res.headers);
    return new ConnectorError("rate_limited", platform, message, {
      ...base,
      retryAt: new Date(rt.now() + (minutes && minutes > 0 ? minutes * 60_000 : 60_000)),
    });
  }
  if (code === 10 || code === 200 || (code >= 200 && code <= 299) || code === 3) return new ConnectorError("permission", platform, message, base);
  if (code === 803) return new ConnectorError("not_found", platform, message, base);
  if (VALIDATION_CODES.has(code) || (code === 9007 && sub !== 2207027)) return new ConnectorError("validation", platform, message, base);
  if (code === 1 || code === 2 || res.status >= 500 || e.is_transient === true) return new ConnectorError("transient", platform, message, base);
  return new ConnectorError("validation", platform, message, base);
}

/** A Graph call with the token as a Bearer header; throws mapped errors on failure. */
export async function graph(
  platform: PlatformKey,
  rt: ConnectorRuntime,
  token: string,
  req: Omit<HttpRequest, "url"> & { path: string; query?: Record<string, string> },
): Promise<Record<string, Loose>> {
  const url = new URL(`${graphBase()}${req.path}`);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const res = await send(platform, rt, { ...req, url, headers: { ...req.headers, authorization: `Bearer ${token}` } });
  if (res.status >= 400 || obj(res.body).error) throw graphError(platform, res, rt);
  return obj(res.body);
}

/**
 * Meta has no refresh tokens: the stored refresh credential is the long-lived user token. Refresh =
 * exchange it for a fresh long-lived token (fb_exchange_token) and, for Page-based accounts, read the
 * Page token again with it. A dead user token yields reconnect_required.
 */
export async function refreshMetaToken(rt: ConnectorRuntime, input: { account: AccountRef; refreshToken: string }): Promise<TokenSet> {
  const e = env();
  const user = await genericGrant({
    provider: "meta",
    platform: input.account.platform,
    grantType: "fb_exchange_token",
    params: { fb_exchange_token: input.refreshToken, client_id: e.META_APP_ID ?? "", client_secret: e.META_APP_SECRET ?? "" },
    fetch: rt.fetch,
    now: rt.now(),
  });
  const pageId = input.account.metadata.pageId as string | undefined;
  if (!pageId) return { accessToken: user.accessToken, refreshToken: user.accessToken, expiresAt: user.expiresAt, refreshExpiresAt: user.expiresAt };
  try {
    const page = await graph(input.account.platform, rt, user.accessToken, { method: "GET", path: `/${pageId}`, query: { fields: "access_token" } });
    if (!page.access_token) throw new ConnectorError("reconnect_required", input.account.platform, "the Page no longer grants a Page access token");
    return { accessToken: String(page.access_token), refreshToken: user.accessToken, refreshExpiresAt: user.expiresAt };
  } catch (err) {
    if (err instanceof ConnectorError && (err.kind === "auth_expired" || err.kind === "permission")) {
      throw new ConnectorError("reconnect_required", input.account.platform, err.message.replace(/^\w+: /, ""), { platformCode: err.platformCode });
    }
    throw err;
  }
}

/** GET /{leadgen_id}: a lead-ad lead with its answers (needs a Page token with leads_retrieval). */
export async function fetchLeadgenLead(platform: PlatformKey, rt: ConnectorRuntime, token: string, leadId: string): Promise<RemoteLead> {
  const r = await graph(platform, rt, token, { method: "GET", path: `/${encodeURIComponent(leadId)}`, query: { fields: "id,created_time,field_data,form_id,ad_id,campaign_id,is_organic" } });
  const opt = (v: unknown) => (v === undefined || v === null || v === "" ? null : String(v));
  return {
    id: String(r.id ?? leadId),
    formId: opt(r.form_id),
    adId: opt(r.ad_id),
    campaignId: opt(r.campaign_id),
    createdAt: r.created_time ? new Date(String(r.created_time)) : null,
    isOrganic: typeof r.is_organic === "boolean" ? r.is_organic : null,
    fieldData: (Array.isArray(r.field_data) ? r.field_data : []).map((f: Loose) => ({
      name: String(f.name ?? ""),
      values: (Array.isArray(f.values) ? f.values : [f.values]).filter((v: unknown) => v !== undefined && v !== null).map(String),
    })),
  };
}

/** GET hub.challenge handshake + X-Hub-Signature-256 over the raw body (no timestamp: dedupe downstream). */
export function verifyMetaWebhook(req: WebhookRequest): WebhookVerification {
  const e = env();
  if (req.method === "GET") {
    const token = req.query.get("hub.verify_token") ?? "";
    if (req.query.get("hub.mode") === "subscribe" && e.META_WEBHOOK_VERIFY_TOKEN && safeEqual(token, e.META_WEBHOOK_VERIFY_TOKEN)) {
      return { ok: true, respondWith: req.query.get("hub.challenge") ?? "" };
    }
    return { ok: false, status: 403, reason: "verify token mismatch" };
  }
  const header = req.headers.get("x-hub-signature-256") ?? "";
  if (!e.META_APP_SECRET) return { ok: false, status: 401, reason: "META_APP_SECRET is not set" };
  if (!header.startsWith("sha256=")) return { ok: false, status: 401, reason: "missing signature" };
  return safeEqual(header.slice(7), hmacHex(e.META_APP_SECRET, req.rawBody)) ? { ok: true } : { ok: false, status: 401, reason: "bad signature" };
}

const ts = (v: unknown) => new Date(typeof v === "number" ? v * 1000 : typeof v === "string" && /^\d+$/.test(v) ? Number(v) * 1000 : String(v));

/** Normalise Page / Instagram / WhatsApp / leadgen webhook payloads. */
export function parseMetaWebhook(rawBody: Uint8Array): NormalisedEvent[] {
  let body: Record<string, Loose>;
  try {
    body = JSON.parse(new TextDecoder().decode(rawBody));
  } catch {
    return [];
  }
  const out: NormalisedEvent[] = [];
  const object = String(body.object ?? "");
  for (const entry of Array.isArray(body.entry) ? body.entry : []) {
    const accountExternalId = String(entry.id ?? "");
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      const v = obj(change.value);
      if (change.field === "leadgen") {
        out.push({
          type: "lead.created",
          platform: "meta_ads",
          accountExternalId,
          eventId: `leadgen:${v.leadgen_id}`,
          leadId: String(v.leadgen_id),
          formId: v.form_id ? String(v.form_id) : null,
          adId: v.ad_id ? String(v.ad_id) : null,
          occurredAt: ts(v.created_time ?? entry.time),
        });
      } else if (change.field === "feed" && v.item === "comment" && v.verb === "add") {
        const comment: RemoteComment = {
          id: String(v.comment_id),
          postId: String(v.post_id),
          parentId: v.parent_id && v.parent_id !== v.post_id ? String(v.parent_id) : null,
          authorId: v.from?.id ? String(v.from.id) : null,
          authorName: v.from?.name ?? null,
          text: String(v.message ?? ""),
          createdAt: ts(v.created_time ?? entry.time),
        };
        out.push({ type: "comment.created", platform: "facebook", accountExternalId, eventId: `fbc:${comment.id}`, postId: comment.postId, comment });
      } else if (change.field === "comments" && object === "instagram") {
        const comment: RemoteComment = {
          id: String(v.id),
          postId: String(v.media?.id ?? ""),
          parentId: v.parent_id ? String(v.parent_id) : null,
          authorId: v.from?.id ? String(v.from.id) : null,
          authorName: v.from?.username ?? null,
          text: String(v.text ?? ""),
          createdAt: ts(entry.time),
        };
        out.push({ type: "comment.created", platform: "instagram", accountExternalId, eventId: `igc:${comment.id}`, postId: comment.postId, comment });
      } else if (change.field === "messages" && object === "whatsapp_business_account") {
        const phoneId = String(v.metadata?.phone_number_id ?? accountExternalId);
        const names = new Map<string, string>((v.contacts ?? []).map((c: Loose) => [String(c.wa_id ?? c.user_id ?? ""), c.profile?.name]));
        for (const m of v.messages ?? []) {
          const from = String(m.from ?? m.from_user_id ?? "");
          out.push({
            type: "message.received",
            platform: "whatsapp",
            accountExternalId: phoneId,
            eventId: `wa:${m.id}`,
            from,
            fromName: names.get(from) ?? null,
            text: m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? null,
            messageType: String(m.type),
            occurredAt: ts(m.timestamp),
          });
        }
        for (const s of v.statuses ?? []) {
          out.push({
            type: "message.status",
            platform: "whatsapp",
            accountExternalId: phoneId,
            eventId: `was:${s.id}:${s.status}`,
            messageId: String(s.id),
            status: String(s.status),
            occurredAt: ts(s.timestamp),
            errorCode: s.errors?.[0]?.code,
          });
        }
      }
    }
    for (const m of Array.isArray(entry.messaging) ? entry.messaging : []) {
      if (!m.message || m.message.is_echo) continue;
      out.push({
        type: "message.received",
        platform: object === "instagram" ? "instagram" : "facebook",
        accountExternalId,
        eventId: `msg:${m.message.mid}`,
        from: String(m.sender?.id ?? ""),
        fromName: null,
        text: m.message.text ?? null,
        messageType: m.message.attachments ? "attachment" : "text",
        occurredAt: new Date(Number(m.timestamp)),
      });
    }
  }
  return out;
}

/** 24 h customer-service window (Messenger, Instagram and WhatsApp): checked before Loose API call. */
export const WINDOW_MS = 24 * 3600_000;
export function assertInsideWindow(platform: PlatformKey, lastInboundAt: Date | null, now: number): void {
  if (!lastInboundAt || now - lastInboundAt.getTime() > WINDOW_MS) {
    throw new ConnectorError("outside_window", platform, "the 24-hour customer-service window is closed: only approved templates may be sent", {
      platformCode: 131047,
    });
  }
}
