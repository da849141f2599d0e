import "server-only";
import { randomUUID } from "node:crypto";
import { claimedSend } from "@/lib/connectors/claimed-send";
import { connectors } from "@/lib/connectors/registry";
import { platformKeyOf, type PlatformConnector, type PlatformEnum } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TriageResult } from "./triage/triage-inbox";
import { publishLiveEvent } from "@/lib/live/publish";
import { connectorContextOf } from "@/lib/oauth/tokens";
import { isAiControlOn } from "./ai-control";

export type SendInboxReplyInput = {
  organizationId: string;
  conversationId: string;
  text: string;
  /** "AI": an automatic reply after an AUTO_REPLY triage; refused when the AI control is off. */
  author: "AI" | "MEMBER";
  userId?: string | null;
  /** Answer this comment (ours to answer: it belongs to the conversation) instead of a direct message. */
  commentId?: string;
  /** WhatsApp outside the 24-hour window: an approved template (members only). */
  template?: { name: string; language: string };
  /** One effect per key (a retried step sends nothing twice). */
  idempotencyKey: string;
  /** The triage decision an automatic reply answers (its replySentAt is set). */
  decisionId?: string;
  now?: Date;
};

export type SentReply = { id: string; status: string; externalId: string | null };

/** Platforms whose business messages must stay inside the 24-hour customer-service window. */
const WINDOWED = new Set(["INSTAGRAM", "FACEBOOK", "WHATSAPP"]);

/**
 * THE one function that sends a reply from the inbox, automatic or a member's: every check is here,
 * at the sending point, whatever the caller decided.
 * - An AI-authored reply needs the organisation's AI control ON and the conversation's AI on, read
 *   now; otherwise it is refused (nothing stored, nothing sent).
 * - A direct message goes through the platform's connector (the sandbox network by default) inside
 *   the messaging window; outside it a WhatsApp reply needs an approved template (members only),
 *   Instagram and Messenger refuse.
 * - A comment answer goes through the connector's replyToComment and is stored as our comment.
 * The row is written first (QUEUED, unique idempotency key), the platform call claimed in
 * connector_sends (lib/connectors/claimed-send.ts), then sent, then SENT with the platform's id (or FAILED
 * with the connector's error, or with `inbox.deliveryUnknown` when an earlier attempt died mid-call on a
 * platform without idempotency keys); the conversation moves to PENDING; live `inbox.updated`.
 */
