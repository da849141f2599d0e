import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTiktokWebhook } from "@/lib/connectors/tiktok/webhook-signature";
import type { TestDatabase } from "@/tests/helpers/db";
import { until } from "@/tests/integration/runtime/harness";
import { startLeadProcessing, type LeadProcessing } from "./lead-processing";

/**
 * MKT-301, TikTok lead generation through the real route handler and mkt-301 on the embedded
 * executor: TikTok-Signature (t=<unix>,s=<hex HMAC-SHA256 of "t.body" with the app secret>) checked
 * before anything is stored; three payload shapes with local phone numbers of France, Sénégal and
 * Côte d'Ivoire -> one normalised lead each; the advertiser id names the organisation; a replay
 * (1,000 times, 50 at once) stores one submission and one lead.
 */
let t: TestDatabase;
let processing: LeadProcessing;
let orgId: string;
let route: typeof import("@/app/api/webhooks/tiktok-leads/route");

const APP_SECRET = "tiktok-app-secret-for-tests";
const ADVERTISER = "7012345678901234567";

beforeAll(async () => {
  processing = await startLeadProcessing({ TIKTOK_ADS_APP_ID: "tt-app", TIKTOK_ADS_SECRET: APP_SECRET });
  t = processing.t;
  route = await import("@/app/api/webhooks/tiktok-leads/route");
  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: `sahel-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  await t.db.socialAccount.create({ data: { organizationId: orgId, platform: "TIKTOK_ADS", externalId: ADVERTISER, name: "Atelier Sahel – TikTok Ads" } });
}, 120_000);

afterAll(() => processing?.stop());

const ctx = { params: Promise.resolve({}) };
const nowS = () => Math.floor(Date.now() / 1000);

function post(raw: string, signature: string | null = signTiktokWebhook(APP_SECRET, raw, nowS())): Promise<Response> {
  return route.POST(
    new Request("http://app.test/api/webhooks/tiktok-leads", { method: "POST", headers: { "content-type": "application/json", ...(signature === null ? {} : { "TikTok-Signature": signature }) }, body: raw }),
    ctx,
  );
}

async function setCountry(country: string) {
  await t.db.leadSettings.upsert({ where: { organizationId: orgId }, create: { organizationId: orgId, defaultCountry: country }, update: { defaultCountry: country } });
}

async function leadOfKey(dedupeKey: string) {
  const sub = await until(`submission ${dedupeKey} processed`, async () => {
    const s = await t.db.leadSubmission.findFirst({ where: { organizationId: orgId, dedupeKey } });
    return s && s.status !== "RECEIVED" ? s : undefined;
  }, 30_000);
  expect(sub.status, sub.errorMessage ?? "").toBe("PROCESSED");
  return { sub, lead: await t.db.lead.findUniqueOrThrow({ where: { id: sub.leadId! } }) };
}

describe("TikTok lead generation (POST /api/webhooks/tiktok-leads)", () => {
  it("normalises three payload shapes (FR, SN, CI local numbers) into one lead each, under the advertiser's organisation", async () => {
    const shapes = [
      {
        country: "FR",
        // TikTok's webhook envelope: `content` is the lead as a JSON string.
        body: {
          client_key: "tt-app",
          event: "lead.created",
          create_time: nowS(),
          content: JSON.stringify({
            advertiser_id: ADVERTISER,
            lead_id: "tt-lead-1",
            page_id: "7300000000000000001",
            campaign_id: "1790000000000001",
            ad_id: "1790000000000003",
            fields: [
              { field_name: "name", field_value: "Claire Dubois" },
              { field_name: "email", field_value: " Claire.Dubois@Example.FR " },
              { field_name: "phone_number", field_value: "06 12 34 56 78" },
              { field_name: "company_name", field_value: "Hôtel du Port" },
            ],
          }),
        },
        want: { firstName: "Claire", lastName: "Dubois", emailNormalized: "claire.dubois@example.fr", phoneE164: "+33612345678", company: "Hôtel du Port", isTest: false },
      },
      {
        country: "SN",
        // One lead at the top level, answers under lead_data.field_list.
        body: { advertiser_id: ADVERTISER, lead_id: 7398765432100001, form_id: "7300000000000000002", create_time: nowS(), lead_data: { field_list: [{ field_name: "first_name", field_value: "Awa" }, { field_name: "last_name", field_value: "Diop" }, { field_name: "phone_number", field_value: "77 123 45 67" }, { field_name: "job_title", field_value: "Gérante" }] } },
        want: { firstName: "Awa", lastName: "Diop", phoneE164: "+221771234567", jobTitle: "Gérante", isTest: false },
      },
      {
        country: "CI",
        // A batch; answers as { name, value } (and a TikTok test lead).
        body: { advertiser_id: ADVERTISER, leads: [{ lead_id: "tt-lead-3", page_id: "7300000000000000003", is_test: true, user_info: [{ name: "full_name", value: "Koffi Yao" }, { name: "email", value: "koffi@example.ci" }, { name: "phone", value: "07 08 09 10 11" }] }] },
        want: { firstName: "Koffi", lastName: "Yao", emailNormalized: "koffi@example.ci", phoneE164: "+2250708091011", isTest: true },
      },
    ];
    const keys = ["tiktok:tt-lead-1", "tiktok:7398765432100001", "tiktok:tt-lead-3"];
    for (const [i, s] of shapes.entries()) {
      await setCountry(s.country);
      const res = await post(JSON.stringify(s.body));
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toEqual({ received: 1, stored: 1, duplicates: 0, ignored: 0 });
      const { sub, lead } = await leadOfKey(keys[i]);
      expect(lead).toMatchObject({ ...s.want, sourceType: "TIKTOK_LEAD_ADS", organizationId: orgId });
      expect(sub.sourceType).toBe("TIKTOK_LEAD_ADS");
      expect((lead.customFields as Record<string, unknown>).tiktok_advertiser_id).toBe(ADVERTISER);
    }
    await setCountry("FR");
    const source = await t.db.leadSource.findFirstOrThrow({ where: { organizationId: orgId, type: "TIKTOK_LEAD_ADS" } });
    expect(source.externalId).toBe(`advertiser:${ADVERTISER}`);
    // An advertiser nobody connected: acknowledged, nothing stored.
    const before = await t.db.leadSubmission.count();
    const stranger = await post(JSON.stringify({ advertiser_id: "999", lead_id: "tt-stranger", fields: [{ field_name: "email", field_value: "x@example.fr" }] }));
    expect(await stranger.json()).toEqual({ received: 1, stored: 0, duplicates: 0, ignored: 1 });
    // A lead without its id is a 422 naming the field.
    const noId = await post(JSON.stringify({ advertiser_id: ADVERTISER, fields: [] }));
    expect(noId.status).toBe(422);
    expect(((await noId.json()) as { error: { field: string } }).error.field).toBe("lead_id");
    expect(await t.db.leadSubmission.count()).toBe(before);
  }, 90_000);

  it("a tampered signature, a missing header, another secret or a stale timestamp is a 401 and nothing is stored", async () => {
    const raw = JSON.stringify({ advertiser_id: ADVERTISER, lead_id: "tt-forged", fields: [{ field_name: "email", field_value: "forged@example.fr" }] });
    const good = signTiktokWebhook(APP_SECRET, raw, nowS());
    const before = await t.db.leadSubmission.count();
    const flipped = good.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    const cases: [string, string | null, string][] = [
      ["tampered signature", flipped, raw],
      ["missing header", null, raw],
      ["malformed header", "sha256=abc", raw],
      ["another secret", signTiktokWebhook("another-secret", raw, nowS()), raw],
      ["stale timestamp (6 minutes)", signTiktokWebhook(APP_SECRET, raw, nowS() - 360), raw],
      ["timestamp in the future (6 minutes)", signTiktokWebhook(APP_SECRET, raw, nowS() + 360), raw],
      ["body changed after signing", good, raw.replace("tt-forged", "tt-forged-2")],
    ];
    for (const [name, sig, body] of cases) {
      const res = await post(body, sig);
      expect(res.status, name).toBe(401);
      expect(((await res.json()) as { error: { field: string } }).error.field, name).toBe("TikTok-Signature");
    }
    expect(await t.db.leadSubmission.count()).toBe(before);
    // 4 minutes old is within the tolerance.
    const recent = await post(raw, signTiktokWebhook(APP_SECRET, raw, nowS() - 240));
    expect(recent.status).toBe(200);
    await leadOfKey("tiktok:tt-forged");
  }, 60_000);

  it("the same signed request replayed 1,000 times (50 at once) is one submission and one lead", async () => {
    const email = `replay-${randomUUID().slice(0, 8)}@example.sn`;
    const raw = JSON.stringify({ client_key: "tt-app", event: "lead.created", create_time: nowS(), content: JSON.stringify({ advertiser_id: ADVERTISER, lead_id: "tt-replay", fields: [{ field_name: "email", field_value: email }, { field_name: "name", field_value: "Re Play" }] }) });
    const signature = signTiktokWebhook(APP_SECRET, raw, nowS());
    const bodies: { stored: number; duplicates: number }[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const res = await Promise.all(Array.from({ length: 50 }, () => post(raw, signature)));
      expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      bodies.push(...((await Promise.all(res.map((r) => r.json()))) as { stored: number; duplicates: number }[]));
    }
    expect(bodies.reduce((n, b) => n + b.stored, 0)).toBe(1);
    expect(bodies.reduce((n, b) => n + b.duplicates, 0)).toBe(999);
    expect(await t.db.leadSubmission.count({ where: { dedupeKey: "tiktok:tt-replay" } })).toBe(1);
    await leadOfKey("tiktok:tt-replay");
    expect(await t.db.lead.count({ where: { organizationId: orgId, emailNormalized: email } })).toBe(1);
  }, 180_000);
});
