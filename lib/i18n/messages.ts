import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { Locale } from "./config";

/**
 * Messages live in messages/<locale>/<namespace>.json, one file per feature, so features own their
 * strings. Loaded once per locale (server only) and merged under the namespace name.
 */
type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

export function loadMessages(locale: Locale): Messages {
  const hit = cache.get(locale);
  if (hit && env().NODE_ENV === "production") return hit;
  const dir = path.join(process.cwd(), "messages", locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    messages[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}
