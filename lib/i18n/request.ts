import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, isLocale, negotiateLocale } from "./config";
import { loadMessages } from "./messages";
import { displayTimeZone } from "./time-zone";

/**
 * Locale = the user's choice (cookie), else the browser's Accept-Language, else French.
 * Time zone = the user's own, else the organisation's of the page (lib/i18n/time-zone.ts).
 */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : negotiateLocale((await headers()).get("accept-language"));
  const h = await headers();
  return { locale, messages: loadMessages(locale), timeZone: await displayTimeZone(h.get("x-me-pathname")) };
});
