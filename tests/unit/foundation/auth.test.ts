import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { slugify } from "@/lib/orgs/slug";

describe("password hashing (scrypt)", () => {
  // scrypt is memory-hard on purpose (16 MB, tens of ms each on an idle core): on a loaded shared
  // machine the default 5 s per test is not enough, so this one gets 30 s.
  it("verifies the right password only, with a random salt each time", { timeout: 30_000 }, async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describe("roles", () => {
  it("orders owner > admin > editor > viewer", () => {
    expect(hasRole("OWNER", "ADMIN")).toBe(true);
    expect(hasRole("EDITOR", "ADMIN")).toBe(false);
    expect(hasRole("VIEWER", POLICY.read)).toBe(true);
    expect(hasRole("VIEWER", POLICY.editContent)).toBe(false);
    expect(hasRole("ADMIN", POLICY.manageApiKeys)).toBe(true);
    expect(hasRole("ADMIN", POLICY.deleteOrganization)).toBe(false);
  });
});

describe("slugify", () => {
  it("makes readable ASCII slugs from French names", () => {
    expect(slugify("Café Ébène & Fils")).toBe("cafe-ebene-fils");
    expect(slugify("  Atelier   Sahel ")).toBe("atelier-sahel");
    expect(slugify("é")).toBe("org-e");
  });
});
