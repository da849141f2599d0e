import { FakeServer, type FakeRequest, type FakeResponse } from "./server";

/**
 * Local fake of Slack's Web API chat.postMessage (POST /api/chat.postMessage), per Slack's docs:
 * bot token as "Authorization: Bearer xoxb-..."; JSON bodies must declare charset=utf-8 (else the
 * call still works but answers warning "missing_charset"); HTTP 200 with {"ok":false,"error":...}
 * for not_authed / invalid_auth / channel_not_found / not_in_channel / no_text / invalid_blocks;
 * HTTP 429 + Retry-After + {"ok":false,"error":"ratelimited"} when rate limited.
 * Scriptable: a queue of one-shot answers (error names, 429, delays).
 */
export type SlackScript = { error?: string; status?: number; retryAfter?: number; delayMs?: number };
export type PostedMessage = { channel: string; text?: string; blocks?: unknown[]; ts: string; headers: FakeRequest["headers"]; body: Record<string, unknown>; warning?: string };

export function createSlackFake(opts: { token: string; channels?: Record<string, string>; notInChannel?: string[] }) {
  const server = new FakeServer("slack");
  // name or id -> id
  const channels = new Map<string, string>(Object.entries(opts.channels ?? { "#marketing": "C0MARKETING", C0MARKETING: "C0MARKETING" }));
  const queue: SlackScript[] = [];
  const messages: PostedMessage[] = [];
  const calls: { headers: FakeRequest["headers"]; body: unknown }[] = [];
  let seq = 0;

  const fail = (error: string): FakeResponse => ({ status: 200, json: { ok: false, error } });

  server.route("POST", /^\/api\/chat\.postMessage$/, async (req) => {
    const ct = String(req.headers["content-type"] ?? "");
    const body: Record<string, unknown> = ct.includes("json") ? ((req.json as Record<string, unknown>) ?? {}) : Object.fromEntries(req.form);
    calls.push({ headers: req.headers, body });
    const next = queue.shift();
    if (next?.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
    if (next?.status === 429) return { status: 429, headers: { "retry-after": String(next.retryAfter ?? 30) }, json: { ok: false, error: "ratelimited" } };
    if (next?.status) return { status: next.status, text: "upstream error" };
    const auth = String(req.headers.authorization ?? "");
    if (!auth.startsWith("Bearer ")) return fail("not_authed");
    if (auth.slice(7) !== opts.token) return fail("invalid_auth");
    if (next?.error) return fail(next.error);
    const channel = typeof body.channel === "string" ? channels.get(body.channel) : undefined;
    if (!channel) return fail("channel_not_found");
    if (opts.notInChannel?.includes(channel)) return fail("not_in_channel");
    const blocks = typeof body.blocks === "string" ? (JSON.parse(body.blocks) as unknown[]) : (body.blocks as unknown[] | undefined);
    if (blocks !== undefined && !Array.isArray(blocks)) return fail("invalid_blocks");
    const text = typeof body.text === "string" ? body.text : undefined;
    if (!text && !blocks?.length) return fail("no_text");
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
    const warning = ct.includes("json") && !/charset=utf-8/i.test(ct) ? "missing_charset" : undefined;
    messages.push({ channel, text, blocks, ts, headers: req.headers, body, warning });
    return {
      status: 200,
      json: {
        ok: true,
        channel,
        ts,
        message: { type: "message", subtype: "bot_message", text, ts, bot_id: "B0FAKEBOT", blocks },
        ...(warning ? { warning, response_metadata: { warnings: [warning] } } : {}),
      },
    };
  });

  return {
    server,
    messages,
    calls,
    enqueue(...scripts: SlackScript[]) {
      queue.push(...scripts);
    },
    reset() {
      queue.length = 0;
      messages.length = 0;
      calls.length = 0;
    },
  };
}

export type SlackFake = ReturnType<typeof createSlackFake>;
