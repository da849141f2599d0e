import "server-only";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";

export async function setUserLocale(opts: { userId: string; locale: Locale }): Promise<void> {
  await db().user.update({ where: { id: opts.userId }, data: { locale: opts.locale } });
}
