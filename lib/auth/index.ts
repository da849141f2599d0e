import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import type { EmailConfig } from "next-auth/providers";
import { z } from "zod";
import { env, setVendorEnv } from "@/lib/env";
import { authAdapter } from "./adapter";
import { sameOriginTarget } from "@/lib/net/safe-redirect";
import { authSecret } from "./secret";
import { sendMagicLinkEmail } from "./send-magic-link";
import { verifyCredentials } from "./verify-credentials";
import { currentSessionVersion } from "./session-version";

/** Default session lifetime: 7 days, sliding (issue 10, row 10). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * next-auth: email + password (scrypt), magic link (email provider; the outbox when no email
 * vendor is configured), Google when its keys are set. JWT sessions (required by credentials).
 */
const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(200) });

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

const magicLink: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: 15 * 60,
  from: undefined,
  options: {},
  sendVerificationRequest: async ({ identifier, url, expires }) => {
    await sendMagicLinkEmail({ email: identifier, url, expires });
  },
};

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (raw) => {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const user = await verifyCredentials(parsed.data);
        if (!user) throw new InvalidCredentials();
        return user;
      },
    }),
    magicLink,
  ];
  const e = env();
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

// next-auth builds its links (magic links, OAuth callbacks) from AUTH_URL when set, else from the
// request's host, which may differ from the public address (proxy, 127.0.0.1 vs localhost).
const appUrl = env().APP_URL;
if (appUrl) setVendorEnv("AUTH_URL", `${appUrl.replace(/\/$/, "")}/api/auth`);

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: authAdapter(),
  secret: authSecret(),
  trustHost: true,
  // 7 days, sliding: every request that reads the session re-issues the cookie with a new expiry.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 3600 },
  pages: { signIn: "/sign-in", verifyRequest: "/sign-in?check=email", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    // callbackUrl / redirectTo of every sign-in and sign-out: the one same-origin check.
    redirect({ url, baseUrl }) {
      return `${baseUrl.replace(/\/$/, "")}${sameOriginTarget(url, baseUrl, "/")}`;
    },
    // Each session carries the session version it was signed in with; an older one than the user's is
    // ended here, on every request that reads the session (sign out everywhere, password change, removal).
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = (await currentSessionVersion(user.id, { fresh: true })) ?? 0;
        return token;
      }
      if (!token.sub) return token;
      const current = await currentSessionVersion(token.sub);
      if (current === null || current !== (typeof token.sv === "number" ? token.sv : 0)) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

export function googleSignInEnabled(): boolean {
  const e = env();
  return Boolean(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET);
}
