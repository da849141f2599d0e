import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { createRenderer } from "@/lib/i18n/render";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";

/** The Leads catalogue's `booking.email` strings: templates written by people (nothing AI-written is sent to the lead). */
export const renderBookingEmail = createRenderer("leads.booking.email", {
  fr: ((loadMessages("fr").leads as Record<string, Record<string, unknown>>).booking as Record<string, Record<string, unknown>>).email!,
  en: ((loadMessages("en").leads as Record<string, Record<string, unknown>>).booking as Record<string, Record<string, unknown>>).email!,
});

export const bookingUrl = (token: string) => `${publicBaseUrl()}/book/${token}`;

export const localeOf = (language: string | null | undefined): Locale => (language === "en" ? "en" : "fr");

/** "mardi 8 décembre, 09:00 (Africa/Dakar)": a slot as a person of that language and zone reads it. */
export function slotLabel(at: Date, locale: Locale, timeZone: string): string {
  const s = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone }).format(at);
  return `${s} (${timeZone})`;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Plain paragraphs (blank-line separated) and an optional button link, as html + text. */
export function simpleEmail(paragraphs: string[], link?: { url: string; label: string }): { html: string; text: string } {
  const html = [...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`), link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ""].join("\n");
  const text = [...paragraphs, link ? `${link.label}: ${link.url}` : ""].filter(Boolean).join("\n\n");
  return { html, text };
}
