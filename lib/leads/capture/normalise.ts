import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import type { LeadSourceType } from "@/lib/db/generated/enums";

/**
 * MKT-301 normalisation, pure: a flat record of what a source sent (field names in any of the
 * aliases below, any case, accents or separators) -> the lead's columns, the free-text message, and
 * every field without a column kept as is. Phone numbers written locally are read in the
 * organisation's default country (libphonenumber-js, full metadata) and stored as E.164.
 */

/** Canonical form of a field name: "Prénom" -> "prenom", "E-mail" -> "email", "utm_source" -> "utmsource". */
export function canonicalKey(k: string): string {
  return k
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const ALIASES = {
  firstName: ["firstname", "prenom", "givenname", "first"],
  lastName: ["lastname", "nom", "familyname", "surname", "last", "nomdefamille"],
  name: ["name", "fullname", "nomcomplet", "contactname", "yourname"],
  email: ["email", "mail", "emailaddress", "courriel", "customeremail", "workemail", "adresseemail", "adressemail"],
  phone: ["phone", "telephone", "tel", "mobile", "phonenumber", "portable", "whatsapp", "workphone", "mobilephone", "numero", "cellphone"],
  company: ["company", "entreprise", "businessname", "companyname", "societe", "organisation", "organization", "structure"],
  jobTitle: ["jobtitle", "title", "poste", "fonction", "role", "position"],
  companySize: ["companysize", "tailleentreprise", "employees", "effectif", "taille", "numberofemployees"],
  budget: ["budget", "budgetestime", "estimatedbudget"],
  message: ["message", "comments", "comment", "notes", "note", "besoin", "description", "details", "demande", "question"],
  source: ["source", "leadsource"],
  sourceDetail: ["sourcedetail", "formname", "campaignname", "form", "formulaire"],
  utmSource: ["utmsource"],
  utmMedium: ["utmmedium"],
  utmCampaign: ["utmcampaign"],
  utmContent: ["utmcontent"],
  utmTerm: ["utmterm"],
  consent: ["consent", "gdpr", "gdprconsent", "rgpd", "optin", "marketingconsent", "consentement", "emailoptin"],
  consentText: ["consenttext", "consentwording", "texteconsentement", "gdprtext"],
  consentAt: ["consentat", "consenttime", "consenttimestamp"],
  whatsappOptIn: ["whatsappoptin", "whatsappconsent", "optinwhatsapp"],
  country: ["country", "pays", "countrycode"],
  language: ["language", "lang", "langue", "locale"],
  idempotencyKey: ["idempotencykey"],
} as const;
export type LeadField = keyof typeof ALIASES;

const BY_KEY = new Map<string, LeadField>(Object.entries(ALIASES).flatMap(([field, keys]) => keys.map((k) => [k, field as LeadField] as const)));

/** The lead field a column or key name stands for ("E-mail" -> email, "Prénom" -> firstName), or null. */
export const fieldOfName = (name: string): LeadField | null => BY_KEY.get(canonicalKey(name)) ?? null;

export type NormalisedLead = {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  emailNormalized: string | null;
  phone: string | null;
  phoneE164: string | null;
  company: string | null;
  jobTitle: string | null;
  companySize: string | null;
  budgetMinor: number | null;
  message: string | null;
  sourceType: LeadSourceType | null;
  sourceDetail: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  gdprConsent: boolean;
  consentText: string | null;
  consentAt: Date | null;
  whatsappOptIn: boolean;
  country: string | null;
  language: string | null;
  /** Fields without a column, under their original names. */
  customFields: Record<string, string | number | boolean>;
  /** What could not be used (invalid email, unreadable phone), for the submission's record. */
  warnings: string[];
};

const str = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(str).filter(Boolean).join(", ") || null;
  if (typeof v === "object") return null;
  const s = String(v).replace(/\s+/g, " ").trim();
  return s === "" ? null : s;
};

const TRUE = new Set(["true", "1", "yes", "y", "oui", "on", "ok", "accepted", "granted", "checked", "x"]);
const truthy = (v: unknown) => v === true || v === 1 || (typeof v === "string" && TRUE.has(canonicalKey(v)));

const emailSchema = z.email();

