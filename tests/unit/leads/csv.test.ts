import { describe, expect, it } from "vitest";
import { checkRow, mapRow, parseCsv, suggestMapping } from "@/lib/leads/import/csv";

const bytes = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("CSV import reading", () => {
  it("detects the separator (comma, semicolon, tab) and reads quoted fields", () => {
    expect(parseCsv(bytes('email,name\n"a@x.fr","Diop, Awa"\n'))).toMatchObject({ delimiter: ",", headers: ["email", "name"], rows: [["a@x.fr", "Diop, Awa"]] });
    expect(parseCsv(bytes("Prénom;Courriel\nAwa;a@x.fr\n")).delimiter).toBe(";");
    expect(parseCsv(bytes("email\tphone\na@x.fr\t0612345678\n")).delimiter).toBe("\t");
  });

  it("reads UTF-8 (with or without BOM) and falls back to Windows-1252 for Excel exports", () => {
    expect(parseCsv(bytes("\uFEFFprénom;email\nAïssatou;a@x.fr\n"))).toMatchObject({ encoding: "utf-8", headers: ["prénom", "email"], rows: [["Aïssatou", "a@x.fr"]] });
    expect(parseCsv(latin1("pr\xe9nom;email\nA\xefssatou;a@x.fr\n"))).toMatchObject({ encoding: "windows-1252", headers: ["prénom", "email"], rows: [["Aïssatou", "a@x.fr"]] });
  });

  it("names empty and repeated headers, skips blank lines, refuses an empty file", () => {
    expect(parseCsv(bytes("email,,email\na,b,c\n\n\n"))).toMatchObject({ headers: ["email", "column_2", "email_2"], rows: [["a", "b", "c"]] });
    expect(() => parseCsv(bytes("\n\n"))).toThrow();
  });
});

describe("CSV column mapping and row checks", () => {
  it("suggests each field once from the usual column names, other columns kept", () => {
    expect(suggestMapping(["E-mail", "Prénom", "Nom", "Téléphone", "Société", "Mail", "Notes"])).toEqual({
      "E-mail": "email",
      Prénom: "firstName",
      Nom: "lastName",
      Téléphone: "phone",
      Société: "company",
      Mail: "keep",
      Notes: "message",
    });
  });

  it("maps a row (ignored columns dropped, empty cells left out) and reports bad rows by line and field", () => {
    const headers = ["mail", "tel", "secret", "ville"];
    const mapping = { mail: "email", tel: "phone", secret: "ignore", ville: "keep" } as const;
    expect(mapRow(headers, ["A@X.fr ", "", "s3cret", "Dakar"], mapping)).toEqual({ email: "A@X.fr", ville: "Dakar" });
    expect(checkRow(2, { email: "a@x.fr", phone: "77 123 45 67" }, "SN")).toEqual([]);
    expect(checkRow(3, { email: "pas-un-email" }, "FR")).toEqual([{ row: 3, field: "email", reason: "invalidEmail", value: "pas-un-email" }]);
    expect(checkRow(4, { email: "a@x.fr", phone: "12" }, "FR")).toEqual([{ row: 4, field: "phone", reason: "invalidPhone", value: "12" }]);
    expect(checkRow(5, { name: "Awa" }, "FR")).toEqual([{ row: 5, field: "email", reason: "missingContact", value: "" }]);
  });
});
