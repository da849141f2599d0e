import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse, parseJson, parseWith, MAX_JSON_BYTES, type ErrorBody } from "@/lib/http";

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
    const res = errorResponse(new AppError("rate_limited", "http.rateLimited", { values: { seconds: 13 }, retryAfterSeconds: 12.2 }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("13");
    expect(errorResponse(new AppError("not_found", "notFound", { values: { thing: "run" } })).status).toBe(404);
    expect(errorResponse(new AppError("validation", "orgs.slugTaken", { field: "name" })).status).toBe(422);
  });
  it("renders the message in the request's language; code, field and issue codes stay stable", async () => {
    const err = await rejection(parseJson(req('{"name":"","count":"two","admin":true}'), schema));
    const fr = (await errorResponse(err, { locale: "fr" }).json()) as ErrorBody;
    const en = (await errorResponse(err, { locale: "en" }).json()) as ErrorBody;
    expect(fr.error.code).toBe("validation");
    expect(en.error.field).toBe(fr.error.field);
    expect(fr.error.issues).toEqual([
      { field: "name", code: "required", message: "Obligatoire" },
      { field: "count", code: "invalid_type", message: "Un nombre est attendu" },
      { field: "admin", code: "unknown_field", message: "Champ inconnu « admin »" },
    ]);
    expect(en.error.issues!.map((i) => i.message)).toEqual(["Required", "Expected a number", 'Unknown field "admin"']);
    expect(fr.error.message).toBe("name : Obligatoire");
    expect(en.error.message).toBe("name: Required");
    expect(err.message).toBe("name: Required");
    const rate = (await errorResponse(new AppError("rate_limited", "http.rateLimited", { values: { seconds: 1 } }), { locale: "fr" }).json()) as ErrorBody;
    expect(rate.error.message).toBe("Trop de requêtes. Réessayez dans 1 seconde.");
  });
  it("hides unknown errors behind a generic message", async () => {
    const res = errorResponse(new Error("secret internals"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("secret internals");
  });
});

describe("validation messages", () => {
  const fail = (schema: z.ZodType, data: unknown) => {
    try {
      parseWith(schema, data);
    } catch (err) {
      if (err instanceof AppError) return { fr: err.issuesIn("fr")[0]!, en: err.issuesIn("en")[0]! };
      throw err;
    }
    throw new Error("expected a rejection");
  };
  it("say the limits in numbers of the reader's language", () => {
    const long = fail(z.object({ text: z.string().max(20_000) }), { text: "x".repeat(23_456) });
    expect(long.fr).toEqual({ field: "text", code: "too_big", message: "20\u202f000 caractères au maximum (celui-ci en compte 23\u202f456)" });
    expect(long.en.message).toBe("At most 20,000 characters (this one has 23,456)");
    expect(fail(z.object({ p: z.string().min(10) }), { p: "short" }).fr.message).toBe("Au moins 10 caractères");
    expect(fail(z.object({ ids: z.array(z.string()).max(2) }), { ids: ["a", "b", "c"] }).en.message).toBe("At most 2 items");
    expect(fail(z.object({ n: z.number().int().min(1) }), { n: 0 }).fr.message).toBe("Au moins 1");
  });
  it("name formats and choices", () => {
    expect(fail(z.object({ email: z.string().email() }), { email: "nope" }).fr).toMatchObject({ code: "invalid_format", message: "Une adresse e-mail valide est attendue" });
    expect(fail(z.object({ role: z.enum(["ADMIN", "EDITOR"]) }), { role: "BOSS" }).en).toMatchObject({ code: "invalid_value", message: "Expected one of: ADMIN, EDITOR" });
  });
  it("use a schema's own message only when it is a catalogue key", () => {
    const own = z.object({ slug: z.string().regex(/^[a-z]+$/, "validation.slugFormat") });
    expect(fail(own, { slug: "A!" }).fr.message).toBe("Lettres minuscules, chiffres et tirets uniquement");
    const english = z.object({ slug: z.string().regex(/^[a-z]+$/, "lowercase only") });
    expect(fail(english, { slug: "A!" }).fr.message).toBe("Format invalide");
    const custom = z.object({ to: z.string() }).refine(() => false, { message: "validation.rangeTooLong", path: ["to"], params: { days: 62 } });
    expect(fail(custom, { to: "x" }).fr).toEqual({ field: "to", code: "invalid", message: "62 jours au maximum" });
  });
});
