import { notFound } from "next/navigation";
import { OutboxList } from "@/components/settings/outbox-list";
import { env } from "@/lib/env";
import { emailProvider, listUnscopedOutbox } from "@/lib/providers/email";

export const dynamic = "force-dynamic";

/**
 * Local mailbox for sign-in links while no email vendor is configured, in development only
 * (anyone who can open it can read every sign-in link: never in production).
 */
export default async function DevMailPage() {
  if (env().NODE_ENV !== "development" || emailProvider().name !== "outbox") notFound();
  const emails = await listUnscopedOutbox();
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-1 text-2xl font-semibold">Mailbox (development)</h1>
      <p className="mb-6 text-sm text-slate-500">Sign-in links and other emails outside any organisation, kept here because no email provider is configured.</p>
      <OutboxList emails={emails} />
    </main>
  );
}
