import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { TestDatabase } from "@/tests/helpers/db";
import { startLeadProcessing, type LeadProcessing } from "./lead-processing";

/**
 * Settings -> Lead sources: every webhook's URL and key, the Google key renewed (the old one refused
 * at once), and "Send a test lead" through each source's real receiver (google_key looked up, TikTok
 * signature checked), processed by mkt-301 on the embedded executor into a lead marked as a test, in
 * this organisation only.
 */
let t: TestDatabase;
let processing: LeadProcessing;
let orgId: string;
let otherOrgId: string;
let lib: {
  getLeadSourceSettings: typeof import("@/lib/leads/capture/lead-source-settings").getLeadSourceSettings;
  sendTestLead: typeof import("@/lib/leads/capture/send-test-lead").sendTestLead;
  rotateSourceSecret: typeof import("@/lib/leads/capture/source-secrets").rotateSourceSecret;
  receiveGoogleAdsLead: typeof import("@/lib/leads/capture/receive-google-ads-lead").receiveGoogleAdsLead;
};

const ADVERTISER = "7099999999999999999";

beforeAll(async () => {
  processing = await startLeadProcessing({ APP_URL: "https://app.example.test", TIKTOK_ADS_APP_ID: undefined, TIKTOK_ADS_SECRET: undefined });
  t = processing.t;
  lib = {
    getLeadSourceSettings: (await import("@/lib/leads/capture/lead-source-settings")).getLeadSourceSettings,
    sendTestLead: (await import("@/lib/leads/capture/send-test-lead")).sendTestLead,
    rotateSourceSecret: (await import("@/lib/leads/capture/source-secrets")).rotateSourceSecret,
    receiveGoogleAdsLead: (await import("@/lib/leads/capture/receive-google-ads-lead")).receiveGoogleAdsLead,
  };
  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: `sahel-${randomUUID().slice(0, 6)}` } });
  const other = await t.db.organization.create({ data: { name: "Other", slug: `other-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  otherOrgId = other.id;
  // The same advertiser connected by two organisations: a test lead reaches only the one that sent it.
  for (const organizationId of [orgId, otherOrgId]) {
    await t.db.socialAccount.create({ data: { organizationId, platform: "TIKTOK_ADS", externalId: ADVERTISER, name: "TikTok Ads", isSandbox: true } });
  }
}, 120_000);

afterAll(() => processing?.stop());

describe("Settings -> Lead sources", () => {
  it("lists every webhook with its URL, the Google key, the connected advertisers and how TikTok deliveries are checked", async () => {
    const s = await lib.getLeadSourceSettings({ organizationId: orgId });
    expect(s.form).toEqual({ url: "https://app.example.test/api/webhooks/leads", ingestKeys: 0 });
    expect(s.meta).toMatchObject({ url: "https://app.example.test/api/webhooks/meta", accounts: [] });
    expect(s.google.url).toBe("https://app.example.test/api/webhooks/google-ads-leads");
    expect(s.google.key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(s.google.rotatedAt).toBeNull();
    expect(s.tiktok).toEqual({ url: "https://app.example.test/api/webhooks/tiktok-leads", signing: "sandbox", accounts: [{ externalId: ADVERTISER, name: "TikTok Ads", sandbox: true }] });
    // The key is the organisation's own and stable across reads.
    expect((await lib.getLeadSourceSettings({ organizationId: orgId })).google.key).toBe(s.google.key);
    expect((await lib.getLeadSourceSettings({ organizationId: otherOrgId })).google.key).not.toBe(s.google.key);
  });

  it("a Google test lead goes through the google_key lookup and becomes a lead marked as a test", async () => {
    const r = await lib.sendTestLead({ organizationId: orgId, source: "google_ads" });
    expect(r).toMatchObject({ source: "google_ads", status: "PROCESSED", error: null });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: r.leadId! } });
    expect(lead).toMatchObject({ organizationId: orgId, isTest: true, sourceType: "GOOGLE_LEAD_ADS", emailNormalized: r.email, firstName: "Test", lastName: "Lead" });
    const sub = await t.db.leadSubmission.findUniqueOrThrow({ where: { id: r.submissionId } });
    expect(sub.isTest).toBe(true);
    expect(JSON.stringify(sub.payload)).not.toContain((await lib.getLeadSourceSettings({ organizationId: orgId })).google.key);
  }, 60_000);

  it("a TikTok test lead is signed and verified by the TikTok receiver, and reaches this organisation only", async () => {
    const r = await lib.sendTestLead({ organizationId: orgId, source: "tiktok" });
    expect(r).toMatchObject({ source: "tiktok", status: "PROCESSED", error: null });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: r.leadId! } });
    expect(lead).toMatchObject({ organizationId: orgId, isTest: true, sourceType: "TIKTOK_LEAD_ADS", emailNormalized: r.email });
    expect((lead.customFields as Record<string, unknown>).tiktok_advertiser_id).toBe(ADVERTISER);
    expect(await t.db.leadSubmission.count({ where: { organizationId: otherOrgId } })).toBe(0);
    // Two test leads are two leads (each its own lead id and address).
    const again = await lib.sendTestLead({ organizationId: orgId, source: "tiktok" });
    expect(again.leadId).not.toBe(r.leadId);
  }, 60_000);

  it("a TikTok test lead without a connected advertiser, or with a TikTok app and no secret, is refused and stores nothing", async () => {
    const lonely = await t.db.organization.create({ data: { name: "Lonely", slug: `lonely-${randomUUID().slice(0, 6)}` } });
    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAppError(e) ? `${e.code}:${e.key}` : String(e)));
    expect(await refusal(lib.sendTestLead({ organizationId: lonely.id, source: "tiktok" }))).toBe("conflict:leads.testLeadNoTiktok");
    process.env.TIKTOK_ADS_APP_ID = "tt-app";
    resetEnvCache();
    try {
      expect((await lib.getLeadSourceSettings({ organizationId: orgId })).tiktok.signing).toBe("missing");
      expect(await refusal(lib.sendTestLead({ organizationId: orgId, source: "tiktok" }))).toBe("conflict:leads.testLeadTiktokOff");
    } finally {
      delete process.env.TIKTOK_ADS_APP_ID;
      resetEnvCache();
    }
    expect(await t.db.leadSubmission.count({ where: { organizationId: lonely.id } })).toBe(0);
  });

  it("renewing the Google key refuses the old one at once and the new one works", async () => {
    const old = (await lib.getLeadSourceSettings({ organizationId: orgId })).google.key;
    const renewed = await lib.rotateSourceSecret({ organizationId: orgId, type: "GOOGLE_LEAD_ADS" });
    expect(renewed.secret).not.toBe(old);
    const after = await lib.getLeadSourceSettings({ organizationId: orgId });
    expect(after.google.key).toBe(renewed.secret);
    expect(after.google.rotatedAt).not.toBeNull();
    const body = (key: string, id: string) => ({ lead_id: id, google_key: key, user_column_data: [{ column_id: "EMAIL", string_value: `${id}@example.fr` }] });
    const refused = await lib.receiveGoogleAdsLead(body(old, "g-old")).then(() => null, (e: unknown) => (isAppError(e) ? e.code : String(e)));
    expect(refused).toBe("unauthorized");
    expect((await lib.receiveGoogleAdsLead(body(renewed.secret, "g-new"))).duplicate).toBe(false);
    expect(await t.db.leadSubmission.count({ where: { dedupeKey: "google:g-old" } })).toBe(0);
  });
});
