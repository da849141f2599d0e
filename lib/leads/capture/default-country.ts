import "server-only";
import { db } from "@/lib/db/client";

/** Time zones of the markets the product serves -> the region phone numbers written locally belong to. */
const ZONE_COUNTRY: Record<string, string> = {
  "Africa/Dakar": "SN",
  "Africa/Abidjan": "CI",
  "Africa/Bamako": "ML",
  "Africa/Ouagadougou": "BF",
  "Africa/Lome": "TG",
  "Africa/Porto-Novo": "BJ",
  "Africa/Douala": "CM",
  "Africa/Casablanca": "MA",
  "Africa/Tunis": "TN",
  "Africa/Algiers": "DZ",
  "Europe/Brussels": "BE",
  "Europe/Zurich": "CH",
  "Europe/Luxembourg": "LU",
  "America/Montreal": "CA",
  "America/Toronto": "CA",
  "Europe/London": "GB",
  "Europe/Paris": "FR",
};

/** The organisation's default phone region: its lead settings, else guessed from its time zone, else FR. */
export async function defaultCountryOf(organizationId: string): Promise<string> {
  const org = await db().organization.findUnique({ where: { id: organizationId }, select: { timezone: true, leadSettings: { select: { defaultCountry: true } } } });
  return org?.leadSettings?.defaultCountry ?? ZONE_COUNTRY[org?.timezone ?? ""] ?? "FR";
}
