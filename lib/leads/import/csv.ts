import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import { fieldOfName, normaliseLead } from "@/lib/leads/capture/normalise";
import { CSV_IMPORT_FIELDS, CSV_MAX_ROWS, type CsvColumnTarget, type CsvImportField } from "@/lib/leads/schemas";

/**
 * CSV import, pure: bytes -> text (UTF-8, else Windows-1252: Excel's default in France), separator
 * detected among , ; tab | (papaparse), a header row, then data rows; each column mapped to a lead
 * field, kept as an extra field, or ignored; each row checked the way processing will read it.
 */
export type ParsedCsv = { encoding: "utf-8" | "windows-1252"; delimiter: string; headers: string[]; rows: string[][] };
export type CsvRowError = { row: number; field: "email" | "phone"; reason: "missingContact" | "invalidEmail" | "invalidPhone"; value: string };

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ParsedCsv["encoding"] } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

export function parseCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsv(bytes);
  const res = Papa.parse<string[]>(text, { delimitersToGuess: [",", ";", "\t", "|"], skipEmptyLines: "greedy" });
  const [head, ...rows] = res.data;
  if (!head || head.every((h) => !h.trim())) throw new AppError("validation", "leads.csvEmpty", { field: "file" });
  if (rows.length > CSV_MAX_ROWS) throw new AppError("validation", "leads.csvTooManyRows", { field: "file", values: { max: CSV_MAX_ROWS } });
  const seen = new Map<string, number>();
  const headers = head.map((h, i) => {
    const name = h.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name}_${n}` : name;
  });
  return { encoding, delimiter: res.meta.delimiter, headers, rows };
}

/** A first guess for each column: the lead field its name stands for (each field once), else kept. */
export function suggestMapping(headers: string[]): Record<string, CsvColumnTarget> {
  const used = new Set<string>();
  return Object.fromEntries(
    headers.map((h) => {
      const f = fieldOfName(h);
      const target: CsvColumnTarget = f && (CSV_IMPORT_FIELDS as readonly string[]).includes(f) && !used.has(f) ? (f as CsvImportField) : "keep";
      used.add(target);
      return [h, target];
    }),
  );
}

/** One row as a record normalisation reads: mapped columns under the field's name, kept ones under their header. */
export function mapRow(headers: string[], row: string[], mapping: Record<string, CsvColumnTarget>): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((h, i) => {
    const target = mapping[h] ?? "keep";
    const v = (row[i] ?? "").trim();
    if (target === "ignore" || v === "") return;
    const key = target === "keep" ? h : target;
    out[key] = out[key] ? `${out[key]} ${v}` : v;
  });
  return out;
}

/**
 * The errors of one mapped row (row = line number in the file, header = 1): no email nor phone,
 * an email that is not one, a phone number that cannot be read in the row's or the default country.
 */
export function checkRow(row: number, record: Record<string, string>, defaultCountry: string): CsvRowError[] {
  const n = normaliseLead(record, { defaultCountry });
  const errors: CsvRowError[] = [];
  if (record.email && !n.emailNormalized) errors.push({ row, field: "email", reason: "invalidEmail", value: record.email });
  if (record.phone && !n.phoneE164) errors.push({ row, field: "phone", reason: "invalidPhone", value: record.phone });
  if (!record.email && !record.phone) errors.push({ row, field: "email", reason: "missingContact", value: "" });
  return errors;
}
