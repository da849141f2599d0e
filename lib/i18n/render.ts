import "server-only";
import { createTranslator } from "use-intl/core";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, type Locale } from "./config";

/**
 * Rendering a message catalogue outside React (server messages, notifications by email and Slack):
 * ICU through use-intl's core, the same formatter the pages use. No server-only imports, so scripts,
 * workflows and tests can render too.
 */
export type MessageValues = Record<string, string | number | Date>;

export class MessageRenderError extends Error {}

export type RenderOptions = { timeZone?: string };

/**
 * A renderer for one catalogue (`name` for error messages: "errors", "notifications.messages").
 * A key or value the catalogue cannot format throws outside production (the mistake is found where
 * it is made) and falls back to `fallback(key)` in production.
 */
export function createRenderer(name: string, catalogues: Record<Locale, Record<string, unknown>>, fallback: (key: string) => string = (k) => k) {
  return function render(key: string, values: MessageValues | undefined, locale: Locale = DEFAULT_LOCALE, opts: RenderOptions = {}): string {
    let failure: Error | null = null;
    const t = createTranslator({
      locale,
      messages: catalogues[locale],
      timeZone: opts.timeZone ?? "UTC",
      onError: (err) => {
        failure ??= err;
      },
    }) as unknown as (key: string, values?: MessageValues) => string;
    const out = t(key, values);
    if (failure) {
      if (env().NODE_ENV !== "production") throw new MessageRenderError(`${name}.${key} (${locale}): ${(failure as Error).message}`);
      return fallback(key);
    }
    return out;
  };
}

/** True when `key` names a message (a string leaf) of `catalogue`. */
export function hasMessage(catalogue: Record<string, unknown>, key: unknown): boolean {
  if (typeof key !== "string" || !key) return false;
  let node: unknown = catalogue;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** Every message key of a catalogue ("a.b.c"). */
export function messageKeys(catalogue: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string") out.push(prefix);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(catalogue, "");
  return out;
}
