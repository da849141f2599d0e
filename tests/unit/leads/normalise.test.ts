import { describe, expect, it } from "vitest";
import { canonicalKey, companySizeBand, normaliseLead, parseBudgetMinor, toE164 } from "@/lib/leads/capture/normalise";
import { recordOf } from "@/lib/leads/capture/source-records";

describe("MKT-301 normalisation", () => {
  it("reads local phone numbers of France, Sénégal and Côte d'Ivoire in the default country", () => {
    expect(toE164("06 12 34 56 78", "FR")).toBe("+33612345678");
    expect(toE164("06.12.34.56.78", "FR")).toBe("+33612345678");
    expect(toE164("0033 6 12 34 56 78", "SN")).toBe("+33612345678");
    expect(toE164("77 123 45 67", "SN")).toBe("+221771234567");
    expect(toE164("33 821 23 45", "SN")).toBe("+221338212345");
    expect(toE164("07 07 12 34 56", "CI")).toBe("+2250707123456");
    expect(toE164("27 22 44 55 66", "CI")).toBe("+2252722445566");
    expect(toE164("+225 01 02 03 04 05", "FR")).toBe("+2250102030405");
    expect(toE164("12", "FR")).toBeNull();
  });

  it("maps aliases in any case, accent or separator; keeps unknown fields; splits a full name", () => {
    expect(canonicalKey("Prénom ")).toBe("prenom");
    const n = normaliseLead({ nom_complet: "  Aminata   Touré Ba ", "E-Mail": " Aminata@Example.SN ", Téléphone: "77 123 45 67", Société: "Teranga", "utm-source": "fb", RGPD: "Oui", Chambres: "12" }, { defaultCountry: "SN" });
    expect(n).toMatchObject({ firstName: "Aminata", lastName: "Touré Ba", email: "Aminata@Example.SN", emailNormalized: "aminata@example.sn", phoneE164: "+221771234567", company: "Teranga", utmSource: "fb", gdprConsent: true, customFields: { Chambres: "12" }, warnings: [] });
  });

  it("drops an invalid email or phone with a warning instead of storing it", () => {
    const n = normaliseLead({ email: "not-an-email", phone: "123" }, { defaultCountry: "FR" });
    expect(n).toMatchObject({ emailNormalized: null, phoneE164: null });
    expect(n.warnings).toHaveLength(2);
  });

  it("budgets and company sizes fall in the seed's bands", () => {
    expect(parseBudgetMinor("5 000 €")).toBe(500_000);
    expect(parseBudgetMinor("10k")).toBe(1_000_000);
    expect(parseBudgetMinor("5-10K")).toBe(500_000);
    expect(parseBudgetMinor(12000.5)).toBe(1_200_050);
    expect(parseBudgetMinor("à définir")).toBeNull();
    expect(companySizeBand("11-50")).toBe("11-50");
    expect(companySizeBand("200+")).toBe("200+");
    expect(companySizeBand("75")).toBe("51-200");
  });

  it("flattens each platform's answer lists", () => {
    expect(recordOf("META_LEAD_ADS", { lead: { form_id: "f1", field_data: [{ name: "email", values: ["a@b.fr"] }] } })).toEqual({ email: "a@b.fr", meta_form_id: "f1" });
    expect(recordOf("GOOGLE_LEAD_ADS", { campaign_id: 3, user_column_data: [{ column_id: "FULL_NAME", string_value: "A B", column_name: "Full Name" }] })).toEqual({ full_name: "A B", google_campaign_id: 3 });
    expect(recordOf("TIKTOK_LEAD_ADS", { advertiser_id: "adv", fields: [{ field_name: "email", field_value: "t@k.fr" }] })).toEqual({ email: "t@k.fr", tiktok_advertiser_id: "adv" });
    expect(recordOf("FORM", { contact: { email: "c@d.fr" }, note: "x" })).toEqual({ email: "c@d.fr", note: "x" });
  });
});
