import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, isLocale, negotiateLocale } from "./config";
import { loadMessages } from "./messages";

/** Locale = the user's choice (cookie), else the browser's Accept-Language, else French. */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: loadMessages(locale), timeZone: "Europe/Paris" };
});
