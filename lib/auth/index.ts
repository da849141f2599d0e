import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import type { EmailConfig } from "next-auth/providers";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env, setVendorEnv } from "@/lib/env";
import { authAdapter } from "./adapter";
import { verifyPassword } from "./password";
import { authSecret } from "./secret";
import { sendMagicLinkEmail } from "./send-magic-link";

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
        const user = await db().user.findUnique({ where: { email: parsed.data.email } });
        if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name };
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
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in", verifyRequest: "/sign-in?check=email", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
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
