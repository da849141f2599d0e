/**
 * Slack Web API chat.postMessage with a bot token. Slack answers HTTP 200 with { ok: false, error }
 * for most failures and 429 + Retry-After when rate limited. This never throws: the caller has
 * already stored the in-app notification and only records how the Slack copy went.
 */
export type SlackPostResult = { ok: true; channel: string; ts: string } | { ok: false; error: string; retryAfterSeconds?: number };

export type SlackMessage = { channel: string; text: string; blocks?: unknown[] };

export async function postSlackMessage(opts: { token: string; baseUrl?: string; timeoutMs?: number; message: SlackMessage }): Promise<SlackPostResult> {
  const url = `${(opts.baseUrl ?? "https://slack.com/api").replace(/\/+$/, "")}/chat.postMessage`;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ ...opts.message, unfurl_links: false, unfurl_media: false }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
    });
    if (res.status === 429) {
      const retry = Number(res.headers.get("retry-after"));
      return { ok: false, error: "ratelimited", retryAfterSeconds: Number.isFinite(retry) ? retry : undefined };
    }
    const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: string; channel?: string; ts?: string } | null;
    if (!res.ok || !body) return { ok: false, error: body?.error ?? `http_${res.status}` };
    if (body.ok !== true) return { ok: false, error: body.error ?? "unknown_error" };
    return { ok: true, channel: body.channel ?? opts.message.channel, ts: body.ts ?? "" };
  } catch (err) {
    const name = (err as Error).name;
    return { ok: false, error: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network_error" };
  }
}

/** Slack mrkdwn needs &, < and > escaped in user text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
