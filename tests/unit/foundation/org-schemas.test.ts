import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { createOrganizationSchema, updateOrganizationSchema } from "@/lib/orgs/schemas";

describe("organisation time zones", () => {
  it("creating and updating accept IANA zones and name the field for anything else", () => {
    for (const schema of [createOrganizationSchema, updateOrganizationSchema]) {
      const base = schema === createOrganizationSchema ? { name: "Atelier Sahel" } : {};
      expect(schema.safeParse({ ...base, timezone: "Africa/Dakar" }).success).toBe(true);
      const err = (() => {
        try {
          parseWith(schema, { ...base, timezone: "Mars/Olympus" });
        } catch (e) {
          return e as AppError;
        }
      })();
      expect(err?.field).toBe("timezone");
      expect(err?.issuesIn("en")[0]?.message).toContain("Unknown time zone");
      expect(err?.issuesIn("fr")[0]?.message).toContain("Fuseau horaire inconnu");
    }
  });
});