export async function sendInboxReply(input: SendInboxReplyInput): Promise<SentReply> {
  const now = input.now ?? new Date();
  const conv = await db().conversation.findFirst({
    where: { id: input.conversationId, organizationId: input.organizationId },
    include: { socialAccount: true },
  });
  if (!conv) throw notFound("conversation");
  if (input.author === "AI" && (!conv.aiEnabled || !(await isAiControlOn(input.organizationId)))) {
    throw new AppError("conflict", "inbox.aiControlOff");
  }
  const key = `${input.organizationId}:${input.idempotencyKey}`;
  const platform = platformKeyOf(conv.platform as PlatformEnum);
  const connector = connectors.forAccount({ platform, isSandbox: conv.socialAccount.isSandbox }) as PlatformConnector;
  const ctx = connectorContextOf(conv.socialAccount);

  if (input.commentId) {
    const comment = await db().comment.findFirst({ where: { id: input.commentId, organizationId: input.organizationId, conversationId: conv.id }, select: { id: true, externalId: true, externalPostId: true, publicationId: true } });
    if (!comment) throw notFound("comment", { field: "commentId" });
    if (input.decisionId) {
      // A retried automatic answer: the decision records that it was sent.
      const decided = await db().triageDecision.findFirst({ where: { id: input.decisionId, organizationId: input.organizationId }, select: { replySentAt: true } });
      if (decided?.replySentAt) return { id: comment.id, status: "SENT", externalId: null };
    }
    // Claimed before the call (issue 18): a retry after a crash between the platform's answer and the
    // transaction below does not answer the comment twice; it says the delivery is unknown instead.
    const claim = await claimedSend({ organizationId: input.organizationId, key: `inbox-comment:${key}`, platform, idempotent: false, send: () => connector.replyToComment(ctx, comment.externalId, input.text) });
    if (claim.state === "unknown") throw new AppError("conflict", "inbox.deliveryUnknown");
    const res = { id: claim.providerMessageId };
    const own = await db().$transaction(async (tx) => {
      const created = await tx.comment.upsert({
        where: { socialAccountId_externalId: { socialAccountId: conv.socialAccountId, externalId: res.id } },
        create: {
          organizationId: input.organizationId,
          socialAccountId: conv.socialAccountId,
          publicationId: comment.publicationId,
          conversationId: conv.id,
          platform: conv.platform,
          externalId: res.id,
          externalPostId: comment.externalPostId,
          parentId: comment.id,
          authorName: conv.socialAccount.name,
          isOwn: true,
          text: input.text,
          status: "REPLIED",
          postedAt: now,
        },
        update: {},
        select: { id: true },
      });
      await tx.comment.update({ where: { id: comment.id }, data: { status: "REPLIED", repliedAt: now } });
      if (input.decisionId) await tx.triageDecision.updateMany({ where: { id: input.decisionId, organizationId: input.organizationId }, data: { replySentAt: now } });
      await tx.conversation.update({ where: { id: conv.id }, data: { status: "PENDING", unreadCount: 0, lastMessageAt: now } });
      await publishLiveEvent(tx, { organizationId: input.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, commentId: created.id } });
      return created;
    });
    return { id: own.id, status: "SENT", externalId: res.id };
  }

  if (!connector.capabilities.dm || !connector.sendMessage || conv.contactExternalId.startsWith("comment:")) throw new AppError("conflict", "inbox.noChannel");
  const windowOpen = !!conv.windowExpiresAt && conv.windowExpiresAt.getTime() > now.getTime();
  const useTemplate = WINDOWED.has(conv.platform) && !windowOpen;
  if (useTemplate && (conv.platform !== "WHATSAPP" || !input.template || input.author === "AI")) {
    // WhatsApp names what would be accepted (an approved template); elsewhere nothing can be sent until the contact writes.
    throw new AppError("conflict", "inbox.windowClosed", { ...(conv.platform === "WHATSAPP" ? { field: "template" } : {}), values: { platform: conv.platform } });
  }

  // A retry finds its row: SENT or FAILED is the answer; QUEUED means an earlier attempt stopped before
  // recording the platform's answer, and the send's claim (below) decides whether it may call again.
  const existing = await db().conversationMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true, status: true, externalId: true } });
  if (existing && existing.status !== "QUEUED") return existing;
  const messageId = existing?.id ?? `cm_${randomUUID().replace(/-/g, "")}`;
  const queued = existing ? { count: 1 } : await db().conversationMessage.createMany({
    data: [
      {
        id: messageId,
        organizationId: input.organizationId,
        conversationId: conv.id,
        socialAccountId: conv.socialAccountId,
        direction: "OUTBOUND",
        author: input.author,
        authorUserId: input.userId ?? null,
        text: useTemplate ? `[${input.template!.name}] ${input.text}` : input.text,
        status: "QUEUED",
        idempotencyKey: key,
        sentAt: now,
      },
    ],
    skipDuplicates: true,
  });
  if (queued.count === 0) {
    const row = await db().conversationMessage.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { id: true, status: true, externalId: true } });
    return row;
  }
  const lastInboundAt = conv.lastInboundAt;
  let sent: { id: string };
  const failed = async () => {
    await db().conversationMessage.updateMany({ where: { id: messageId, status: { not: "SENT" } }, data: { status: "FAILED" } });
    await publishLiveEvent(db(), { organizationId: input.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, messageId } });
  };
  try {
    // Claimed before the call (issue 18): exactly once across crashes, or FAILED (delivery unknown) on a
    // platform without idempotency keys when an earlier attempt died mid-call.
    const claim = await claimedSend({
      organizationId: input.organizationId,
      key: `inbox-message:${key}`,
      platform,
      idempotent: !!connector.idempotentMessages,
      send: (idempotencyKey) => connector.sendMessage!(ctx, useTemplate ? { to: conv.contactExternalId, template: input.template, lastInboundAt, idempotencyKey } : { to: conv.contactExternalId, text: input.text, lastInboundAt, idempotencyKey }),
    });
    if (claim.state === "unknown") throw new AppError("conflict", "inbox.deliveryUnknown");
    sent = { id: claim.providerMessageId };
  } catch (err) {
    await failed();
    throw err;
  }
  await db().$transaction(async (tx) => {
    await tx.conversationMessage.update({ where: { id: messageId }, data: { status: "SENT", externalId: sent.id } });
    if (input.decisionId) await tx.triageDecision.updateMany({ where: { id: input.decisionId, organizationId: input.organizationId }, data: { replySentAt: now } });
    await tx.conversation.update({ where: { id: conv.id }, data: { status: "PENDING", unreadCount: 0, lastMessageAt: now } });
    await publishLiveEvent(tx, { organizationId: input.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, messageId } });
  });
  return { id: messageId, status: "SENT", externalId: sent.id };
}

/**
 * The automatic answer after an AUTO_REPLY triage, through sendInboxReply (which checks the AI control
 * again at the moment of sending). A refusal there (AI control switched off meanwhile, the messaging
 * window closed, no channel) is an answer, not a failure: the item stays for a person.
 */
export async function sendAutomaticReply(opts: { organizationId: string; triage: TriageResult; commentId?: string }): Promise<{ sent: boolean; reason?: string }> {
  const r = opts.triage;
  if (!r.autoReply || !r.reply || !r.conversationId) return { sent: false };
  try {
    await sendInboxReply({ organizationId: opts.organizationId, conversationId: r.conversationId, text: r.reply, author: "AI", commentId: opts.commentId, idempotencyKey: `auto-reply:${r.decisionId}`, decisionId: r.decisionId });
    return { sent: true };
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") return { sent: false, reason: err.key };
    throw err;
  }
}
