import { createHash, randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { FakeServer, type FakeRequest, type FakeResponse } from "./server";

/**
 * Local fake of the OpenAI endpoints the media provider uses, following the API reference:
 * - POST /v1/images/generations (gpt-image models: sizes 1024x1024 | 1024x1536 | 1536x1024 | auto,
 *   base64 PNG in data[].b64_json, token usage; `response_format` is rejected for gpt-image models)
 * - POST /v1/audio/transcriptions (multipart/form-data: file, model, language, response_format)
 * - POST /v1/embeddings (input string | string[], encoding_format float | base64, dimensions)
 * Bearer auth; errors are {"error":{"message","type","param","code"}}; 429 carries retry-after.
 * Scriptable per endpoint: a queue of failures / delays consumed before the normal answer.
 */
export type OpenAiEndpoint = "images" | "transcriptions" | "embeddings";
export type OpenAiScript = { status?: number; error?: { message: string; type: string; code?: string | null; param?: string | null }; headers?: Record<string, string>; delayMs?: number };
export type RecordedOpenAiRequest = { endpoint: OpenAiEndpoint; headers: FakeRequest["headers"]; json?: Record<string, unknown>; form?: FormData };

export const openaiErrors = {
  rateLimited: (retryAfterSeconds: number): OpenAiScript => ({
    status: 429,
    error: { message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded", param: null },
    headers: { "retry-after": String(retryAfterSeconds), "x-ratelimit-remaining-requests": "0" },
  }),
  server: (): OpenAiScript => ({ status: 500, error: { message: "The server had an error while processing your request.", type: "server_error", code: null, param: null } }),
  invalidKey: (): OpenAiScript => ({ status: 401, error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key", param: null } }),
};

const IMAGE_SIZES = new Set(["1024x1024", "1024x1536", "1536x1024", "auto"]);
const IMAGE_TOKENS: Record<string, Record<string, number>> = {
  low: { "1024x1024": 272, "1024x1536": 408, "1536x1024": 400 },
  medium: { "1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568 },
  high: { "1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208 },
};

function error(status: number, message: string, type: string, code: string | null = null, param: string | null = null, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { "x-request-id": `req_${randomBytes(8).toString("hex")}`, ...headers }, json: { error: { message, type, param, code } } };
}

/** A grey PNG of the given size (independent of the app's encoder). */
function greyPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A deterministic unit vector per text. */
function vectorFor(text: string, dims: number): number[] {
  const out: number[] = [];
  let block = Buffer.alloc(0);
  for (let i = 0; out.length < dims; i++) {
    if (block.length === 0) block = createHash("sha256").update(`${text}:${i}`).digest();
    out.push(block.readInt8(0) / 128);
    block = block.subarray(1);
  }
  const n = Math.hypot(...out) || 1;
  return out.map((x) => x / n);
}

export function createOpenAiFake(opts: { apiKey: string }) {
  const server = new FakeServer("openai");
  const queues: Record<OpenAiEndpoint, OpenAiScript[]> = { images: [], transcriptions: [], embeddings: [] };
  const requests: RecordedOpenAiRequest[] = [];
  const state = { transcript: "Bonjour, ceci est un mémo vocal sur notre nouvelle collection de sacs en cuir." };

  async function gate(endpoint: OpenAiEndpoint, req: FakeRequest): Promise<FakeResponse | null> {
    if (String(req.headers.authorization ?? "") !== `Bearer ${opts.apiKey}`) return error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    const next = queues[endpoint].shift();
    if (next?.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    if (next?.status) return error(next.status, next.error?.message ?? "error", next.error?.type ?? "server_error", next.error?.code ?? null, next.error?.param ?? null, next.headers);
    return null;
  }

  server.route("POST", /^\/v1\/images\/generations$/, async (req) => {
    const b = (req.json ?? {}) as Record<string, unknown>;
    requests.push({ endpoint: "images", headers: req.headers, json: b });
    const gated = await gate("images", req);
    if (gated) return gated;
    const model = String(b.model ?? "dall-e-2");
    if (typeof b.prompt !== "string" || !b.prompt) return error(400, "Missing required parameter: 'prompt'.", "invalid_request_error", "missing_required_parameter", "prompt");
    if (model.startsWith("gpt-image") && "response_format" in b) return error(400, "Unknown parameter: 'response_format'.", "invalid_request_error", "unknown_parameter", "response_format");
    const size = String(b.size ?? "auto");
    if (!IMAGE_SIZES.has(size)) return error(400, `Invalid value: '${size}'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.`, "invalid_request_error", "invalid_value", "size");
    const quality = String(b.quality ?? "auto") === "auto" ? "medium" : String(b.quality);
    if (!IMAGE_TOKENS[quality]) return error(400, `Invalid value: '${quality}'.`, "invalid_request_error", "invalid_value", "quality");
    const real = size === "auto" ? "1024x1024" : size;
    const [w, h] = real.split("x").map(Number) as [number, number];
    const n = Number(b.n ?? 1);
    const textTokens = Math.ceil(String(b.prompt).length / 4);
    const imageTokens = IMAGE_TOKENS[quality]![real]! * n;
    return {
      status: 200,
      json: {
        created: Math.floor(Date.now() / 1000),
        background: "opaque",
        output_format: "png",
        quality,
        size: real,
        data: Array.from({ length: n }, () => ({ b64_json: greyPng(w, h).toString("base64") })),
        usage: { input_tokens: textTokens, input_tokens_details: { text_tokens: textTokens, image_tokens: 0 }, output_tokens: imageTokens, total_tokens: textTokens + imageTokens, output_tokens_details: { image_tokens: imageTokens, text_tokens: 0 } },
      },
    };
  });

  server.route("POST", /^\/v1\/audio\/transcriptions$/, async (req) => {
    const ct = String(req.headers["content-type"] ?? "");
    const form = ct.startsWith("multipart/form-data") ? await new Request("http://fake/", { method: "POST", headers: { "content-type": ct }, body: new Uint8Array(req.raw) }).formData() : undefined;
    requests.push({ endpoint: "transcriptions", headers: req.headers, form });
    const gated = await gate("transcriptions", req);
    if (gated) return gated;
    if (!form) return error(400, "Expected multipart/form-data", "invalid_request_error");
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return error(400, "Missing required parameter: 'file'.", "invalid_request_error", "missing_required_parameter", "file");
    const model = String(form.get("model") ?? "");
    if (!model) return error(400, "Missing required parameter: 'model'.", "invalid_request_error", "missing_required_parameter", "model");
    const format = String(form.get("response_format") ?? "json");
    if (format === "text") return { status: 200, headers: { "content-type": "text/plain" }, text: state.transcript };
    const audioTokens = Math.ceil(file.size / 100);
    const usage = model === "whisper-1" ? { type: "duration", seconds: Math.ceil(file.size / 16000) } : { type: "tokens", input_tokens: audioTokens, input_token_details: { text_tokens: 0, audio_tokens: audioTokens }, output_tokens: Math.ceil(state.transcript.length / 4), total_tokens: audioTokens + Math.ceil(state.transcript.length / 4) };
    return { status: 200, json: { text: state.transcript, usage } };
  });

  server.route("POST", /^\/v1\/embeddings$/, async (req) => {
    const b = (req.json ?? {}) as Record<string, unknown>;
    requests.push({ endpoint: "embeddings", headers: req.headers, json: b });
    const gated = await gate("embeddings", req);
    if (gated) return gated;
    const input = typeof b.input === "string" ? [b.input] : Array.isArray(b.input) ? b.input : null;
    if (!input || input.length === 0 || input.some((t) => typeof t !== "string" || t === "")) return error(400, "'input' : input must be a non-empty string or array of strings", "invalid_request_error", null, "input");
    const model = String(b.model ?? "");
    const dims = typeof b.dimensions === "number" ? b.dimensions : model.includes("large") ? 3072 : 1536;
    const base64 = b.encoding_format === "base64";
    const data = (input as string[]).map((t, index) => {
      const v = vectorFor(t, dims);
      return { object: "embedding", index, embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v };
    });
    const tokens = (input as string[]).reduce((n, t) => n + Math.ceil(t.length / 4), 0);
    return { status: 200, json: { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
  });

  return {
    server,
    requests,
    state,
    enqueue(endpoint: OpenAiEndpoint, ...scripts: OpenAiScript[]) {
      queues[endpoint].push(...scripts);
    },
    reset() {
      for (const q of Object.values(queues)) q.length = 0;
      requests.length = 0;
    },
  };
}

export type OpenAiFake = ReturnType<typeof createOpenAiFake>;
