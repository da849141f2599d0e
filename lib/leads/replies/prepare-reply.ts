import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { emailProvider } from "@/lib/providers/email";
import { htmlToText } from "@/lib/text/html-to-text";
import { bareAddress } from "./reply-address";

/**
 * A reply's own words without the message it quotes: the part before the first quote marker
 * ("On … wrote:", "Le … a écrit :", "-----Original Message-----", "De :"/"From:" headers) and without
 * "> " lines. The quoted nurture email would otherwise be classified along with the answer.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  for (const line of lines) {
    const l = line.trim();
    if (/^(on\b.{0,200}\bwrote:|le\b.{0,200}\ba écrit\s?:|-{2,}\s*(original message|message d'origine)\s*-{2,}|(from|de)\s?:\s.+@)/i.test(l)) break;
    if (l.startsWith(">")) continue;
    out.push(line);
  }
  const kept = out.join("\n").trim();
  return kept || text.trim();
}

export type PreparedReply = { leadId: string | null; channel: "EMAIL" | "WHATSAPP" };

/**
 * MKT-304 step 1: an email reply's full text is fetched from the email provider by the id its webhook
 * carried (Resend `GET /emails/receiving/{id}`, or the offline inbox) and kept on the row; then the lead
 * is found within the organisation: the sender's address (email) or number (WhatsApp, E.164). No lead:
 * the reply stays UNMATCHED (kept, nothing else happens). Re-running finds what is already stored.
 */
export async function prepareReply(opts: { organizationId: string; replyId: string }): Promise<PreparedReply> {
  const reply = await db().leadReply.findFirst({ where: { id: opts.replyId, organizationId: opts.organizationId } });
  if (!reply) throw notFound("lead");
  const channel = reply.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL";
  let { body, fromAddress } = reply;
  if (channel === "EMAIL" && body === null) {
    const emailId = String((reply.payload as { event?: { data?: { email_id?: unknown } } }).event?.data?.email_id ?? "");
    const email = await emailProvider().receivedEmail(emailId);
    if (!email) {
      await db().leadReply.update({ where: { id: reply.id }, data: { status: "FAILED", errorMessage: `email ${emailId} not found at the provider`, attempts: { increment: 1 } } });
      throw new AppError("not_found", "leads.replyMissing", { values: { id: emailId } });
    }
    const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html).text : "";
    body = replyText(text).slice(0, 20_000);
    fromAddress = bareAddress(email.from);
    await db().leadReply.update({ where: { id: reply.id }, data: { body, fromAddress, subject: email.subject || reply.subject, messageId: email.messageId, toAddresses: email.to.map(bareAddress) } });
  }
  const lead = fromAddress
    ? await db().lead.findFirst({ where: { organizationId: opts.organizationId, ...(channel === "EMAIL" ? { emailNormalized: fromAddress } : { phoneE164: fromAddress }) }, select: { id: true } })
    : null;
  await db().leadReply.update({ where: { id: reply.id }, data: lead ? { leadId: lead.id } : { status: "UNMATCHED", processedAt: new Date() } });
  return { leadId: lead?.id ?? null, channel };
}
