import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * A minimal S3 (the MinIO-compatible subset the storage provider uses): path-style
 * PUT / GET / HEAD / DELETE object on /<bucket>/<key>, S3 XML errors (NoSuchKey, NoSuchBucket,
 * AccessDenied, SignatureDoesNotMatch, XAmzContentSHA256Mismatch, SlowDown), and AWS Signature V4
 * checked for real: Authorization header (with x-amz-date + x-amz-content-sha256, which must match
 * the body) or a presigned query (X-Amz-Algorithm/Credential/Date/Expires/SignedHeaders/Signature,
 * expiry enforced). Own HTTP server because objects are binary. Scriptable one-shot faults.
 */
export type S3Object = { body: Buffer; contentType: string; cacheControl?: string; etag: string; lastModified: Date };
export type S3Request = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"]; presigned: boolean; status?: number };

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

function parseAmzDate(v: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

export function createS3Fake(opts: { accessKeyId: string; secretAccessKey: string; region: string; buckets: string[] }) {
  const objects = new Map<string, S3Object>();
  const requests: S3Request[] = [];
  const faults: { status: number; code: string; times: number }[] = [];
  const state = { clock: () => Date.now(), url: "" };
  let server: Server | undefined;

  function xmlError(res: ServerResponse, status: number, code: string, message: string, extra = ""): void {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": requestId });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`);
  }

  /** null when the signature is valid, else [status, code, message]. */
  function checkSignature(req: IncomingMessage, rawPath: string, query: URLSearchParams, body: Buffer): [number, string, string] | null {
    const presigned = query.has("X-Amz-Algorithm");
    let credential: string, signedHeaders: string, signature: string, amzDate: string, payloadHash: string;
    if (presigned) {
      if (query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return [400, "AuthorizationQueryParametersError", "X-Amz-Algorithm only supports AWS4-HMAC-SHA256"];
      credential = query.get("X-Amz-Credential") ?? "";
      signedHeaders = query.get("X-Amz-SignedHeaders") ?? "";
      signature = query.get("X-Amz-Signature") ?? "";
      amzDate = query.get("X-Amz-Date") ?? "";
      payloadHash = query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD";
      const start = parseAmzDate(amzDate);
      const expires = Number(query.get("X-Amz-Expires"));
      if (start === null || !Number.isInteger(expires) || expires < 1 || expires > 604800) return [400, "AuthorizationQueryParametersError", "X-Amz-Date / X-Amz-Expires are invalid"];
      if (state.clock() > start + expires * 1000) return [403, "AccessDenied", "Request has expired"];
    } else {
      const auth = String(req.headers.authorization ?? "");
      const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
      if (!m) return [403, "AccessDenied", "Missing or malformed AWS Signature Version 4 Authorization header"];
      [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
      amzDate = String(req.headers["x-amz-date"] ?? "");
      payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
      if (!amzDate || parseAmzDate(amzDate) === null) return [403, "AccessDenied", "x-amz-date header is required"];
      if (Math.abs(state.clock() - parseAmzDate(amzDate)!) > 15 * 60_000) return [403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."];
      if (!payloadHash) return [400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256"];
      if (/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== sha256(body)) return [400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."];
      if (payloadHash.startsWith("STREAMING-")) return [501, "NotImplemented", "This fake does not accept aws-chunked uploads"];
      for (const h of ["host", "x-amz-date", "x-amz-content-sha256"]) if (!signedHeaders.split(";").includes(h)) return [403, "AccessDenied", `${h} must be signed`];
    }
    const [akid, date, region, service, terminator] = credential.split("/");
    if (akid !== opts.accessKeyId) return [403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."];
    if (region !== opts.region || service !== "s3" || terminator !== "aws4_request" || date !== amzDate.slice(0, 8)) return [400, "AuthorizationHeaderMalformed", `credential scope ${date}/${region}/${service} is wrong`];
    const canonicalQuery = [...query.entries()]
      .filter(([k]) => k !== "X-Amz-Signature")
      .map(([k, v]) => [enc(k), enc(v)] as const)
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const names = signedHeaders.split(";");
    const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
    const canonicalRequest = [req.method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${opts.secretAccessKey}`, date!), region!), "s3"), "aws4_request");
    const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
    if (expected !== signature) return [403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."];
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : "");
    const record: S3Request = { method: req.method ?? "GET", path: rawPath, query, headers: req.headers, presigned: query.has("X-Amz-Algorithm") };
    requests.push(record);
    const send = (status: number, headers: Record<string, string>, data?: Buffer) => {
      record.status = status;
      res.writeHead(status, { "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(), ...headers });
      res.end(data);
    };
    const error = (status: number, code: string, message: string, extra = "") => {
      record.status = status;
      if (req.method === "HEAD") return send(status, {});
      xmlError(res, status, code, message, extra);
    };
    const fault = faults.find((f) => f.times > 0);
    if (fault) {
      fault.times--;
      return error(fault.status, fault.code, "Injected fault");
    }
    const bad = checkSignature(req, rawPath, query, body);
    if (bad) return error(...bad);
    const [, bucket, ...rest] = rawPath.split("/").map((s) => decodeURIComponent(s));
    if (!bucket || !opts.buckets.includes(bucket)) return error(404, "NoSuchBucket", "The specified bucket does not exist", `<BucketName>${bucket ?? ""}</BucketName>`);
    const key = rest.join("/");
    if (!key) return error(501, "NotImplemented", "Bucket-level operations are not part of this fake");
    const id = `${bucket}/${key}`;
    const obj = objects.get(id);
    const objectHeaders = (o: S3Object) => ({
      "content-type": o.contentType,
      "content-length": String(o.body.length),
      etag: `"${o.etag}"`,
      "last-modified": o.lastModified.toUTCString(),
      ...(o.cacheControl ? { "cache-control": o.cacheControl } : {}),
    });
    switch (req.method) {
      case "PUT": {
        const o: S3Object = { body, contentType: String(req.headers["content-type"] ?? "binary/octet-stream"), cacheControl: req.headers["cache-control"] as string | undefined, etag: createHash("md5").update(body).digest("hex"), lastModified: new Date() };
        objects.set(id, o);
        return send(200, { etag: `"${o.etag}"` });
      }
      case "GET":
        if (!obj) return error(404, "NoSuchKey", "The specified key does not exist.", `<Key>${key}</Key>`);
        return send(200, objectHeaders(obj), obj.body);
      case "HEAD":
        if (!obj) return send(404, {});
        return send(200, objectHeaders(obj));
      case "DELETE":
        objects.delete(id);
        return send(204, {});
      default:
        return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  return {
    objects,
    requests,
    state,
    get url() {
      return state.url;
    },
    /** The next `times` requests answer this S3 error (e.g. 503 SlowDown). */
    fail(status: number, code: string, times = 1) {
      faults.push({ status, code, times });
    },
    async start(): Promise<string> {
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
      const addr = server.address();
      state.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
      return state.url;
    },
    async stop(): Promise<void> {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    },
  };
}

export type S3Fake = ReturnType<typeof createS3Fake>;
