import "server-only";
import { db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { sendLinkEmail } from "@/lib/providers/notify";

/** The sign-in link email, in the person's language (French for someone we do not know yet). */
export async function sendMagicLinkEmail(opts: { email: string; url: string; expires: Date }): Promise<void> {
  const minutes = Math.max(1, Math.round((opts.expires.getTime() - Date.now()) / 60000));
  const user = await db().user.findUnique({ where: { email: opts.email.toLowerCase() }, select: { locale: true } });
  const locale: Locale = isLocale(user?.locale) ? user.locale : "fr";
  await sendLinkEmail({ to: opts.email, locale, subject: "magicLinkSubject", body: "magicLinkBody", button: "signIn", href: opts.url, secret: true, values: { minutes } });
}
