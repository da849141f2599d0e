import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/lib/i18n/config";

describe("negotiateLocale", () => {
  it("prefers the highest-q supported language", () => {
    expect(negotiateLocale("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")).toBe("fr");
    expect(negotiateLocale("en;q=0.2, fr-SN;q=0.9")).toBe("fr");
  });
  it("falls back to French", () => {
    expect(negotiateLocale(undefined)).toBe("fr");
    expect(negotiateLocale("de,it")).toBe("fr");
  });
});

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  const dir = path.resolve("messages");
  const namespaces = readdirSync(path.join(dir, "fr")).filter((f) => f.endsWith(".json"));
  it("exist for both languages with the same keys in every namespace", () => {
    expect(readdirSync(path.join(dir, "en")).filter((f) => f.endsWith(".json")).sort()).toEqual([...namespaces].sort());
    for (const ns of namespaces) {
      const fr = keys(JSON.parse(readFileSync(path.join(dir, "fr", ns), "utf8"))).sort();
      const en = keys(JSON.parse(readFileSync(path.join(dir, "en", ns), "utf8"))).sort();
      expect(en, `messages/en/${ns} vs messages/fr/${ns}`).toEqual(fr);
    }
  });
});
