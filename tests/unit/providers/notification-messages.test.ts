import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { NOTIFICATION_KEYS, notificationLabel, renderNotification, storedMessage, type NotificationKey, type NotificationMessage, type NotificationValues } from "@/lib/providers/notify/messages";

/**
 * Every notification key renders in every language with the values its writers give (typed below:
 * a new key does not compile until it has a sample here), in the reader's time zone.
 */
const AT = "2026-03-12T08:00:00.000Z";
const SAMPLES: { [K in NotificationKey]: NotificationValues[K] } = {
  approvalRequested: { title: "Nouvelle collection", excerpt: "Bureaux en kaïcedrat massif.\n#design" },
  spendApprovalRequested: { platform: "TIKTOK_ADS", amount: "500 €", campaign: "Coulisses" },
  campaignLaunched: { campaign: "Bogolan", platform: "META_ADS", objects: 8 },
  adAnomaly: { campaign: "Bogolan", kind: "cpcSpike", value: 120, reference: 45 },
  adOptimization: { campaign: "Bogolan", action: "SCALE_BUDGET", outcome: "queued" },
  competitorAds: { brand: "Kaïa", count: 4, competitors: 2 },
  campaignLaunchFailed: { campaign: "Bogolan", platform: "META_ADS", existing: 2, error: "(#100) Invalid parameter" },
  approvalReminder: { title: "Nouvelle collection", hours: 30 },
  publicationFailed: { platform: "INSTAGRAM", account: "@atelier", label: "Bogolan", at: AT, attempts: 3, error: "media rejected" },
  versionNotScheduled: { title: "Bogolan", platform: "INSTAGRAM", via: "AUTO", rule: "mediaRequired", max: 0 },
  signalDetected: { title: "8 semaines", platform: "LINKEDIN", rate: 9.8765, threshold: 6.1 },
  accountReconnect: { account: "Atelier Sahel", platform: "FACEBOOK" },
  tokenRefreshFailed: { account: "Atelier Sahel", platform: "tiktok", at: "2026-12-05T10:00:00.000Z" },
  leadHot: { name: "Sophie Lefèvre", company: "Groupe Azur", score: 82, summary: "Rénovation de 3 hôtels." },
  nurtureDraft: { name: "Aminata Diallo", step: 2, sequence: "Relance des leads tièdes" },
  replyAnswerDraft: { name: "Aminata Diallo", objections: "Prix jugé trop élevé" },
  leadEscalated: { name: "Aminata Diallo", summary: "Aminata Diallo (Hôtel Teranga) demande à parler à une personne.", recommendations: "1. Rappeler sous un jour ouvré." },
  bookingProposed: { name: "Awa Ndiaye", company: "Hôtel Lagune", score: 82, startAt: "2026-12-08T09:00:00.000Z", summary: "Awa Ndiaye est un lead chaud (score 82/100)." },
  bookingToArrange: { name: "Awa Ndiaye", company: "Hôtel Lagune", score: 82, startAt: "2026-12-08T09:00:00.000Z", summary: "Awa Ndiaye est un lead chaud (score 82/100)." },
  bookingConfirmed: { name: "Awa Ndiaye", company: "Hôtel Lagune", startAt: "2026-12-08T09:00:00.000Z", summary: "Awa Ndiaye est un lead chaud (score 82/100)." },
  bookingMoved: { name: "Awa Ndiaye", company: "Hôtel Lagune", startAt: "2026-12-09T10:30:00.000Z", summary: "Awa Ndiaye est un lead chaud (score 82/100)." },
  bookingCancelled: { name: "Awa Ndiaye", company: "Hôtel Lagune", startAt: "2026-12-08T09:00:00.000Z" },
  agentDeadLetters: { count: 3, channels: "signal/content.detected, lead/received" },
  conversionRecorded: { lead: "Hôtel Lagune", amount: "12 400 €", model: "linear", touchpoints: 4 },
  weeklyReport: { week: "2026-W48", from: "2026-11-23", to: "2026-11-29", summary: "Semaine portée par les coulisses.", recommendations: 3 },
};
const sample = (key: NotificationKey) => storedMessage({ key, values: SAMPLES[key] } as NotificationMessage);

describe("notification messages", () => {
  it.each(LOCALES)("every key renders in %s: no placeholder left, no enum value, platforms by name", (locale) => {
    for (const key of NOTIFICATION_KEYS) {
      const s = sample(key);
      const out = renderNotification({ key: s.messageKey, values: s.messageValues }, locale, "Europe/Paris");
      expect(out, `${locale}: ${key}`).not.toBeNull();
      const text = `${out!.title} ${out!.body ?? ""}`;
      expect(text, `${locale}: ${key}`).not.toMatch(/[{}]|\b(INSTAGRAM|LINKEDIN|FACEBOOK|TIKTOK_ADS)\b/);
    }
  });

  it("catalogue keys and the typed keys are the same set in both languages", () => {
    for (const locale of LOCALES) {
      const json = JSON.parse(readFileSync(path.resolve("messages", locale, "notifications.json"), "utf8")) as { messages: Record<string, { title: string; body: string }> };
      expect(Object.keys(json.messages).sort(), locale).toEqual(Object.keys(SAMPLES).sort());
      for (const m of Object.values(json.messages)) expect(Object.keys(m).sort()).toEqual(["body", "title"]);
    }
    for (const locale of LOCALES) for (const l of ["open", "approve", "reject", "singleUseLinks"] as const) expect(notificationLabel("email", l, locale)).toBeTruthy();
  });

  it("reads naturally in French and English, dates in the reader's zone", () => {
    const s = sample("publicationFailed");
    const m = { key: s.messageKey, values: s.messageValues };
    expect(renderNotification(m, "fr", "Europe/Paris")).toEqual({
      title: "Échec de publication sur Instagram (@atelier)",
      body: "« Bogolan », prévue le 12 mars 2026 à 09:00, a échoué après 3 tentatives : media rejected",
    });
    expect(renderNotification(m, "en", "Africa/Dakar")!.body).toBe("\u201cBogolan\u201d, scheduled for Mar 12, 2026 at 8:00 AM, failed after 3 attempts: media rejected");
    const sig = sample("signalDetected");
    expect(renderNotification({ key: sig.messageKey, values: sig.messageValues }, "fr", "UTC")!.body).toBe("LinkedIn : 9,88 % d'engagement, au-dessus du seuil de 6,10 % (moyenne + 1,5 σ).");
    const r = sample("approvalReminder");
    expect(renderNotification({ key: r.messageKey, values: r.messageValues }, "en", "UTC")!.title).toBe("Reminder: \u201cNouvelle collection\u201d has been waiting for a decision for 30 hours");
  });

  it("stores the English rendering next to the key (API consumers, logs); unknown keys fall back", () => {
    expect(sample("accountReconnect")).toMatchObject({ messageKey: "accountReconnect", title: "Reconnect Atelier Sahel (Facebook)" });
    expect(renderNotification({ key: "somethingNew", values: {} }, "fr", "UTC")).toBeNull();
    expect(renderNotification({ key: "publicationFailed", values: { ...sample("publicationFailed").messageValues, at: "soon" } }, "fr", "UTC")).toBeNull();
  });
});
