import { getTranslations } from "next-intl/server";

type Explanation = "invalid" | "browser" | "expired" | "used" | "denied" | "provider" | "generic";
const EXPLANATION: Record<string, Explanation> = {
  missingState: "invalid",
  unknownState: "invalid",
  otherBrowser: "browser",
  expired: "expired",
  used: "used",
  denied: "denied",
  otherProvider: "provider",
  redirectUri: "provider",
};

/** Which friendly explanation fits a rejected OAuth callback (its `reason`, see lib/oauth/flow.ts). */
export function callbackErrorReason(reason: unknown): Explanation {
  return (typeof reason === "string" && EXPLANATION[reason]) || "generic";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Browsers get a small page with a way back instead of raw JSON; the status stays what API callers get. */
export async function callbackErrorPage(opts: { reason: unknown; message: string; status: number; backHref?: string }): Promise<Response> {
  const t = await getTranslations("connections.callbackError");
  const reason = callbackErrorReason(opts.reason);
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(t("title"))}</title>
<style>
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f8fafc;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;padding:16px;box-sizing:border-box}
main{max-width:480px;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:24px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h1{font-size:18px;margin:0 0 8px}p{margin:0 0 16px;color:#334155}
details{font-size:12px;color:#64748b;margin-bottom:16px}
a{display:inline-block;background:#2563eb;color:#fff;text-decoration:none;padding:8px 14px;border-radius:6px;font-weight:500}
a:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
</style></head>
<body><main data-testid="oauth-callback-error">
<h1>${escapeHtml(t("title"))}</h1>
<p>${escapeHtml(t(reason))}</p>
<details><summary>${escapeHtml(t("details"))}</summary>${escapeHtml(opts.message)}</details>
<a href="${escapeHtml(opts.backHref ?? "/")}">${escapeHtml(t("back"))}</a>
</main></body></html>`;
  return new Response(html, { status: opts.status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
