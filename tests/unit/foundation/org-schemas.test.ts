import { describe, expect, it } from "vitest";
import { createOrganizationSchema, updateOrganizationSchema } from "@/lib/orgs/schemas";

describe("organisation time zones", () => {
  it("creating and updating accept IANA zones and name the field for anything else", () => {
    for (const schema of [createOrganizationSchema, updateOrganizationSchema]) {
      const base = schema === createOrganizationSchema ? { name: "Atelier Sahel" } : {};
      expect(schema.safeParse({ ...base, timezone: "Africa/Dakar" }).success).toBe(true);
      const bad = schema.safeParse({ ...base, timezone: "Mars/Olympus" });
      expect(bad.success).toBe(false);
      expect(bad.error!.issues[0]).toMatchObject({ path: ["timezone"], message: expect.stringContaining("unknown time zone") });
    }
  });
});
