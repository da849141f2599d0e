/** Money of conversions in integer minor units, with each currency's own decimals (EUR 2, XOF 0). Pure: pages and components use it too. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 1250.5 EUR -> 125050; 150000 XOF -> 150000 (rounded to the currency's smallest unit). */
export const toMinor = (value: number, currency: string) => Math.round(value * 10 ** minorDigits(currency));

/** 125050 EUR -> 1250.5 */
export const fromMinor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);

/** Minor units -> "1 250,50 €" in the locale. */
export function formatMinor(valueMinor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(fromMinor(valueMinor, currency));
}
