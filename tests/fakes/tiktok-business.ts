import { createHash } from "node:crypto";
import { FakeServer, id, type FakeResponse } from "./server";

/** Fake of business-api.tiktok.com/open_api/v1.3: Access-Token header, HTTP 200 envelopes, code != 0 on error. */
export const TIKTOK_BUSINESS = { appId: "tt-ads-app", secret: "tt-ads-secret" };
const env = (code: number, message: string, data: unknown = {}, status = 200): FakeResponse => ({ status, json: { code, message, request_id: id("r"), data } });
export const tiktokBusinessErrors = {
  expired: () => env(40105, "The access token is invalid or has been revoked."),
  rateLimited: () => env(40100, "Requests made too frequently. Please try again later."),
  validation: (message: string) => env(40002, message),
  server: () => env(50000, "System error, please try again later."),
};

export function createTiktokBusinessFake() {
  const server = new FakeServer("tiktok_business");
  const tokens = new Set<string>();
  const objects = new Map<string, Record<string, unknown>>();
  type R = Parameters<Parameters<FakeServer["route"]>[2]>[0];
  const auth = (req: R) => {
    const h = String(req.headers["access-token"] ?? "");
    return tokens.has(h) ? null : tiktokBusinessErrors.expired();
  };
  server.route("POST", /^\/open_api\/v1\.3\/oauth2\/access_token\/$/, (req) => {
    if (req.json?.app_id !== TIKTOK_BUSINESS.appId || req.json?.secret !== TIKTOK_BUSINESS.secret) return env(40101, "app_id or secret is invalid");
    if (!String(req.json?.auth_code ?? "").startsWith("ac_")) return env(40110, "auth_code is invalid");
    const t = `tt_${id("")}`;
    tokens.add(t);
    return env(0, "OK", { access_token: t, advertiser_ids: ["7000000001"], scope: [1, 2, 3] });
  });
  for (const [path, key, required] of [
    ["campaign/create", "campaign_id", "campaign_name"],
    ["adgroup/create", "adgroup_id", "adgroup_name"],
  ] as const) {
    server.route("POST", new RegExp(`^/open_api/v1\\.3/${path}/$`), (req) => {
      const a = auth(req);
      if (a) return a;
      if (!req.json?.advertiser_id || !req.json?.[required]) return tiktokBusinessErrors.validation(`${required}: Missing data for required field.`);
      const oid = id("17");
      objects.set(oid, { ...req.json });
      return env(0, "OK", { [key]: oid });
    });
  }
  // Images: multipart UPLOAD_BY_FILE, the signature must be the file's MD5.
  server.route("POST", /^\/open_api\/v1\.3\/file\/image\/ad\/upload\/$/, async (req) => {
    const a = auth(req);
    if (a) return a;
    const form = await new Response(new Uint8Array(req.raw), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData().catch(() => null);
    const file = form?.get("image_file");
    if (!form || !(file instanceof Blob)) return tiktokBusinessErrors.validation("image_file: Missing data for required field.");
    const bytes = Buffer.from(await file.arrayBuffer());
    if (form.get("image_signature") !== createHash("md5").update(bytes).digest("hex")) return tiktokBusinessErrors.validation("image_signature: does not match the file");
    const imageId = `ad-site-i18n-sg/${id("")}`;
    objects.set(imageId, { kind: "image", size: bytes.length });
    return env(0, "OK", { image_id: imageId, width: 720, height: 1280, format: "jpeg", size: bytes.length });
  });
  server.route("POST", /^\/open_api\/v1\.3\/ad\/create\/$/, (req) => {
    const a = auth(req);
    if (a) return a;
    if (!objects.has(req.json?.adgroup_id)) return tiktokBusinessErrors.validation("adgroup_id: ad group does not exist");
    for (const c of req.json?.creatives ?? []) for (const img of c.image_ids ?? []) if (!objects.has(img)) return tiktokBusinessErrors.validation(`image_ids: ${img} does not exist`);
    const adId = id("17");
    objects.set(adId, { kind: "ad", ...req.json });
    return env(0, "OK", { ad_ids: [adId] });
  });
  server.route("POST", /^\/open_api\/v1\.3\/adgroup\/update\/$/, (req) => {
    const a = auth(req);
    if (a) return a;
    const g = objects.get(req.json?.adgroup_id);
    if (!g) return tiktokBusinessErrors.validation("adgroup_id: ad group does not exist");
    Object.assign(g, req.json);
    return env(0, "OK", { adgroup_id: req.json.adgroup_id });
  });
  server.route("POST", /^\/open_api\/v1\.3\/(campaign|adgroup|ad)\/status\/update\/$/, (req) => {
    const a = auth(req);
    if (a) return a;
    if (!["ENABLE", "DISABLE", "DELETE"].includes(req.json?.operation_status)) return tiktokBusinessErrors.validation("operation_status: invalid");
    for (const oid of req.json.campaign_ids ?? req.json.adgroup_ids ?? req.json.ad_ids ?? [])
      if (objects.has(oid)) objects.get(oid)!.operation_status = req.json.operation_status;
    return env(0, "OK", {});
  });
  server.route("POST", /^\/open_api\/v1\.3\/(campaign\/update|adgroup\/budget\/update)\/$/, (req) => {
    const a = auth(req);
    if (a) return a;
    if (req.json?.campaign_id && objects.has(req.json.campaign_id)) objects.get(req.json.campaign_id)!.budget = req.json.budget;
    for (const b of req.json?.budget ?? []) if (objects.has(b.adgroup_id)) objects.get(b.adgroup_id)!.budget = b.budget;
    return env(0, "OK", {});
  });
  server.route("GET", /^\/open_api\/v1\.3\/report\/integrated\/get\/$/, (req) => {
    const a = auth(req);
    if (a) return a;
    const q = req.url.searchParams;
    let dims: string[];
    try {
      dims = JSON.parse(q.get("dimensions") ?? "");
    } catch {
      return tiktokBusinessErrors.validation("dimensions: Not a valid JSON array");
    }
    const list = [...objects.entries()]
      .filter(([, o]) => o.campaign_name)
      .map(([oid]) => ({
        dimensions: { [dims[0]]: oid, stat_time_day: `${q.get("start_date")} 00:00:00` },
        metrics: { spend: "12.30", impressions: "1000", clicks: "20", conversion: "2", reach: "700", complete_payment_roas: "2.00" },
      }));
    return env(0, "OK", { list, page_info: { page: 1, page_size: 1000, total_number: list.length, total_page: 1 } });
  });
  return {
    server,
    tokens,
    objects,
    issue: () => {
      const t = `tt_${id("")}`;
      tokens.add(t);
      return t;
    },
  };
}
export type TiktokBusinessFake = ReturnType<typeof createTiktokBusinessFake>;
