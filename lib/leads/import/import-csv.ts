import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http";
import { defaultCountryOf } from "@/lib/leads/capture/default-country";
import { sha256Hex, storeSubmission } from "@/lib/leads/capture/store-submission";
import { CSV_MAX_BYTES, CSV_PREVIEW_ROWS, csvColumnTarget, type CsvColumnTarget } from "@/lib/leads/schemas";
import { checkRow, mapRow, parseCsv, suggestMapping, type CsvRowError } from "./csv";

export type CsvPreviewDto = { fileName: string; encoding: string; delimiter: string; headers: string[]; sample: string[][]; rowCount: number; mapping: Record<string, CsvColumnTarget>; errors: CsvRowError[] };
export type CsvImportResultDto = { rowCount: number; imported: number; duplicates: number; errors: CsvRowError[] };

/** At most this many row errors are listed (the count of bad rows is exact). */
const MAX_ERRORS_LISTED = 200;

async function readUpload(req: Request): Promise<{ file: File; bytes: Uint8Array; form: FormData }> {
  const raw = await readBodyLimited(req, CSV_MAX_BYTES + 64 * 1024);
  let form: FormData;
  try {
    form = await new Response(raw as BodyInit, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("bad_request", "leads.csvMultipart", { field: "file" });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "leads.csvEmpty", { field: "file" });
  return { file, bytes: new Uint8Array(await file.arrayBuffer()), form };
}

function errorsOf(parsed: ReturnType<typeof parseCsv>, mapping: Record<string, CsvColumnTarget>, country: string): { errors: CsvRowError[]; bad: Set<number> } {
  const errors: CsvRowError[] = [];
  const bad = new Set<number>();
  parsed.rows.forEach((row, i) => {
    const e = checkRow(i + 2, mapRow(parsed.headers, row, mapping), country);
    if (e.length) bad.add(i);
    if (errors.length < MAX_ERRORS_LISTED) errors.push(...e);
  });
  return { errors, bad };
}

/** Step 1 of the import: the file read (encoding and separator detected), its first rows, a suggested mapping, and the rows it would refuse. Nothing is stored. */
export async function previewCsvImport(opts: { organizationId: string; req: Request }): Promise<CsvPreviewDto> {
  const { file, bytes } = await readUpload(opts.req);
  const parsed = parseCsv(bytes);
  const mapping = suggestMapping(parsed.headers);
  const { errors } = errorsOf(parsed, mapping, await defaultCountryOf(opts.organizationId));
  return { fileName: file.name, encoding: parsed.encoding, delimiter: parsed.delimiter, headers: parsed.headers, sample: parsed.rows.slice(0, CSV_PREVIEW_ROWS), rowCount: parsed.rows.length, mapping, errors };
}

/**
 * Step 2: the same file with the mapping chosen. Rows that would fail (no contact, an invalid email
 * or phone) are reported with their line number and field and not stored; every other row is stored
 * as a submission first (the row as read, and the mapped record), then processed by MKT-301 like any
 * lead. The same file imported again stores nothing new (a row's key is the file's SHA-256 + its line).
 */
export async function importCsvLeads(opts: { organizationId: string; req: Request }): Promise<CsvImportResultDto> {
  const { file, bytes, form } = await readUpload(opts.req);
  let mapping: Record<string, CsvColumnTarget>;
  try {
    mapping = z.record(z.string(), csvColumnTarget).parse(JSON.parse(String(form.get("mapping") ?? "{}")));
  } catch {
    throw new AppError("validation", "leads.csvMapping", { field: "mapping" });
  }
  const parsed = parseCsv(bytes);
  const { errors, bad } = errorsOf(parsed, mapping, await defaultCountryOf(opts.organizationId));
  const fileHash = sha256Hex(bytes);
  let imported = 0;
  let duplicates = 0;
  for (const [i, row] of parsed.rows.entries()) {
    if (bad.has(i)) continue;
    const line = i + 2;
    const res = await storeSubmission({
      organizationId: opts.organizationId,
      sourceType: "CSV",
      sourceDetail: file.name.slice(0, 200),
      dedupeKey: `csv:${fileHash}:${line}`,
      payload: { fields: mapRow(parsed.headers, row, mapping), row: Object.fromEntries(parsed.headers.map((h, j) => [h, row[j] ?? ""])), line, file: file.name },
    });
    if (res.duplicate) duplicates++;
    else imported++;
  }
  return { rowCount: parsed.rows.length, imported, duplicates, errors };
}
