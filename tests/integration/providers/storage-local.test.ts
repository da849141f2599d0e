import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/media/[...key]/route";
import { readObjectBytes, storage } from "@/lib/providers/storage";
import { signMediaUrl } from "@/lib/providers/storage/signed-url";
import { setEnv } from "@/tests/contract/harness";

/**
 * The embedded storage default: files under DATA_DIR/storage, and signed URLs served by
 * app/api/media/[...key]/route.ts (called directly with a Request). Tampered, missing or expired
 * signatures are 403 before the disk is read; unknown objects are 404.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "me-storage-"));
  setEnv({ DATA_DIR: dir, AUTH_SECRET: "test-auth-secret-for-media-urls", APP_URL: "http://app.test", S3_BUCKET: undefined });
});
afterAll(async () => {
  setEnv({ DATA_DIR: undefined, AUTH_SECRET: undefined, APP_URL: undefined });
  await rm(dir, { recursive: true, force: true });
});

/** What Next.js does for /api/media/[...key]: decoded segments as params. */
async function serve(url: string): Promise<Response> {
  const u = new URL(url);
  const segments = u.pathname.replace(/^\/api\/media\//, "").split("/").map(decodeURIComponent);
  return GET(new Request(u), { params: Promise.resolve({ key: segments }) });
}

const bytes = Buffer.from("fake-png-bytes-\u00e9\u00e8", "utf8");

describe("local storage + signed media route", () => {
  it("is the default without S3_BUCKET and keeps files under DATA_DIR/storage", async () => {
    expect(storage().name).toBe("local");
    const key = "org_1/originals/2026-11-22_piece_1.png";
    const put = await storage().put(key, bytes, { contentType: "image/png" });
    expect(put).toMatchObject({ key, size: bytes.length, contentType: "image/png" });
    expect(await readdir(path.join(dir, "storage", "org_1", "originals"))).toEqual(["2026-11-22_piece_1.png"]); // no temp files left
    expect(await storage().head(key)).toMatchObject({ size: bytes.length, contentType: "image/png", etag: put.etag });
    expect(Buffer.from(await readObjectBytes((await storage().get(key))!)).equals(bytes)).toBe(true);
    expect(await storage().get("org_1/originals/missing.png")).toBeNull();
  });

  it("a signed URL streams the file with its content type and safe headers", async () => {
    const key = "org_1/originals/2026-11-22_piece_1.png";
    const url = await storage().signedUrl(key, 600);
    expect(url).toMatch(/^http:\/\/app\.test\/api\/media\/org_1\/originals\/2026-11-22_piece_1\.png\?exp=\d+&sig=[\w-]+$/);
    const res = await serve(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe("inline");
    expect(res.headers.get("cache-control")).toMatch(/^private, max-age=(59\d|600)$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("tampered signature, another key, a changed expiry, no signature -> 403", async () => {
    const key = "org_1/originals/2026-11-22_piece_1.png";
    const url = new URL(await storage().signedUrl(key, 600));
    const sig = url.searchParams.get("sig")!;

    const flipped = new URL(url);
    flipped.searchParams.set("sig", (sig[0] === "A" ? "B" : "A") + sig.slice(1));
    expect((await serve(flipped.toString())).status).toBe(403);

    await storage().put("org_2/originals/secret.png", bytes, { contentType: "image/png" });
    const otherKey = new URL(url);
    otherKey.pathname = "/api/media/org_2/originals/secret.png";
    expect((await serve(otherKey.toString())).status).toBe(403);

    const longer = new URL(url);
    longer.searchParams.set("exp", String(Number(url.searchParams.get("exp")) + 3600));
    expect((await serve(longer.toString())).status).toBe(403);

    const bare = new URL(url);
    bare.search = "";
    const res = await serve(bare.toString());
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("an expired link -> 403 naming the expiry", async () => {
    const key = "org_1/originals/2026-11-22_piece_1.png";
    const expired = signMediaUrl(key, 60, Date.now() - 3_600_000);
    const res = await serve(expired);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/a expiré/);
  });

  it("a valid signature for an object that does not exist -> 404; a traversal key -> 404 without touching the disk", async () => {
    expect((await serve(await storage().signedUrl("org_1/originals/gone.png", 60))).status).toBe(404);
    const sneaky = signMediaUrl("org_1/../../etc/passwd", 60);
    const res = await GET(new Request(sneaky), { params: Promise.resolve({ key: ["org_1", "..", "..", "etc", "passwd"] }) });
    expect(res.status).toBe(404);
  });

  it("types a browser could run (HTML, SVG) are served as downloads in a sandbox", async () => {
    const key = "org_1/uploads/page.html";
    await storage().put(key, Buffer.from("<script>alert(1)</script>"), { contentType: "text/html" });
    const res = await serve(await storage().signedUrl(key, 60));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe("attachment");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("delete removes the file and its metadata", async () => {
    const key = "org_1/uploads/page.html";
    await storage().delete(key);
    expect(await storage().head(key)).toBeNull();
    await storage().delete(key);
  });
});
