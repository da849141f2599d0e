import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { renderNurture } from "./email-content";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The address as the page shows it: enough for its owner to recognise, not a directory (j***@example.com). */
function masked(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return address.length > 4 ? `${"*".repeat(address.length - 4)}${address.slice(-4)}` : address;
}

/**
 * `GET /api/unsubscribe/<token>`: a small page in the reader's language that asks before it acts (a
 * link opened by a mail scanner unsubscribes nobody); its button POSTs the same URL. After the POST it
 * says it is done. A tampered token gets the same page saying the link is invalid, with a 400.
 */
export function unsubscribePage(opts: { token: string; locale: Locale; done: boolean }): { status: number; html: string } {
  const t = (key: string, values?: Record<string, string>) => renderNurture(`page.${key}`, values, opts.locale);
  const p = verifyUnsubscribeToken(opts.token);
  const content = !p
    ? `<h1>${esc(t("title"))}</h1><p>${esc(t("invalid"))}</p>`
    : opts.done
      ? `<h1>${esc(t("title"))}</h1><p role="status">${esc(t("done", { address: masked(p.a) }))}</p>`
      : `<h1>${esc(t("title"))}</h1><p>${esc(t("question", { address: masked(p.a) }))}</p><form method="post"><input type="hidden" name="confirm" value="page"><button type="submit">${esc(t("confirm"))}</button></form>`;
  const html = `<!doctype html><html lang="${opts.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(t("title"))}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}h1{font-size:1.25rem}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#1f2937;color:#fff;cursor:pointer}</style></head><body><main>${content}</main></body></html>`;
  return { status: p ? 200 : 400, html };
}
