import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { outboxProvider } from "./outbox";
import { resendProvider } from "./resend";
import { hideSecrets, openSealedEmail, sealEmail } from "./sealed";
import type { EmailMessage, EmailProvider, SentEmail } from "./types";
import type { OutboxEmailDto } from "@/lib/providers/email/contracts";
export type { OutboxEmailDto };

export type { EmailMessage, SentEmail } from "./types";

let chosen: EmailProvider | undefined;

/** Resend when RESEND_API_KEY is set, else the outbox (embedded default). */
export function emailProvider(): EmailProvider {
  const e = env();
  chosen ??= e.RESEND_API_KEY ? resendProvider(e.RESEND_API_KEY, e.RESEND_BASE_URL) : outboxProvider;
  return chosen;
}

/**
 * Every email is written to the outbox table first (nothing is lost), then handed to the provider.
 * With an idempotency key, a repeated call returns the email already sent instead of sending again.
 * Its bearer links (`secrets`) are stored hidden, the message as sent sealed (lib/providers/email/sealed.ts).
 */
export async function sendEmail(msg: EmailMessage): Promise<SentEmail> {
  const provider = emailProvider();
  const idempotencyKey = msg.idempotencyKey ?? `auto:${randomUUID()}`;
  const id = randomUUID();
  const organizationId = msg.organizationId ?? null;
  const secrets = (msg.secrets ?? []).filter(Boolean);
  const body = { html: msg.html, text: msg.text };
  const stored = secrets.length ? { ...hideSecrets(body, secrets), sealed: sealEmail({ id, organizationId }, body) } : { ...body, sealed: null };
  const row = await db().outboxEmail.upsert({
    where: { idempotencyKey },
    create: {
      id,
      organizationId,
      toAddresses: [msg.to],
      fromAddress: env().EMAIL_FROM,
      subject: msg.subject,
      ...stored,
      headers: { ...(msg.headers ?? {}), ...(msg.replyTo ? { "Reply-To": msg.replyTo } : {}) },
      category: msg.category === "marketing" ? "MARKETING" : "TRANSACTIONAL",
      provider: provider.name,
      idempotencyKey,
      status: "QUEUED",
    },
    update: {},
  });
  if (row.status === "SENT") return { id: row.id, provider: row.provider ?? provider.name, providerMessageId: row.providerMessageId ?? undefined };
  try {
    const { secrets: _secrets, ...message } = msg;
    const res = await provider.deliver({ ...message, from: row.fromAddress, idempotencyKey });
    await db().outboxEmail.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: new Date(), providerMessageId: res.providerMessageId ?? null, attempts: { increment: 1 } },
    });
    return { id: row.id, provider: provider.name, providerMessageId: res.providerMessageId };
  } catch (err) {
    await db().outboxEmail.update({ where: { id: row.id }, data: { status: "FAILED", lastError: (err as Error).message.slice(0, 1000), attempts: { increment: 1 } } });
    throw err;
  }
}

function toDto(r: { id: string; toAddresses: string[]; subject: string; status: string; category: string; provider: string | null; createdAt: Date; sentAt: Date | null; text: string | null; html: string }): OutboxEmailDto {
  return { id: r.id, to: r.toAddresses, subject: r.subject, status: r.status, category: r.category, provider: r.provider, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, text: r.text, html: r.html };
}

/** An organisation's sent mail (Settings -> Outbox): bearer links hidden, for every reader. */
export async function listOutbox(opts: { organizationId: string; take?: number }): Promise<OutboxEmailDto[]> {
  const rows = await db().outboxEmail.findMany({ where: { organizationId: opts.organizationId }, orderBy: { createdAt: "desc" }, take: Math.min(opts.take ?? 50, 200) });
  return rows.map(toDto);
}

/**
 * The development mailbox (/dev/mail, no email vendor configured): only in development, only to a
 * browser on this machine (the socket's address is loopback), and only the signed-in person's own
 * mail. Anyone else reading it could read other people's sign-in links.
 */
export function devMailboxAllowed(opts: { nodeEnv: string; provider: string; peer: string }): boolean {
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(opts.peer) || opts.peer === "::1";
  return opts.nodeEnv === "development" && opts.provider === "outbox" && loopback;
}

/** Mail addressed to `email` (the signed-in person), newest first, as sent: its links work (their own). */
export async function listMailTo(opts: { email: string; take?: number }): Promise<OutboxEmailDto[]> {
  const rows = await db().outboxEmail.findMany({ where: { toAddresses: { has: opts.email.toLowerCase() } }, orderBy: { createdAt: "desc" }, take: Math.min(opts.take ?? 50, 200) });
  return rows.map((r) => toDto({ ...r, ...openSealedEmail(r) }));
}
