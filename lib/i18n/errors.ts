import errorsEn from "@/messages/en/errors.json";
import errorsFr from "@/messages/fr/errors.json";
import type { Locale } from "./config";
import { createRenderer, hasMessage, messageKeys, type MessageValues, type RenderOptions } from "./render";

export type { MessageValues } from "./render";

/**
 * Server messages (AppError, validation issues) are catalogue keys with values, never sentences:
 * `messages/<locale>/errors.json` holds the words, `renderError()` puts them in a language.
 * lib/http.ts renders them in the request's language; `AppError.message` keeps the English rendering
 * for logs, tests and API consumers that read it.
 */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of messages/en/errors.json ("validation.required", "auth.invalidApiKey", …). */
export type ErrorKey = Leaves<typeof errorsEn>;

const render = createRenderer("errors", { en: errorsEn, fr: errorsFr });

/** `key` with `values` in `locale` (dates in `opts.timeZone`, UTC unless given). */
export function renderError(key: ErrorKey, values: MessageValues | undefined, locale?: Locale, opts?: RenderOptions): string {
  return render(key, values, locale, opts);
}

/** True when `key` names a message of the errors catalogue (zod issue messages may be keys). */
export const isErrorKey = (key: unknown): key is ErrorKey => hasMessage(errorsEn, key);

/** Every key of the catalogue (the unit test renders each one in each language). */
export const errorKeys = (): ErrorKey[] => messageKeys(errorsEn) as ErrorKey[];
