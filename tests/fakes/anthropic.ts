import { randomBytes } from "node:crypto";
import { FakeServer, type FakeRequest, type FakeResponse } from "./server";

/**
 * Local fake of the Anthropic Messages API (POST /v1/messages), following the documented contract:
 * the key as "Authorization: Bearer" (what SDK 1.x sends) or x-api-key; anthropic-version required,
 * 2023-06-01 or 2026-10-21 (which rejects temperature / top_p / top_k with a 400); JSON body (model, max_tokens, messages, system,
 * output_config.format json_schema with additionalProperties:false on every object), a Message
 * response with usage, and error bodies {"type":"error","error":{"type",...},"request_id"} with the
 * documented statuses (400 invalid_request_error, 401 authentication_error, 429 rate_limit_error +
 * retry-after, 500 api_error, 529 overloaded_error). Answers are scripted per test: a queue of
 * replies / errors, each optionally delayed (for deadlines).
 */
/** `thinking`: an adaptive-thinking block returned before the text (current models think by default). */
export type AnthropicReply = { text: string; thinking?: string; usage?: { input_tokens?: number; output_tokens?: number }; stopReason?: string; delayMs?: number };
export type AnthropicFailure = { status: number; errorType: string; message: string; headers?: Record<string, string>; delayMs?: number };
export type AnthropicScript = AnthropicReply | AnthropicFailure;

export type RecordedMessagesRequest = { headers: FakeRequest["headers"]; body: MessagesBody };
export type MessagesBody = {
  model: string;
  max_tokens: number;
  system?: string | { type: string; text: string }[];
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
  output_config?: { format?: { type: string; schema: Record<string, unknown> }; effort?: string };
  [k: string]: unknown;
};

const KNOWN_PARAMS = new Set(["model", "max_tokens", "messages", "system", "metadata", "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking", "output_config", "service_tier", "container", "context_management", "mcp_servers"]);

export const anthropicErrors = {
  overloaded: (): AnthropicFailure => ({ status: 529, errorType: "overloaded_error", message: "Overloaded", headers: { "x-should-retry": "true" } }),
  rateLimited: (retryAfterSeconds: number): AnthropicFailure => ({
    status: 429,
    errorType: "rate_limit_error",
    message: "Number of request tokens has exceeded your per-minute rate limit",
    headers: { "retry-after": String(retryAfterSeconds), "anthropic-ratelimit-requests-remaining": "0" },
  }),
  invalidRequest: (message: string): AnthropicFailure => ({ status: 400, errorType: "invalid_request_error", message }),
  apiError: (): AnthropicFailure => ({ status: 500, errorType: "api_error", message: "Internal server error" }),
};

function errorResponse(status: number, type: string, message: string, headers: Record<string, string> = {}): FakeResponse {
  const requestId = `req_${randomBytes(12).toString("hex")}`;
  return { status, headers: { "request-id": requestId, ...headers }, json: { type: "error", error: { type, message }, request_id: requestId } };
}

/** Structured outputs require additionalProperties:false on every object schema. */
function strictObjects(schema: unknown, at = "schema"): string | null {
  if (!schema || typeof schema !== "object") return null;
  const s = schema as Record<string, unknown>;
  if (s.type === "object" && s.additionalProperties !== false) return `output_config.format.${at}: additionalProperties must be false for object types`;
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" || k === "$defs") {
      for (const [name, sub] of Object.entries(v as Record<string, unknown>)) {
        const bad = strictObjects(sub, `${at}.${k}.${name}`);
        if (bad) return bad;
      }
    } else if (k === "items" || k === "additionalProperties") {
      const bad = strictObjects(v, `${at}.${k}`);
      if (bad) return bad;
    } else if ((k === "anyOf" || k === "allOf" || k === "prefixItems") && Array.isArray(v)) {
      for (const sub of v) {
        const bad = strictObjects(sub, `${at}.${k}`);
        if (bad) return bad;
      }
    }
  }
  return null;
}

const API_VERSIONS = new Set(["2023-06-01", "2026-10-21"]);

