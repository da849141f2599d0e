import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { OutboxList } from "@/components/settings/outbox-list";
import { requireUserPage } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { clientAddressFrom } from "@/lib/net/client-address";
import { devMailboxAllowed, emailProvider, listMailTo } from "@/lib/providers/email";

export const dynamic = "force-dynamic";

/**
 * Local mailbox while no email vendor is configured: development only, from this machine only (the
 * socket's address, whatever X-Forwarded-For says), and only the signed-in person's own mail.
 */
export default async function DevMailPage() {
  const peer = clientAddressFrom(await headers(), null);
  if (!devMailboxAllowed({ nodeEnv: env().NODE_ENV, provider: emailProvider().name, peer })) notFound();
  const user = await requireUserPage("/dev/mail");
  const emails = await listMailTo({ email: user.email });
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-1 text-2xl font-semibold">Mailbox (development)</h1>
      <p className="mb-6 text-sm text-slate-500">Your own emails, kept here because no email provider is configured.</p>
      <OutboxList emails={emails} />
    </main>
  );
}
