import type { LeadSourceType } from "@/lib/db/generated/enums";

/**
 * What each source sends, flattened to one record of field -> value for normaliseLead (pure).
 *  - CSV import: the mapped `fields` (the row as read is kept on the submission);
 *  - forms, API: the JSON object itself (nested `fields` / `data` / `contact` objects are read too);
 *  - Meta lead ads: Graph `field_data` [{ name, values: [...] }] (fetched by lead id on processing);
 *  - Google Ads lead forms: `user_column_data` [{ column_id: "FULL_NAME", string_value }];
 *  - TikTok lead generation: `fields` / `field_data` / `user_info` lists of { name|field_name|key, value|field_value|values }
 *    (`fields` may also be an object of answers; `lead_data.field_list` arrives as `fields`, receive-tiktok-lead.ts).
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A list of { name, value } pairs in any of the vendors' spellings -> a record. */
export function pairsToRecord(list: unknown): Obj {
  const out: Obj = {};
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!isObj(item)) continue;
    const name = item.column_id ?? item.name ?? item.field_name ?? item.key ?? item.field_id ?? item.column_name;
    if (typeof name !== "string" || !name) continue;
    const value = item.string_value ?? item.values ?? item.value ?? item.field_value ?? item.answer;
    out[name] = Array.isArray(value) ? value.map(String).join(", ") : value;
  }
  return out;
}

const GOOGLE_COLUMNS: Record<string, string> = {
  FULL_NAME: "full_name",
  FIRST_NAME: "first_name",
  LAST_NAME: "last_name",
  EMAIL: "email",
  WORK_EMAIL: "work_email",
  PHONE_NUMBER: "phone_number",
  WORK_PHONE: "work_phone",
  COMPANY_NAME: "company_name",
  JOB_TITLE: "job_title",
  COUNTRY: "country_name",
  CITY: "city",
  POSTAL_CODE: "postal_code",
};

function genericRecord(payload: Obj): Obj {
  const out: Obj = {};
  for (const nested of ["contact", "data", "fields", "lead"]) if (isObj(payload[nested])) Object.assign(out, payload[nested]);
  for (const [k, v] of Object.entries(payload)) if (!isObj(v) || !["contact", "data", "fields", "lead"].includes(k)) out[k] = v;
  return out;
}

export function recordOf(sourceType: LeadSourceType, payload: unknown): Obj {
  const p = isObj(payload) ? payload : {};
  switch (sourceType) {
    case "META_LEAD_ADS": {
      const lead = isObj(p.lead) ? p.lead : {};
      const rec = pairsToRecord(lead.field_data);
      for (const k of ["form_id", "ad_id", "campaign_id", "adset_id", "is_organic", "platform"]) if (lead[k] !== undefined && lead[k] !== null) rec[`meta_${k}`] = lead[k];
      return rec;
    }
    case "GOOGLE_LEAD_ADS": {
      const rec: Obj = {};
      for (const [k, v] of Object.entries(pairsToRecord(p.user_column_data))) {
        rec[GOOGLE_COLUMNS[k] ?? k.toLowerCase()] = v;
      }
      for (const k of ["campaign_id", "adgroup_id", "creative_id", "form_id", "gcl_id"]) if (p[k] !== undefined && p[k] !== null) rec[`google_${k}`] = p[k];
      return rec;
    }
    case "TIKTOK_LEAD_ADS": {
      const base = isObj(p.lead) ? p.lead : p;
      const rec = { ...(isObj(base.fields) ? base.fields : pairsToRecord(base.fields)), ...pairsToRecord(base.field_data), ...pairsToRecord(base.user_info) };
      for (const k of ["advertiser_id", "campaign_id", "adgroup_id", "ad_id", "form_id", "page_id", "lead_id"]) if (base[k] !== undefined && base[k] !== null) rec[`tiktok_${k}`] = base[k];
      return rec;
    }
    case "CSV":
      // CSV import: `fields` is the row mapped by the person who imported it; `row` (as read) stays on the submission.
      return isObj(p.fields) ? { ...p.fields } : genericRecord(p);
    default:
      return genericRecord(p);
  }
}
