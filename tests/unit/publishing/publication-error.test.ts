import { readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { describePublicationError, PUBLICATION_ERROR_KEYS } from "@/lib/publishing/publication-error";

/**
 * A failed publication's stored errorMessage is the platform's (or our connector's) English text; the
 * pages show a catalogue line instead (FR/EN), the raw text kept under "Technical details".
 */
const catalogue = (locale: "fr" | "en") => JSON.parse(readFileSync(path.join("messages", locale, "publishing.json"), "utf8")).errors as Record<string, string>;

describe("describePublicationError", () => {
  it("recognises our connectors' messages (the rule they name) before the row's code", () => {
    expect(describePublicationError({ errorCode: "validation", errorMessage: "tiktok: this platform needs media" })).toEqual({ key: "needsMedia", values: {} });
    expect(describePublicationError({ errorCode: "validation", errorMessage: "media is required for this post kind" }).key).toBe("needsMedia");
    expect(describePublicationError({ errorCode: "validation", errorMessage: "x: text longer than 280 characters" })).toEqual({ key: "textTooLong", values: { max: 280 } });
    expect(describePublicationError({ errorCode: "validation", errorMessage: "at most 10 items" })).toEqual({ key: "tooManyItems", values: { max: 10 } });
    expect(describePublicationError({ errorCode: "validation", errorMessage: "reel posts are not supported" }).key).toBe("kindUnsupported");
    expect(describePublicationError({ errorCode: "transient", errorMessage: "could not download media: fetch failed" }).key).toBe("mediaDownload");
  });

  it("falls back on the workflow's codes and the connector error kinds, then on a generic line", () => {
    expect(describePublicationError({ errorCode: "not_approved", errorMessage: "Not published: nobody approved this exact version" }).key).toBe("notApproved");
    expect(describePublicationError({ errorCode: "missed", errorMessage: "Missed its publishing window by more than 24 hours" }).key).toBe("missedWindow");
    expect(describePublicationError({ errorCode: "processing_timeout", errorMessage: "The platform was still processing the post after an hour" }).key).toBe("processingTimeout");
    expect(describePublicationError({ errorCode: "auth_expired", errorMessage: "Error validating access token" }).key).toBe("reconnect");
    expect(describePublicationError({ errorCode: "rate_limited", errorMessage: "Application request limit reached" }).key).toBe("rateLimited");
    expect(describePublicationError({ errorCode: "validation", errorMessage: "(#100) Invalid parameter" }).key).toBe("rejected");
    expect(describePublicationError({ errorCode: "190", errorMessage: "Error validating access token" }).key).toBe("reconnect");
    expect(describePublicationError({ errorCode: "9007", errorMessage: "Something the vendor said" }).key).toBe("unknown");
    expect(describePublicationError({ errorCode: null, errorMessage: null }).key).toBe("unknown");
  });

  it("every key has a line in French and in English that formats with the values given", () => {
    for (const locale of ["fr", "en"] as const) {
      const c = catalogue(locale);
      expect(Object.keys(c).sort()).toEqual([...PUBLICATION_ERROR_KEYS, "details"].sort());
      for (const key of PUBLICATION_ERROR_KEYS) {
        const line = new IntlMessageFormat(c[key]!, locale).format({ platform: "TikTok", max: 280 }) as string;
        expect(line, `${locale}.${key}`).not.toMatch(/[{}]/);
        expect(line.length).toBeGreaterThan(10);
      }
    }
    expect(catalogue("fr").needsMedia).not.toBe(catalogue("en").needsMedia);
  });
});
