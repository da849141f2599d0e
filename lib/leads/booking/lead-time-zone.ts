import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * The lead's time zone, for showing slots in their hours: their country (or their phone number's),
 * mapped to its zone for the markets served (one zone per country; a country with several, or none
 * known, falls back to the organisation's zone).
 */
const COUNTRY_ZONE: Record<string, string> = {
  FR: "Europe/Paris",
  SN: "Africa/Dakar",
  CI: "Africa/Abidjan",
  ML: "Africa/Bamako",
  BF: "Africa/Ouagadougou",
  TG: "Africa/Lome",
  BJ: "Africa/Porto-Novo",
  CM: "Africa/Douala",
  GN: "Africa/Conakry",
  NE: "Africa/Niamey",
  MA: "Africa/Casablanca",
  TN: "Africa/Tunis",
  DZ: "Africa/Algiers",
  BE: "Europe/Brussels",
  CH: "Europe/Zurich",
  LU: "Europe/Luxembourg",
  GB: "Europe/London",
  DE: "Europe/Berlin",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  PT: "Europe/Lisbon",
};

export function leadTimeZone(lead: { country: string | null; phoneE164: string | null }, fallback: string): string {
  const country = lead.country?.trim().toUpperCase();
  if (country && COUNTRY_ZONE[country]) return COUNTRY_ZONE[country];
  const fromPhone = lead.phoneE164 ? parsePhoneNumberFromString(lead.phoneE164)?.country : undefined;
  return (fromPhone && COUNTRY_ZONE[fromPhone]) || fallback;
}
