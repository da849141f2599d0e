import "server-only";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { createRenderer } from "@/lib/i18n/render";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";

/** The Leads catalogue's `nurture` strings (email footer, unsubscribe page), outside React. */
export const renderNurture = createRenderer("leads.nurture", {
  fr: (loadMessages("fr").leads as Record<string, Record<string, unknown>>).nurture!,
  en: (loadMessages("en").leads as Record<string, Record<string, unknown>>).nurture!,
});

export const unsubscribeUrl = (token: string) => `${publicBaseUrl()}/api/unsubscribe/${token}`;

/** The mailbox of EMAIL_FROM ("Brand <hello@x>" -> hello@x): List-Unsubscribe's mailto (MKT-304's inbound mail reads it). */
function fromAddress(): string {
  const from = env().EMAIL_FROM;
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A nurture email as sent: the approved text (paragraphs kept), a footer with the unsubscribe link in
 * the lead's language, and RFC 8058 headers: `List-Unsubscribe` with the https one-click URL and a
 * mailto, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 */
export function nurtureEmail(opts: { body: string; token: string; locale: Locale }): { html: string; text: string; headers: Record<string, string> } {
  const url = unsubscribeUrl(opts.token);
  const footer = renderNurture("email.footer", undefined, opts.locale);
  const link = renderNurture("email.unsubscribe", undefined, opts.locale);
  const paragraphs = opts.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`);
  const html = `${paragraphs.join("\n")}\n<hr>\n<p style="font-size:12px;color:#666">${escapeHtml(footer)} <a href="${escapeHtml(url)}">${escapeHtml(link)}</a></p>`;
  const text = `${opts.body}\n\n--\n${footer} ${link}: ${url}`;
  const mailto = `mailto:${fromAddress()}?subject=${encodeURIComponent(`unsubscribe ${opts.token}`)}`;
  return { html, text, headers: { "List-Unsubscribe": `<${url}>, <${mailto}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}
