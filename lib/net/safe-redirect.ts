/**
 * THE redirect target check (sign-in, sign-out, invitations, OAuth `returnTo`, next-auth's callbackUrl):
 * only a same-origin relative path survives, else `fallback`. Refused before parsing: anything not
 * starting with one "/", backslashes (browsers read "/\host" as "//host"), control characters (a TAB
 * is dropped by browsers, a newline breaks the Location header), percent-encoded slashes, backslashes
 * or control characters; after parsing with the URL parser the origin must still be ours.
 */
const PROBE_ORIGIN = "http://same-origin.invalid";

export function sameOriginPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029\s]/.test(value)) return fallback;
  if (/%(2f|5c|[01][0-9a-f]|7f|20|09)/i.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const out = `${url.pathname}${url.search}${url.hash}`;
  return out.startsWith("/") && !out.startsWith("//") ? out : fallback;
}

/** For absolute URLs handed back by libraries (next-auth): same origin as `base` -> its path, else `fallback`. */
export function sameOriginTarget(value: string, base: string, fallback = "/"): string {
  if (value.startsWith("/")) return sameOriginPath(value, fallback);
  try {
    const u = new URL(value);
    if (u.origin !== new URL(base).origin) return fallback;
    return sameOriginPath(`${u.pathname}${u.search}${u.hash}`, fallback);
  } catch {
    return fallback;
  }
}
