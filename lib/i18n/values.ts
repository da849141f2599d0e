/**
 * Values stored with a message key (timeline lines, notifications) are JSON: strings and numbers.
 * Two conventions turn them into what ICU formats for the reader:
 *   - a value named `at` or ending in `At` is an ISO 8601 instant, shown as a date in the reader's
 *     language and time zone (`{at, date, medium}`, `{retryAt, time, short}`);
 *   - `platform` is a platform key ("linkedin", "INSTAGRAM"), shown with its display name.
 * This file has no imports: the browser bundle uses it too.
 */
export type StoredValues = Record<string, string | number>;

export const isDateValue = (name: string) => name === "at" || name.endsWith("At");

/** Stored values ready for ICU; null when a date value is not an instant (the caller shows its fallback). */
export function displayValues(values: StoredValues, platformLabel: (platform: string) => string): Record<string, string | number | Date> | null {
  const out: Record<string, string | number | Date> = {};
  for (const [k, v] of Object.entries(values)) {
    if (isDateValue(k)) {
      const ms = typeof v === "string" ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) return null;
      out[k] = new Date(ms);
    } else out[k] = k === "platform" && typeof v === "string" ? platformLabel(v) : v;
  }
  return out;
}

/** Values read back from a JSON column, field by field: strings and numbers only. */
export function readStoredValues(raw: unknown): StoredValues {
  const out: StoredValues = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  }
  return out;
}
