import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginTarget } from "@/lib/net/safe-redirect";

/** Issue 10, row 2: `/sign-in?callbackUrl=…` (and returnTo, invitations, sign-out) never lead off-site. */
const OFF_SITE = [
  "/\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\nLocation: https://evil.example",
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0d%0aSet-Cookie:x=1",
  "\\\\evil.example",
  " /x",
  "evil.example",
  "",
  "/x\u2028/evil",
];

describe("sameOriginPath", () => {
  it.each(OFF_SITE)("refuses %j", (v) => {
    expect(sameOriginPath(v, "/")).toBe("/");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(sameOriginPath("/acme/war-room?tab=2#top")).toBe("/acme/war-room?tab=2#top");
    expect(sameOriginPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(sameOriginPath("/a/../b")).toBe("/b");
    expect(sameOriginPath(undefined, "/home")).toBe("/home");
  });

  it("every survivor resolves to our own origin in a browser's URL parser", () => {
    for (const v of OFF_SITE) expect(new URL(sameOriginPath(v), "https://app.example").origin).toBe("https://app.example");
  });

  it("absolute URLs from libraries: our origin only", () => {
    expect(sameOriginTarget("http://localhost:3000/acme", "http://localhost:3000")).toBe("/acme");
    expect(sameOriginTarget("http://evil.example/acme", "http://localhost:3000")).toBe("/");
    expect(sameOriginTarget("/\\evil.example", "http://localhost:3000")).toBe("/");
  });
});
