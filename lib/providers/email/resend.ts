import "server-only";
import { Resend } from "resend";
import { setVendorEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { EmailProvider } from "./types";

/** Resend (production). The idempotency key is passed through so Resend dedupes retried sends. */
export function resendProvider(apiKey: string, baseUrl?: string): EmailProvider {
  if (baseUrl) setVendorEnv("RESEND_BASE_URL", baseUrl); // the SDK reads its base URL only from the environment
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async deliver(msg) {
      const { data, error } = await client.emails.send(
        { from: msg.from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text, headers: msg.headers, ...(msg.replyTo ? { replyTo: msg.replyTo } : {}) },
        msg.idempotencyKey ? { idempotencyKey: msg.idempotencyKey } : undefined,
      );
      if (error || !data) throw new AppError("upstream", "email.providerFailed", { values: { detail: `Resend: ${error?.message ?? "no response"}` } });
      return { providerMessageId: data.id };
    },
    /** `GET /emails/receiving/{id}`: the body and headers an `email.received` webhook does not carry. */
    async receivedEmail(id) {
      const { data, error } = await client.emails.receiving.get(id);
      if (error?.name === "not_found") return null;
      if (error || !data) throw new AppError("upstream", "email.providerFailed", { values: { detail: `Resend: ${error?.message ?? "no response"}` } });
      const header = (name: string) => Object.entries(data.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
      return { id: data.id, from: data.from, to: data.to ?? [], subject: data.subject ?? "", text: data.text, html: data.html, messageId: data.message_id ?? null, inReplyTo: header("in-reply-to") };
    },
  };
}
