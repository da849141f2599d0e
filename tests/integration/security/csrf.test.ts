import { describe, expect, it } from "vitest";
import { POST as createApiKey } from "@/app/api/orgs/[org]/api-keys/route";
import { DELETE as revokeApiKey } from "@/app/api/orgs/[org]/api-keys/[id]/route";

/**
 * Issue 10, row 6: with the victim's session cookie and `Origin: https://evil.example`, text/plain, form
 * and multipart bodies were accepted as JSON. The check runs before authentication, so a cookie that
 * looks like a session is enough to show what is refused.
 */
const COOKIE = "authjs.session-token=looks-like-a-session";
const url = "http://localhost:3000/api/orgs/demo/api-keys";
const params = { params: Promise.resolve({ org: "demo" }) };

async function post(headers: Record<string, string>, body = '{"name":"stolen"}'): Promise<number> {
  return (await createApiKey(new Request(url, { method: "POST", headers: { cookie: COOKIE, ...headers }, body }), params)).status;
}

describe("cross-site requests with the session cookie", () => {
  it("a foreign Origin is refused whatever the body type", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json"]) {
      expect(await post({ origin: "https://evil.example", "content-type": type }), type).toBe(403);
    }
  });

  it("same origin but not labelled JSON is refused (a form cannot send application/json)", async () => {
    expect(await post({ origin: "http://localhost:3000", "content-type": "text/plain" })).toBe(403);
    expect(await post({ origin: "http://localhost:3000" })).toBe(403);
  });

  it("no Origin: only Sec-Fetch-Site same-origin passes; cross-site fetch metadata is refused", async () => {
    expect(await post({ "content-type": "application/json" })).toBe(403);
    expect(await post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).toBe(403);
    expect(await post({ "content-type": "application/json", "sec-fetch-site": "same-origin" })).not.toBe(403);
    expect(await post({ "content-type": "application/json", origin: "null" })).toBe(403);
  });

  it("a DELETE without a body needs our Origin too", async () => {
    const del = (headers: Record<string, string>) => revokeApiKey(new Request(`${url}/k1`, { method: "DELETE", headers: { cookie: COOKIE, ...headers } }), { params: Promise.resolve({ org: "demo", id: "k1" }) });
    expect((await del({ origin: "https://evil.example" })).status).toBe(403);
    expect((await del({ origin: "http://localhost:3000" })).status).not.toBe(403);
  });

  it("requests without the session cookie (API keys, signed out) are not cookie-authenticated: no CSRF refusal", async () => {
    const res = await createApiKey(new Request(url, { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain", "x-api-key": "me_x_y" }, body: "{}" }), params);
    expect(res.status).not.toBe(403);
    const anon = await createApiKey(new Request(url, { method: "POST", headers: { origin: "https://evil.example" }, body: "{}" }), params);
    expect(anon.status).not.toBe(403); // 401 in the app (tests/e2e/api-contract.spec.ts); here next-auth has no request scope
  });
});
