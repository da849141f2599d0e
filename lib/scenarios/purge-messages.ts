import "server-only";
import { db } from "@/lib/db/client";

/**
 * Seed 002 retention: chat messages expire 7 days after they were written (expiresAt = createdAt +
 * 7 days). sys-005 (hourly) deletes the expired messages, then the chats left without a message
 * whose own expiry has passed.
 */
export const MESSAGE_TTL_DAYS = 7;

export function messageExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + MESSAGE_TTL_DAYS * 24 * 3600 * 1000);
}

export async function purgeExpiredMessages(opts: { now?: Date } = {}): Promise<{ messages: number; chats: number }> {
  const now = opts.now ?? new Date();
  const messages = await db().assistantMessage.deleteMany({ where: { expiresAt: { lte: now } } });
  const chats = await db().assistantChat.deleteMany({ where: { expiresAt: { lte: now }, messages: { none: {} } } });
  return { messages: messages.count, chats: chats.count };
}
