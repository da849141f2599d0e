import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { mediaKey, readObjectBytes, storage } from "@/lib/providers/storage";
import { createS3Fake, type S3Fake } from "@/tests/fakes/s3";
import { setEnv } from "./harness";

/**
 * The S3 storage provider (real @aws-sdk/client-s3 + presigner) against a minimal S3 that checks
 * SigV4 for real: path-style addressing (MinIO), round trips, missing objects, presigned GETs with
 * expiry, a wrong secret, and the SDK's retry on 503 SlowDown.
 */
const CREDS = { accessKeyId: "AKIAFAKEFAKEFAKE", secretAccessKey: "fake/secret/key+123", region: "eu-west-3" };
let s3: S3Fake;

beforeAll(async () => {
  s3 = createS3Fake({ ...CREDS, buckets: ["mkt-content-media"] });
  await s3.start();
  setEnv({ S3_BUCKET: "mkt-content-media", S3_REGION: CREDS.region, S3_ENDPOINT: s3.url, S3_ACCESS_KEY_ID: CREDS.accessKeyId, S3_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
});
afterAll(async () => {
  await s3.stop();
  setEnv({ S3_BUCKET: undefined, S3_REGION: undefined, S3_ENDPOINT: undefined, S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined });
});
beforeEach(() => {
  s3.requests.length = 0;
  s3.state.clock = () => Date.now();
});

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 255, 0]);

describe("S3 storage provider against the S3 fake", () => {
  it("is chosen when S3_BUCKET is set", () => {
    expect(storage().name).toBe("s3");
  });

  it("put / head / get / delete round trip, path-style, every request signed (SigV4 verified)", async () => {
    const key = mediaKey({ organizationId: "org_1", id: "piece_1", contentType: "image/png", date: new Date("2026-11-22T10:00:00Z") });
    expect(key).toBe("org_1/originals/2026-11-22_piece_1.png");
    const put = await storage().put(key, png, { contentType: "image/png", cacheControl: "private, max-age=60" });
    expect(put).toMatchObject({ key, size: png.length, contentType: "image/png", etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(s3.objects.get(`mkt-content-media/${key}`)?.body.equals(png)).toBe(true);

    expect(await storage().head(key)).toMatchObject({ key, size: png.length, contentType: "image/png", etag: put.etag });
    const obj = (await storage().get(key))!;
    expect(obj.contentType).toBe("image/png");
    expect(Buffer.from(await readObjectBytes(obj)).equals(png)).toBe(true);

    await storage().delete(key);
    expect(await storage().head(key)).toBeNull();
    expect(await storage().get(key)).toBeNull();
    await storage().delete(key); // deleting again is fine

    expect(s3.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["PUT", `/mkt-content-media/${key}`, 200],
      ["HEAD", `/mkt-content-media/${key}`, 200],
      ["GET", `/mkt-content-media/${key}`, 200],
      ["DELETE", `/mkt-content-media/${key}`, 204],
      ["HEAD", `/mkt-content-media/${key}`, 404],
      ["GET", `/mkt-content-media/${key}`, 404],
      ["DELETE", `/mkt-content-media/${key}`, 204],
    ]);
    for (const r of s3.requests) expect(String(r.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE\/\d{8}\/eu-west-3\/s3\/aws4_request/);
  });

  it("signedUrl is a presigned GET that works with plain fetch until it expires", async () => {
    const key = "org_1/renditions/2026-11-22_piece_2.png";
    await storage().put(key, png, { contentType: "image/png" });
    const url = await storage().signedUrl(key, 300);
    expect(url.startsWith(`${s3.url}/mkt-content-media/${key}?`)).toBe(true);
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("300");
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await ok.arrayBuffer()).equals(png)).toBe(true);

    s3.state.clock = () => Date.now() + 301_000;
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain("Request has expired");

    s3.state.clock = () => Date.now();
    const tampered = new URL(url);
    tampered.pathname = tampered.pathname.replace("piece_2", "piece_3");
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("a wrong secret is refused by the server (SignatureDoesNotMatch) and surfaces as an upstream AppError", async () => {
    setEnv({ S3_SECRET_ACCESS_KEY: "not-the-secret" });
    try {
      const err = await storage().put("org_1/x.png", png, { contentType: "image/png" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("upstream");
      expect((err as AppError).message).toMatch(/403 SignatureDoesNotMatch/);
    } finally {
      setEnv({ S3_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
    }
  });

  it("503 SlowDown is retried by the SDK", async () => {
    s3.fail(503, "SlowDown", 1);
    await storage().put("org_1/retry.png", png, { contentType: "image/png" });
    expect(s3.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it("keys that could escape their prefix are refused before any request", async () => {
    for (const key of ["../etc/passwd", "/abs.png", "org_1/.meta/x", "a//b", ""]) {
      await expect(storage().put(key, png, { contentType: "image/png" })).rejects.toMatchObject({ code: "validation" });
    }
    expect(s3.requests).toHaveLength(0);
  });
});
