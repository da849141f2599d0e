import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policyTableMarkdown } from "@/lib/auth/policy-table";
import { HUMAN_ONLY, requiredScope } from "@/lib/auth/roles";
import { endpoints } from "@/lib/api/registry";

describe("docs/SECURITY.md policy table", () => {
  it("is the one generated from lib/auth/roles.ts (npx tsx scripts/policy-table.ts)", () => {
    expect(readFileSync("docs/SECURITY.md", "utf8")).toContain(policyTableMarkdown());
  });

  it("an API key never reaches a route with a HUMAN_ONLY permission; GET needs read, other methods write", () => {
    for (const e of endpoints.filter((x) => x.access === "org")) {
      const where = `${e.method} ${e.path}`;
      if (e.permission && (HUMAN_ONLY as readonly string[]).includes(e.permission)) expect(requiredScope(e), where).toBeNull();
      else expect(requiredScope(e), where).toBe(e.method === "GET" ? "read" : "write");
    }
    expect(requiredScope({ method: "POST", access: "apiKey" })).toBe("ingest");
  });
});
