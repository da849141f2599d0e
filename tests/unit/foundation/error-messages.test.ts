import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { AppError, NOT_FOUND_THINGS, notFound } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/config";
import { errorKeys, renderError, type ErrorKey, type MessageValues } from "@/lib/i18n/errors";

/**
 * The server's messages (messages/<locale>/errors.json): every key formats in every language with
 * the same arguments, and no code throws a sentence instead of a key.
 */
type Arg = { name: string; kind: "text" | "number" | "date" | "select" | "plural"; options: string[] };

/** The arguments of an ICU message (nested ones included), from the formatter's own parser. */
function argsOf(message: string, locale: string): Arg[] {
  const out = new Map<string, Arg>();
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      // intl-messageformat TYPE: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural
      const kind = ({ 1: "text", 2: "number", 3: "date", 4: "date", 5: "select", 6: "plural" } as const)[n.type as 1];
      if (kind && n.value) {
        const prev = out.get(n.value);
        out.set(n.value, { name: n.value, kind: prev && prev.kind !== "text" ? prev.kind : kind, options: [...(prev?.options ?? []), ...Object.keys(n.options ?? {})] });
      }
      for (const o of Object.values(n.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown[]);
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const catalogues = new Map<string, Record<string, unknown>>();
/** Each catalogue read once (reading it per key made this file the slowest of the unit suite). */
const catalogue = (locale: string) => {
  if (!catalogues.has(locale)) catalogues.set(locale, JSON.parse(readFileSync(path.resolve("messages", locale, "errors.json"), "utf8")));
  return catalogues.get(locale) as Record<string, unknown>;
};
const messageOf = (locale: string, key: string): string => key.split(".").reduce((node: unknown, k) => (node as Record<string, unknown>)[k], catalogue(locale)) as string;

/** Values that exercise every branch the message has: each select option in turn. */
function sampleValues(args: Arg[]): MessageValues[] {
  const base: MessageValues = {};
  for (const a of args) base[a.name] = a.kind === "number" || a.kind === "plural" ? 2 : a.kind === "date" ? new Date("2026-03-12T08:00:00Z") : a.kind === "select" ? "other" : `«${a.name}»`;
  const variants = [base];
  for (const a of args.filter((x) => x.kind === "select")) for (const o of a.options.filter((x) => x !== "other")) variants.push({ ...base, [a.name]: o });
  return variants;
}

describe("server messages (errors catalogue)", () => {
  const keys = errorKeys();

  it("has the same keys in every language", () => {
    expect(keys.length).toBeGreaterThan(50);
    for (const locale of LOCALES) for (const key of keys) expect(typeof messageOf(locale, key), `${locale}: errors.${key}`).toBe("string");
  });

  it("uses the same arguments in every language, and every key formats with them", () => {
    for (const key of keys) {
      const en = argsOf(messageOf("en", key), "en");
      for (const locale of LOCALES) {
        const args = argsOf(messageOf(locale, key), locale);
        expect(
          args.map((a) => `${a.name}:${a.kind === "text" ? "text" : a.kind}`),
          `${locale}: errors.${key}`,
        ).toEqual(en.map((a) => `${a.name}:${a.kind === "text" ? "text" : a.kind}`));
        for (const values of sampleValues(args)) {
          const out = renderError(key, values, locale);
          expect(out, `${locale}: errors.${key}`).toBeTruthy();
          expect(out, `${locale}: errors.${key}`).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it("names every notFound thing in both languages (no generic fallback)", () => {
    for (const thing of NOT_FOUND_THINGS) {
      for (const locale of LOCALES) {
        expect(notFound(thing).messageIn(locale), `${locale}: ${thing}`).not.toMatch(/^(Not found|Introuvable)$/);
      }
    }
    expect(notFound("run").messageIn("fr")).toBe("Exécution introuvable");
    expect(notFound("run").message).toBe("Run not found");
  });

  it("throws where the mistake is made: a missing value fails in tests", () => {
    expect(() => new AppError("conflict", "media.inUse")).toThrow(/media.inUse/);
    expect(new AppError("conflict", "media.inUse", { values: { count: 1 } }).messageIn("fr")).toBe("Ce média est utilisé par 1 contenu ; retirez-le d'abord");
  });

  it("no AppError is thrown with a sentence instead of a catalogue key", () => {
    // The type of the key already refuses a literal sentence; this catches casts and `as any`.
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "generated" && e.name !== "node_modules") scan(p);
        } else if (/\.tsx?$/.test(e.name)) {
          const src = readFileSync(p, "utf8");
          for (const m of src.matchAll(/new AppError\(\s*"[a-z_]+",\s*(["`])([^"`]*)\1/g)) if (!keys.includes(m[2] as ErrorKey)) offenders.push(`${p}: ${m[2]}`);
        }
      }
    };
    for (const dir of ["lib", "app", "inngest", "components"]) scan(path.resolve(dir));
    expect(offenders).toEqual([]);
  });
});
