import { describe, expect, it } from "vitest";
import { buildOfflineLetter } from "@/lib/providers/ai/offline-letter";
import { countWords } from "@/lib/providers/ai/text-tools";

/** The offline follow-up letter (MKT-303 without an AI vendor): 150-200 words in the lead's language, whatever the data holds. */
const cases: Record<string, unknown>[] = [
  {},
  { first_name: "Aminata", company: "Hôtel Teranga", pain_points: ["des délais fournisseurs trop longs", "le devis trop cher"], product: "Atelier sur mesure", product_description: "Des pièces tissées à la main. Livrées en six semaines.", brand: "Bogolan" },
  { first_name: "Fatou", pain_points: "slow suppliers; no local identity", product_description: "x ".repeat(400), brand: "Bogolan" },
  { company: "A".repeat(300), pain_points: Array(9).fill("un problème de délais très long qui revient chaque mois sans exception") },
];

describe("offline follow-up letter", () => {
  for (const locale of ["fr", "en"] as const) {
    for (const [i, data] of cases.entries()) {
      for (const step of [1, 2, 3]) {
        it(`${locale} case ${i} step ${step}: 150-200 words, a subject, a greeting and a sign-off`, () => {
          const l = buildOfflineLetter({ prompt: "", locale, data: { ...data, step, steps: 3 } });
          expect(countWords(l.body)).toBeGreaterThanOrEqual(150);
          expect(countWords(l.body)).toBeLessThanOrEqual(200);
          expect(l.subject.length).toBeGreaterThan(3);
          expect(l.body).toMatch(locale === "fr" ? /^Bonjour .+,\n\n[\s\S]+\n\nBien cordialement,\n/ : /^Hello .+,\n\n[\s\S]+\n\nKind regards,\n/);
        });
      }
    }
  }

  it("reads French the way it is written: « au sujet des délais », « du devis »", () => {
    const l = buildOfflineLetter({ prompt: "", locale: "fr", data: { first_name: "Awa", pain_points: ["des délais trop longs"], step: 1 } });
    expect(l.body).toContain("au sujet des délais trop longs");
    expect(buildOfflineLetter({ prompt: "", locale: "fr", data: { pain_points: ["le devis trop cher"], step: 3 } }).body).toContain("le sujet du devis trop cher");
  });
});
