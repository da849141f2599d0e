import "server-only";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db/client";

/**
 * The few next-auth adapter methods we use (JWT sessions): users, OAuth sign-in accounts (Google),
 * and magic-link verification tokens. Our models are named AuthAccount/AuthSession, so the stock
 * Prisma adapter (which expects `account`/`session` delegates) does not fit.
 */
function toAdapterUser(u: { id: string; email: string; name: string | null; image: string | null; emailVerified: Date | null }): AdapterUser {
  return { id: u.id, email: u.email, name: u.name, image: u.image, emailVerified: u.emailVerified };
}

export function authAdapter(): Adapter {
  return {
    async createUser(user) {
      const created = await db().user.create({
        data: { email: user.email.toLowerCase(), name: user.name ?? null, image: user.image ?? null, emailVerified: user.emailVerified ?? null },
      });
      return toAdapterUser(created);
    },
    async getUser(id) {
      const u = await db().user.findUnique({ where: { id } });
      return u ? toAdapterUser(u) : null;
    },
    async getUserByEmail(email) {
      const u = await db().user.findUnique({ where: { email: email.toLowerCase() } });
      return u ? toAdapterUser(u) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const a = await db().authAccount.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return a ? toAdapterUser(a.user) : null;
    },
    async updateUser({ id, ...data }) {
      const u = await db().user.update({
        where: { id },
        data: { name: data.name ?? undefined, image: data.image ?? undefined, emailVerified: data.emailVerified ?? undefined },
      });
      return toAdapterUser(u);
    },
    async linkAccount(account: AdapterAccount) {
      await db().authAccount.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: null, // sign-in only: we never call Google APIs with these, so they are not kept
          access_token: null,
          id_token: null,
          expires_at: account.expires_at ?? null,
          token_type: account.token_type ?? null,
          scope: account.scope ?? null,
        },
      });
    },
    async createVerificationToken(token) {
      await db().verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      // Single use: whoever deletes the row owns it; a concurrent or later use finds nothing.
      const found = await db().verificationToken.findUnique({ where: { identifier_token: { identifier, token } } });
      if (!found) return null;
      const rows = await db().verificationToken.deleteMany({ where: { identifier, token } });
      return rows.count === 1 ? found : null;
    },
  };
}
