import "server-only";
import { encode, getToken } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "./index";
import { authSecret } from "./secret";
import { currentSessionVersion } from "./session-version";

/**
 * After a change that bumped the person's session version (a password change), the session making the
 * change is re-issued with the new version: it stays signed in while every other one ends. The cookie is
 * next-auth's own (same name, salt and lifetime), decoded from this request and re-encoded; null when the
 * request carries no session of `userId`.
 */
export async function reissueSessionCookie(req: Request, userId: string): Promise<{ name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number } } | null> {
  const secure = /(^|;\s*)__Secure-authjs\.session-token=/.test(req.headers.get("cookie") ?? "");
  const name = secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const token = await getToken({ req, secret: authSecret(), secureCookie: secure, salt: name });
  if (!token || token.sub !== userId) return null;
  const sv = (await currentSessionVersion(userId, { fresh: true })) ?? 0;
  const value = await encode({ token: { ...token, sv }, secret: authSecret(), salt: name, maxAge: SESSION_MAX_AGE_SECONDS });
  return { name, value, options: { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS } };
}