/** "5 000 €", "10k", "5-10K", "12000.50", 8000 -> minor units (lower bound of a range). */
export function parseBudgetMinor(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? Math.round(v * 100) : null;
  const s = str(v);
  if (!s) return null;
  const lower = s.toLowerCase().replace(/\s|\u202f|\u00a0/g, "");
  const m = /^[<>≤≥~]?[^\d]*(\d+(?:[.,]\d+)?)(k|m)?(?:[-–àa/]+(\d+(?:[.,]\d+)?)(k|m)?)?/.exec(lower);
  if (!m) return null;
  const unit = m[2] ?? m[4];
  const mult = unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1;
  const n = Number(m[1].replace(",", ".")) * mult;
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** "11-50", "200+", "35" employees -> the seed's bands. */
export function companySizeBand(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const nums = (s.match(/\d+/g) ?? []).map(Number);
  if (nums.length === 0) return s;
  const n = Math.max(...nums);
  if (s.includes("+") || n > 200) return "200+";
  if (n > 50) return "51-200";
  if (n > 10) return "11-50";
  return "1-10";
}

const SOURCE_WORDS: Record<string, LeadSourceType> = {
  form: "FORM",
  website: "FORM",
  site: "FORM",
  webinar: "WEBINAR",
  webinaire: "WEBINAR",
  referral: "REFERRAL",
  parrainage: "REFERRAL",
  recommandation: "REFERRAL",
  manual: "MANUAL",
  manuel: "MANUAL",
  csv: "CSV",
  api: "API",
  facebook: "META_LEAD_ADS",
  meta: "META_LEAD_ADS",
  instagram: "META_LEAD_ADS",
  google: "GOOGLE_LEAD_ADS",
  tiktok: "TIKTOK_LEAD_ADS",
};

export function sourceTypeOf(v: unknown): LeadSourceType | null {
  const s = str(v);
  return s ? (SOURCE_WORDS[canonicalKey(s)] ?? null) : null;
}

/** E.164 of a number as written (local numbers read in `country`); null when it is not a valid number. */
export function toE164(raw: string, country: string): string | null {
  const cleaned = raw.replace(/[^\d+]/g, "").replace(/^00/, "+");
  const p = parsePhoneNumberFromString(cleaned, country.toUpperCase() as CountryCode);
  return p && p.isValid() ? p.number : null;
}

function splitName(full: string): { first: string; last: string | null } {
  const parts = full.split(" ").filter(Boolean);
  return { first: parts[0], last: parts.length > 1 ? parts.slice(1).join(" ") : null };
}

/** A flat record from a source -> the lead's columns. `defaultCountry`: ISO 3166-1 alpha-2 (FR, SN, CI...). */
export function normaliseLead(record: Record<string, unknown>, opts: { defaultCountry: string }): NormalisedLead {
  const picked: Partial<Record<LeadField, unknown>> = {};
  const customFields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(record)) {
    const field = BY_KEY.get(canonicalKey(k));
    if (field) {
      if (picked[field] === undefined || str(picked[field]) === null) picked[field] = v;
    } else if (v !== null && v !== undefined && v !== "") {
      customFields[k] = typeof v === "number" || typeof v === "boolean" ? v : (str(v) ?? JSON.stringify(v));
    }
  }
  const warnings: string[] = [];
  let firstName = str(picked.firstName);
  let lastName = str(picked.lastName);
  const full = str(picked.name);
  if (full && !firstName && !lastName) {
    const s = splitName(full);
    firstName = s.first;
    lastName = s.last;
  } else if (full && firstName && !lastName && full.startsWith(firstName)) {
    lastName = str(full.slice(firstName.length));
  }

  const email = str(picked.email);
  let emailNormalized: string | null = null;
  if (email) {
    const lower = email.toLowerCase().replace(/^mailto:/, "");
    if (emailSchema.safeParse(lower).success) emailNormalized = lower;
    else warnings.push(`invalid email: ${email}`);
  }

  const country = str(picked.country);
  const region = country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : opts.defaultCountry;
  const phone = str(picked.phone);
  let phoneE164: string | null = null;
  if (phone) {
    phoneE164 = toE164(phone, region) ?? (region !== opts.defaultCountry ? toE164(phone, opts.defaultCountry) : null);
    if (!phoneE164) warnings.push(`invalid phone: ${phone}`);
  }

  const consentAtRaw = str(picked.consentAt);
  const consentAt = consentAtRaw && !Number.isNaN(Date.parse(consentAtRaw)) ? new Date(consentAtRaw) : null;
  const language = str(picked.language)?.slice(0, 2).toLowerCase() ?? null;

  return {
    firstName,
    lastName,
    email: emailNormalized ? email : null,
    emailNormalized,
    phone,
    phoneE164,
    company: str(picked.company),
    jobTitle: str(picked.jobTitle),
    companySize: companySizeBand(picked.companySize),
    budgetMinor: parseBudgetMinor(picked.budget),
    message: str(picked.message),
    sourceType: sourceTypeOf(picked.source),
    sourceDetail: str(picked.sourceDetail) ?? (sourceTypeOf(picked.source) ? null : str(picked.source)),
    utmSource: str(picked.utmSource),
    utmMedium: str(picked.utmMedium),
    utmCampaign: str(picked.utmCampaign),
    utmContent: str(picked.utmContent),
    utmTerm: str(picked.utmTerm),
    gdprConsent: truthy(picked.consent),
    consentText: str(picked.consentText),
    consentAt,
    whatsappOptIn: truthy(picked.whatsappOptIn),
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : country,
    language: language && /^[a-z]{2}$/.test(language) ? language : null,
    customFields,
    warnings,
  };
}

/** Whether a record carries at least one contact field (email or phone alias) with a value. */
export function hasContactField(record: Record<string, unknown>): boolean {
  return Object.entries(record).some(([k, v]) => {
    const f = BY_KEY.get(canonicalKey(k));
    return (f === "email" || f === "phone") && str(v) !== null;
  });
}