function validate(body: MessagesBody | undefined, version: string): string | null {
  if (!body || typeof body !== "object") return "body: expected a JSON object";
  for (const k of Object.keys(body)) if (!KNOWN_PARAMS.has(k)) return `${k}: Extra inputs are not permitted`;
  if (version === "2026-10-21") for (const k of ["temperature", "top_p", "top_k"]) if (k in body) return `${k}: this parameter is not supported in API version 2026-10-21`;
  if (typeof body.model !== "string" || !body.model) return "model: Field required";
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return "max_tokens: Input should be a positive integer";
  if (body.stream) return "stream: this fake only answers non-streaming requests";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  for (const [i, m] of body.messages.entries()) {
    if (m.role !== "user" && m.role !== "assistant") return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const text = typeof m.content === "string" ? m.content : m.content.map((b) => b.text ?? "").join("");
    if (!text) return `messages.${i}: text content blocks must be non-empty`;
  }
  if (body.messages[0]!.role !== "user") return "messages.0.role: the first message must use the user role";
  if (body.output_config?.effort !== undefined && !["low", "medium", "high", "xhigh", "max"].includes(body.output_config.effort)) return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'";
  if (body.output_config?.format) {
    const f = body.output_config.format;
    if (f.type !== "json_schema" || !f.schema || typeof f.schema !== "object") return "output_config.format: expected { type: 'json_schema', schema: {...} }";
    const bad = strictObjects(f.schema);
    if (bad) return bad;
  }
  return null;
}

export function createAnthropicFake(opts: { apiKey: string }) {
  const server = new FakeServer("anthropic");
  const queue: AnthropicScript[] = [];
  const requests: RecordedMessagesRequest[] = [];

  server.route("POST", /^\/v1\/messages$/, async (req) => {
    const body = req.json as MessagesBody | undefined;
    requests.push({ headers: req.headers, body: body as MessagesBody });
    const bearer = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
    const key = req.headers["x-api-key"] ?? (bearer || undefined);
    if (!key) return errorResponse(401, "authentication_error", "x-api-key or Authorization header is required");
    if (key !== opts.apiKey) return errorResponse(401, "authentication_error", "invalid x-api-key");
    const version = String(req.headers["anthropic-version"] ?? "");
    if (!version) return errorResponse(400, "invalid_request_error", "anthropic-version: header is required");
    if (!API_VERSIONS.has(version)) return errorResponse(400, "invalid_request_error", `anthropic-version: ${version} is not a valid version`);
    if (!String(req.headers["content-type"] ?? "").includes("application/json")) return errorResponse(400, "invalid_request_error", "content-type must be application/json");
    const invalid = validate(body, version);
    if (invalid) return errorResponse(400, "invalid_request_error", invalid);
    const next = queue.shift();
    if (!next) return errorResponse(500, "api_error", "fake: no scripted answer left", { "x-should-retry": "false" });
    if (next.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    if ("status" in next) return errorResponse(next.status, next.errorType, next.message, next.headers);
    const b = body!;
    const promptChars = JSON.stringify(b.system ?? "").length + JSON.stringify(b.messages).length;
    const requestId = `req_${randomBytes(12).toString("hex")}`;
    return {
      status: 200,
      headers: { "request-id": requestId },
      json: {
        id: `msg_${randomBytes(12).toString("hex")}`,
        type: "message",
        role: "assistant",
        model: b.model,
        content: [...(next.thinking ? [{ type: "thinking", thinking: next.thinking, signature: randomBytes(16).toString("base64") }] : []), { type: "text", text: next.text }],
        stop_reason: next.stopReason ?? "end_turn",
        stop_sequence: null,
        usage: {
          input_tokens: next.usage?.input_tokens ?? Math.ceil(promptChars / 4),
          output_tokens: next.usage?.output_tokens ?? Math.ceil(next.text.length / 4),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: null,
          server_tool_use: null,
          service_tier: "standard",
        },
      },
    };
  });

  return {
    server,
    requests,
    /** Answers for the next calls, in order. */
    enqueue(...scripts: AnthropicScript[]) {
      queue.push(...scripts);
    },
    pending: () => queue.length,
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
  };
}

export type AnthropicFake = ReturnType<typeof createAnthropicFake>;
