import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse, parseJson, MAX_JSON_BYTES } from "@/lib/http";

const schema = z.object({ name: z.string().min(1), count: z.number().int().optional() }).strict();
const req = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://x/api", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

describe("parseJson", () => {
  it("accepts a valid body", async () => {
    await expect(parseJson(req('{"name":"a","count":2}'), schema)).resolves.toEqual({ name: "a", count: 2 });
  });
  it("malformed JSON -> bad_request on body", async () => {
    const err = await rejection(parseJson(req('{"name":'), schema));
    expect([err.code, err.field]).toEqual(["bad_request", "body"]);
  });
  it("wrong type -> validation naming the field", async () => {
    const err = await rejection(parseJson(req('{"name":"a","count":"two"}'), schema));
    expect([err.code, err.field]).toEqual(["validation", "count"]);
  });
  it("unknown field -> validation naming the unknown field", async () => {
    const err = await rejection(parseJson(req('{"name":"a","admin":true}'), schema));
    expect([err.code, err.field]).toEqual(["validation", "admin"]);
  });
  it("over 1 MB -> payload_too_large even when Content-Length is absent or lies", async () => {
    const big = JSON.stringify({ name: "x".repeat(MAX_JSON_BYTES) });
    expect((await rejection(parseJson(req(big), schema))).code).toBe("payload_too_large");
    expect((await rejection(parseJson(req(big, { "content-length": "10" }), schema))).code).toBe("payload_too_large");
  });
  it("empty body -> bad_request", async () => {
    expect((await rejection(parseJson(req(""), schema))).code).toBe("bad_request");
  });
});

describe("errorResponse", () => {
  it("maps codes to statuses with Retry-After for rate limits", async () => {
    const res = errorResponse(new AppError("rate_limited", "slow down", { retryAfterSeconds: 12.2 }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("13");
    expect(errorResponse(new AppError("not_found", "x")).status).toBe(404);
    expect(errorResponse(new AppError("validation", "x", { field: "name" })).status).toBe(422);
  });
  it("hides unknown errors behind a generic message", async () => {
    const res = errorResponse(new Error("secret internals"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("secret internals");
  });
});
