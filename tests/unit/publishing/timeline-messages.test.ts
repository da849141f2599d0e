import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider, type AbstractIntlMessages } from "use-intl";
import { describe, expect, it } from "vitest";
import { useTimelineText } from "@/components/publishing/timeline-text";
import { LOCALES } from "@/lib/i18n/config";
import { toEventDto } from "@/lib/publishing/dto";
import {
  readTimelineMessage,
  TIMELINE_KEYS,
  timelineDisplayValues,
  timelineEnglish,
  timelineRow,
  type TimelineKey,
  type TimelineMessage,
  type TimelineValues,
} from "@/lib/publishing/timeline";

/**
 * Every timeline key lib/publishing writes has a translation in every locale that formats with the
 * values lib writes (typed below: a new key does not compile until it has a sample here).
 */
const AT = "2026-03-12T08:00:00.000Z"; // 09:00 in Paris
const SAMPLES: { [K in TimelineKey]: TimelineValues<K> } = {
  scheduled: { at: AT },
  scheduledRecurring: { at: AT },
  rescheduled: { fromAt: AT, toAt: "2026-03-13T09:30:00.000Z" },
  cancelled: {},
  retried: { platform: "linkedin" },
  autoApproved: {},
  selfApproved: {},
  notApproved: { platform: "instagram" },
  sweptUp: {},
  missedWindow: {},
  tokenRefreshed: {},
  accountRateLimited: { platform: "linkedin", retryAt: AT },
  interrupted: {},
  uploading: { platform: "linkedin", attempt: 1, max: 8 },
  processing: { platform: "instagram" },
  posted: { platform: "linkedin" },
  postedRecovered: { platform: "x" },
  failed: { platform: "linkedin", message: "linkedin: commentary is invalid" },
  failedGaveUp: { platform: "x", message: "x: unavailable", attempts: 2 },
  accountMissing: { platform: "facebook" },
  processingTimeout: { platform: "tiktok", message: "The platform was still processing the post after an hour" },
  workflowGaveUp: { platform: "linkedin", error: "linkedin: Internal Server Error" },
  attemptFailed: { platform: "linkedin", attempt: 2, message: "linkedin: Internal Server Error", retryAt: AT },
  rateLimited: { platform: "x", message: "x: Too Many Requests", retryAt: AT },
};
const sample = (key: TimelineKey) => ({ key, values: SAMPLES[key] }) as TimelineMessage;

const messagesOf = (locale: string): AbstractIntlMessages => ({
  publishing: JSON.parse(readFileSync(path.resolve("messages", locale, "publishing.json"), "utf8")),
  domain: JSON.parse(readFileSync(path.resolve("messages", locale, "domain.json"), "utf8")),
});

const FALLBACK = "(the English message)";

/**
 * What the queue shows for a line: the real hook (components/publishing/timeline-text.ts) under the
 * provider the app uses, in `locale`, Paris time; formatting and missing-message errors collected.
 */
function queueTextIn(locale: string) {
  const errors: string[] = [];
  const messages = messagesOf(locale);
  const text = (m: { key: string | null; values: Record<string, string | number> | null; error?: { key: string; values: { max?: number } } | null }) => {
    let out = "";
    function Line() {
      out = useTimelineText()({ ...m, message: FALLBACK });
      return null;
    }
    const config: Omit<ComponentProps<typeof IntlProvider>, "children"> = {
      locale,
      messages,
      timeZone: "Europe/Paris",
      onError: (e) => void errors.push(e.message),
    };
    renderToStaticMarkup(createElement(IntlProvider, config as ComponentProps<typeof IntlProvider>, createElement(Line)));
    return out.replace(/\s/g, " ");
  };
  return { text, errors };
}

