import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { leadReplyReceived } from "@/inngest/events";
import { db } from "@/lib/db/client";
import type { MessageChannel } from "@/lib/db/generated/enums";
import { childLogger } from "@/lib/log";

export type StoreReplyInput = {
  organizationId: string | null;
  channel: MessageChannel;
  provider: "resend" | "outbox" | "whatsapp";
  /** "email:<provider email id>" | "wa:<wamid>": the same message again stores nothing. */
  dedupeKey: string;
  payload: unknown;
  fromAddress?: string | null;
  toAddresses?: string[];
  subject?: string | null;
  body?: string | null;
  messageId?: string | null;
  receivedAt?: Date;
};

/**
 * MKT-304 "stored raw first": one `INSERT … ON CONFLICT DO NOTHING` on the message's key (1,000 replays,
 * 50 at once, find the first row), then lead/reply.received with the reply's own id as event id. A reply
 * no organisation can be told for is kept UNMATCHED and not processed. If the event cannot be sent the
 * row stays RECEIVED (visible, and the next delivery of the message does not re-send it: the provider's
 * retry stores nothing new).
 */
export async function storeReply(input: StoreReplyInput): Promise<{ replyId: string; duplicate: boolean }> {
  const id = `lr_${randomUUID().replace(/-/g, "")}`;
  const created = await db().leadReply.createMany({
    data: [
      {
        id,
        organizationId: input.organizationId,
        channel: input.channel,
        provider: input.provider,
        dedupeKey: input.dedupeKey,
        payload: (input.payload ?? null) as object,
        fromAddress: input.fromAddress ?? null,
        toAddresses: input.toAddresses ?? [],
        subject: input.subject ?? null,
        body: input.body ?? null,
        messageId: input.messageId ?? null,
        status: input.organizationId ? "RECEIVED" : "UNMATCHED",
        ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    const first = await db().leadReply.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
    return { replyId: first.id, duplicate: true };
  }
  if (input.organizationId) {
    try {
      await inngest.send(leadReplyReceived.create({ organizationId: input.organizationId, replyId: id, channel: input.channel }, { id: `lead-reply-received:${id}` }));
    } catch (err) {
      childLogger({ organizationId: input.organizationId, replyId: id }).warn({ err }, "lead/reply.received not sent; the reply stays RECEIVED");
    }
  }
  return { replyId: id, duplicate: false };
}
