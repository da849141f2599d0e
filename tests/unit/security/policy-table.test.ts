import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policyTableMarkdown, routeTableMarkdown } from "@/lib/auth/policy-table";
import { HUMAN_ONLY, requiredScope } from "@/lib/auth/roles";
import { endpoints } from "@/lib/api/registry";

describe("docs/SECURITY.md policy table", () => {
  it("is the one generated from lib/auth/roles.ts (npx tsx scripts/policy-table.ts)", () => {
    expect(readFileSync("docs/SECURITY.md", "utf8")).toContain(policyTableMarkdown());
  });

  it("has the route by route table of every state-changing organisation route, from the contracts", () => {
    const doc = readFileSync("docs/SECURITY.md", "utf8");
    expect(doc).toContain(routeTableMarkdown(endpoints));
    for (const e of endpoints.filter((x) => x.access === "org" && x.method !== "GET")) expect(doc).toContain(`| \`${e.method} ${e.path}\` |`);
  });

  it("an API key never reaches a route with a HUMAN_ONLY permission; GET needs read, other methods write", () => {
    for (const e of endpoints.filter((x) => x.access === "org")) {
      const where = `${e.method} ${e.path}`;
      if ((e.permission && (HUMAN_ONLY as readonly string[]).includes(e.permission)) || e.personOnly) expect(requiredScope(e), where).toBeNull();
      else expect(requiredScope(e), where).toBe(e.method === "GET" ? "read" : "write");
    }
    expect(requiredScope({ method: "POST", access: "apiKey" })).toBe("ingest");
    // One's own notifications are a person's: the contract says so, and no scope reaches the route.
    expect(endpoints.find((x) => x.path === "/api/orgs/{org}/notifications/read")?.personOnly).toBe(true);
  });
});