describe("timeline lines", () => {
  it("keep their English wording (the message column)", () => {
    expect(timelineEnglish(sample("uploading"))).toBe("Uploading to linkedin (attempt 1 of 8)");
    expect(timelineEnglish(sample("rateLimited"))).toBe(`Rate limited: x: Too Many Requests. Waiting for the reset at ${AT}`);
    expect(timelineEnglish(sample("attemptFailed"))).toBe(`Attempt 2 failed: linkedin: Internal Server Error. Next attempt at ${AT}`);
    expect(timelineEnglish(sample("failedGaveUp"))).toBe("x: unavailable (gave up after 2 attempts)");
    expect(timelineEnglish(sample("postedRecovered"))).toBe("Posted on x (recovered from the ledger)");
    expect(timelineEnglish(sample("rescheduled"))).toBe(`Rescheduled from ${AT} to 2026-03-13T09:30:00.000Z`);
  });

  it("store their key and values in payload._msg next to the line's own payload, and read back", () => {
    const row = timelineRow({
      organizationId: "o",
      publicationId: "p",
      status: "UPLOADING",
      key: "uploading",
      values: SAMPLES.uploading,
      payload: { attempt: 1 },
      at: new Date(AT),
    });
    expect(row.message).toBe("Uploading to linkedin (attempt 1 of 8)");
    expect(row.payload).toEqual({ attempt: 1, _msg: { key: "uploading", values: { platform: "linkedin", attempt: 1, max: 8 } } });
    expect(readTimelineMessage(row.payload)).toEqual({ key: "uploading", values: { platform: "linkedin", attempt: 1, max: 8 } });
    // Older rows and odd payloads: no key, the UI shows `message`.
    for (const payload of [{}, null, { attempt: 1 }, { _msg: "x" }, { _msg: { values: {} } }, []]) expect(readTimelineMessage(payload)).toBeNull();
    expect(readTimelineMessage({ _msg: { key: "cancelled" } })).toEqual({ key: "cancelled", values: {} });
  });

  it("display values: ISO instants become Dates, platforms their names; an unparsable date falls back", () => {
    expect(timelineDisplayValues({ platform: "linkedin", retryAt: AT, attempt: 2 }, (p) => p.toUpperCase())).toEqual({
      platform: "LINKEDIN",
      retryAt: new Date(AT),
      attempt: 2,
    });
    expect(timelineDisplayValues({ at: "soon" }, (p) => p)).toBeNull();
  });

  it.each(LOCALES)("every key has a %s translation that formats with lib's values", (locale) => {
    const { text, errors } = queueTextIn(locale);
    for (const key of TIMELINE_KEYS) {
      const out = text(sample(key));
      expect(out, `messages/${locale}/publishing.json timeline.${key}`).not.toBe(FALLBACK);
      expect(out, key).toBeTruthy();
      expect(out, key).not.toMatch(/[{}]|publishing\.timeline/);
    }
    expect(errors).toEqual([]);
  });

  it("no translation without a key in lib (stale keys)", () => {
    for (const locale of LOCALES) {
      const timeline = (messagesOf(locale).publishing as { timeline: Record<string, string> }).timeline;
      expect(Object.keys(timeline).sort(), locale).toEqual([...TIMELINE_KEYS].sort());
    }
  });

  it("reads naturally in French, dates in Paris time", () => {
    const { text, errors } = queueTextIn("fr");
    expect(text(sample("uploading"))).toBe("Publication sur LinkedIn (tentative 1 sur 8)");
    expect(text(sample("posted"))).toBe("Publiée sur LinkedIn");
    expect(text(sample("scheduled"))).toBe("Planifiée pour le 12 mars 2026 à 09:00");
    expect(text(sample("rateLimited"))).toBe("Limite de X atteinte : x: Too Many Requests. Nouvel essai le 12 mars 2026 à 09:00");
    expect(text(sample("failedGaveUp"))).toBe("Abandon après 2 tentatives : x: unavailable");
    expect(text({ key: "failedGaveUp", values: { ...SAMPLES.failedGaveUp, attempts: 1 } })).toBe("Abandon après 1 tentative : x: unavailable");
    expect(text(sample("rescheduled"))).toBe("Replanifiée du 12 mars 2026 à 09:00 au 13 mars 2026 à 10:30");
    expect(errors).toEqual([]);
  });

  it("reads in English with localised dates", () => {
    const { text, errors } = queueTextIn("en");
    expect(text(sample("uploading"))).toBe("Uploading to LinkedIn (attempt 1 of 8)");
    expect(text(sample("attemptFailed"))).toBe("Attempt 2 failed: linkedin: Internal Server Error. Next attempt on Mar 12, 2026 at 9:00 AM");
    expect(errors).toEqual([]);
  });

  it("lines carrying the platform's words show the publishing.errors line in their place, in the reader's language", () => {
    const at = new Date(AT);
    const row = (key: TimelineKey, values: Record<string, string | number>, payload: Record<string, unknown> = {}) =>
      toEventDto({ id: "e", at, level: "WARN", status: null, message: "(english)", attemptId: null, payload: { ...payload, _msg: { key, values } } });
    // The demo's Instagram retries: Meta's container status, no code stored on the line.
    const demo = row("attemptFailed", { platform: "instagram", attempt: 1, message: "Media container still IN_PROGRESS after 5 minutes", retryAt: AT }, { retryInMinutes: 30 });
    expect(demo.error).toEqual({ key: "stillProcessing", values: {} });
    const fr = queueTextIn("fr");
    expect(fr.text(demo)).toBe("La tentative 1 a échoué : Instagram traitait encore le média. Nouvel essai le 12 mars 2026 à 09:00");
    const en = queueTextIn("en");
    expect(en.text(demo)).toBe("Attempt 1 failed: Instagram was still processing the media. Next attempt on Mar 12, 2026 at 9:00 AM");
    // The code MKT-107 stores beside the words (payload.errorCode) when the words say nothing we know.
    const limited = row("rateLimited", { platform: "x", message: "x: Too Many Requests", retryAt: AT }, { errorCode: "88" });
    expect(fr.text(limited)).toBe("Limite de X atteinte : Limite de publications de X atteinte : réessayez plus tard. Nouvel essai le 12 mars 2026 à 09:00");
    const tooLong = row("failed", { platform: "x", message: "x: text longer than 280 characters" }, { errorCode: "validation" });
    expect(fr.text(tooLong)).toContain("Le texte dépasse la limite de X (280 caractères)");
    const gaveUp = row("workflowGaveUp", { platform: "linkedin", error: "linkedin: Internal Server Error" }, { errorCode: "gave_up" });
    expect(gaveUp.error?.key).toBe("gaveUp");
    for (const e of [demo, limited, tooLong, gaveUp]) {
      for (const { text } of [fr, en]) expect(text(e)).not.toMatch(/IN_PROGRESS|Too Many Requests|longer than|Internal Server Error/);
    }
    // Lines without the platform's words have no error.
    expect(row("uploading", { platform: "linkedin", attempt: 1, max: 8 }).error).toBeNull();
    expect(fr.errors).toEqual([]);
    expect(en.errors).toEqual([]);
  });

  it("falls back to the English message: no key (older rows), a key this build does not know, a date that is not one", () => {
    const { text, errors } = queueTextIn("fr");
    expect(text({ key: null, values: null })).toBe(FALLBACK);
    expect(text({ key: "somethingNew", values: {} })).toBe(FALLBACK);
    expect(text({ key: "scheduled", values: { at: "soon" } })).toBe(FALLBACK);
    expect(errors).toEqual([]);
  });
});
