import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { inboxCommentReceived, inboxMessageReceived } from "@/inngest/events";
import type { NormalisedEvent, RemoteComment } from "@/lib/connectors/types";
import { db, type Prisma } from "@/lib/db/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";
import { publishLiveEvent } from "@/lib/live/publish";
import { childLogger } from "@/lib/log";

/** The connected account an inbound event was sent for (it names the organisation). */
export type InboxAccount = { id: string; organizationId: string; platform: Platform; externalId: string; isSandbox: boolean };

type InboxEvent = Extract<NormalisedEvent, { type: "message.received" | "comment.created" | "message.status" }>;

/** Inbox accounts are social ones (never an ads account). */
type SocialPlatformEnum = Exclude<Platform, "META_ADS" | "GOOGLE_ADS" | "TIKTOK_ADS">;

const WINDOW_MS = 24 * 3600_000;
/** A platform's event id without our kind prefix ("msg:<mid>", "wa:<wamid>", "xdm:<id>"): the message's own id. */
const platformIdOf = (eventId: string) => eventId.replace(/^(msg|wa|xdm|igc|fbc|xt):/, "");

/**
 * One inbound inbox event (Meta, X, the sandbox): the raw delivery is stored first, once per platform
 * event id and account (`webhook_receipts`, provider `inbox`: a replay stores nothing), then processed:
 * a direct message joins its contact's conversation, a comment its commenter's, a status moves an
 * outgoing message forward. Processing is idempotent on the platform's message / comment id, so a
 * receipt left FAILED is processed again when the platform redelivers; only the request that stored
 * the message emits `inbox/message.received` / `inbox/comment.received`.
 */
export async function receiveInboxEvent(opts: { event: InboxEvent; account: InboxAccount; rawBody?: Uint8Array }): Promise<{ duplicate: boolean }> {
  const { event, account } = opts;
  const key = { provider: "inbox", eventId: `${account.id}:${event.eventId}` };
  const created = await db().webhookReceipt.createMany({
    data: [
      {
        ...key,
        organizationId: account.organizationId,
        eventType: event.type,
        signatureValid: true,
        rawBody: Buffer.from(opts.rawBody ?? new TextEncoder().encode(JSON.stringify(event))),
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    const receipt = await db().webhookReceipt.findUnique({ where: { provider_eventId: key }, select: { status: true } });
    if (receipt && receipt.status !== "FAILED") return { duplicate: true };
  }
  try {
    const outcome =
      event.type === "message.received"
        ? await storeInboundMessage({ account, event })
        : event.type === "comment.created"
          ? await storeInboundComment({ account, comment: event.comment })
          : await applyMessageStatus({ account, event });
    await db().webhookReceipt.update({ where: { provider_eventId: key }, data: { status: outcome ? "PROCESSED" : "IGNORED", processedAt: new Date(), attempts: { increment: 1 } } });
    return { duplicate: false };
  } catch (err) {
    await db()
      .webhookReceipt.update({ where: { provider_eventId: key }, data: { status: "FAILED", lastError: String((err as Error).message).slice(0, 500), attempts: { increment: 1 } } })
      .catch(() => undefined);
    throw err;
  }
}

type ConversationRow = { id: string; inserted: boolean };

/** The contact's conversation on this account, created on first contact (one statement, safe under concurrent deliveries). */
async function upsertConversation(
  tx: Prisma.TransactionClient,
  o: { account: InboxAccount; contactId: string; contactName: string | null; contactHandle?: string | null; at: Date },
): Promise<ConversationRow> {
  const rows = await tx.$queryRaw<ConversationRow[]>`
    INSERT INTO conversations (id, "organizationId", "socialAccountId", platform, "externalId", "contactExternalId", "contactName", "contactHandle", status, "lastMessageAt", "createdAt", "updatedAt")
    VALUES (${`cv_${randomUUID().replace(/-/g, "")}`}, ${o.account.organizationId}, ${o.account.id}, ${o.account.platform}::"Platform", ${o.contactId}, ${o.contactId},
            ${o.contactName}, ${o.contactHandle ?? null}, 'OPEN', ${o.at}, now(), now())
    ON CONFLICT ("socialAccountId", "externalId") DO UPDATE
      SET "contactName" = COALESCE(conversations."contactName", EXCLUDED."contactName"),
          "contactHandle" = COALESCE(conversations."contactHandle", EXCLUDED."contactHandle")
    RETURNING id, (xmax = 0) AS inserted`;
  return rows[0]!;
}

/**
 * A direct message from a contact: stored once per platform message id in the contact's conversation,
 * which opens or refreshes the 24-hour messaging window (from the message's own time, never moved
 * backwards), counts it unread and reopens a pending or closed conversation; live `inbox.updated` in
 * the same transaction; then `inbox/message.received`.
 */
export async function storeInboundMessage(opts: {
  account: InboxAccount;
  event: Extract<NormalisedEvent, { type: "message.received" }>;
}): Promise<{ conversationId: string; messageId: string } | null> {
  const { account, event } = opts;
  if (!event.from) return null;
  const externalId = platformIdOf(event.eventId);
  const existing = await db().conversationMessage.findUnique({ where: { socialAccountId_externalId: { socialAccountId: account.id, externalId } }, select: { id: true, conversationId: true } });
  if (existing) return { conversationId: existing.conversationId, messageId: existing.id };
  const at = event.occurredAt;
  const messageId = `cm_${randomUUID().replace(/-/g, "")}`;
  const stored = await db().$transaction(async (tx) => {
    const conv = await upsertConversation(tx, { account, contactId: event.from, contactName: event.fromName, at });
    const inserted = await tx.conversationMessage.createMany({
      data: [
        {
          id: messageId,
          organizationId: account.organizationId,
          conversationId: conv.id,
          socialAccountId: account.id,
          externalId,
          direction: "INBOUND",
          author: "CONTACT",
          text: event.text,
          attachments: event.text === null ? [{ type: event.messageType }] : [],
          status: "RECEIVED",
          sentAt: at,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return null;
    const windowEnd = new Date(at.getTime() + WINDOW_MS);
    await tx.$executeRaw`
      UPDATE conversations SET
        "lastMessageAt" = GREATEST(COALESCE("lastMessageAt", ${at}), ${at}),
        "lastInboundAt" = GREATEST(COALESCE("lastInboundAt", ${at}), ${at}),
        "windowExpiresAt" = GREATEST(COALESCE("windowExpiresAt", ${windowEnd}), ${windowEnd}),
        "unreadCount" = "unreadCount" + 1,
        status = CASE WHEN status IN ('PENDING', 'CLOSED') THEN 'OPEN'::"ConversationStatus" ELSE status END,
        "updatedAt" = now()
      WHERE id = ${conv.id}`;
    await publishLiveEvent(tx, { organizationId: account.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, messageId } });
    return { conversationId: conv.id, firstContact: conv.inserted };
  });
  if (!stored) return null;
  await emit(account.organizationId, () =>
    inngest.send(
      inboxMessageReceived.create(
        { organizationId: account.organizationId, conversationId: stored.conversationId, messageId, platform: account.platform as SocialPlatformEnum, firstContact: stored.firstContact },
        { id: `inbox-message-received:${messageId}` },
      ),
    ),
  );
  return { conversationId: stored.conversationId, messageId };
}

/**
 * A comment under one of our posts, from a webhook or the comment poller (inb-002): stored once per
 * platform comment id and account (whoever sees it first; the other finds it and stores nothing), linked
 * to our publication when we know the post, to its parent when stored, and to the commenter's
 * conversation on this account (one conversation per contact across DMs and comments; a comment does not
 * open the DM window). Our own comments are kept as such, in no conversation, and not triaged. In the
 * storing transaction: `inbox.updated` and, for another person's comment, `comment.received` (the War
 * Room stream). Then `inbox/comment.received` for the triage, unless `announce` is false (the poller
 * sends it from its own durable step).
 */
export async function storeInboundComment(opts: {
  account: InboxAccount;
  comment: RemoteComment;
  /** Our publication of the post, when the caller knows it (else looked up by the post id). */
  publicationId?: string;
  /** When we received it (default: now; a pinned clock in the poller's tests). */
  receivedAt?: Date;
  /** Send `inbox/comment.received` from here (default true). */
  announce?: boolean;
}): Promise<{ commentId: string; conversationId: string | null; stored: boolean } | null> {
  const { account, comment } = opts;
  const receivedAt = opts.receivedAt ?? new Date();
  const isOwn = !!comment.authorId && comment.authorId === account.externalId;
  const existing = await db().comment.findUnique({ where: { socialAccountId_externalId: { socialAccountId: account.id, externalId: comment.id } }, select: { id: true, conversationId: true } });
  if (existing) return { commentId: existing.id, conversationId: existing.conversationId, stored: false };
  const publicationId =
    opts.publicationId ??
    (await db().publication.findFirst({ where: { organizationId: account.organizationId, socialAccountId: account.id, platformPostId: comment.postId }, select: { id: true } }))?.id ??
    null;
  const parent = comment.parentId
    ? await db().comment.findUnique({ where: { socialAccountId_externalId: { socialAccountId: account.id, externalId: comment.parentId } }, select: { id: true } })
    : null;
  const postedAt = Number.isNaN(comment.createdAt.getTime()) ? receivedAt : comment.createdAt;
  const authorName = comment.authorName?.slice(0, 200) ?? null;
  const commentId = `co_${randomUUID().replace(/-/g, "")}`;
  const stored = await db().$transaction(async (tx) => {
    const conv = isOwn ? null : await upsertConversation(tx, { account, contactId: comment.authorId ?? `comment:${comment.id}`, contactName: null, contactHandle: authorName, at: postedAt });
    const inserted = await tx.comment.createMany({
      data: [
        {
          id: commentId,
          organizationId: account.organizationId,
          socialAccountId: account.id,
          publicationId,
          conversationId: conv?.id ?? null,
          platform: account.platform,
          externalId: comment.id,
          externalPostId: comment.postId,
          parentId: parent?.id ?? null,
          authorName,
          authorExternalId: comment.authorId,
          isOwn,
          text: comment.text.slice(0, 10_000),
          status: isOwn ? "REPLIED" : "NEW",
          postedAt,
          createdAt: receivedAt,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return null;
    if (conv) {
      await tx.$executeRaw`
        UPDATE conversations SET "lastMessageAt" = GREATEST(COALESCE("lastMessageAt", ${postedAt}), ${postedAt}), "unreadCount" = "unreadCount" + 1,
          status = CASE WHEN status IN ('PENDING', 'CLOSED') THEN 'OPEN'::"ConversationStatus" ELSE status END, "updatedAt" = now()
        WHERE id = ${conv.id}`;
    }
    await publishLiveEvent(tx, { organizationId: account.organizationId, type: "inbox.updated", payload: { conversationId: conv?.id ?? null, commentId } });
    if (!isOwn) await publishLiveEvent(tx, { organizationId: account.organizationId, type: "comment.received", payload: { commentId, publicationId, platform: account.platform } });
    return { conversationId: conv?.id ?? null };
  });
  if (!stored) {
    // Stored meanwhile by a concurrent delivery (webhook and poll at once): that one is the comment.
    const row = await db().comment.findUnique({ where: { socialAccountId_externalId: { socialAccountId: account.id, externalId: comment.id } }, select: { id: true, conversationId: true } });
    return row ? { commentId: row.id, conversationId: row.conversationId, stored: false } : null;
  }
  if (!isOwn && opts.announce !== false) {
    await emit(account.organizationId, () =>
      inngest.send(inboxCommentReceived.create({ organizationId: account.organizationId, commentId, platform: account.platform as SocialPlatformEnum }, { id: `inbox-comment-received-${commentId}` })),
    );
  }
  return { commentId, conversationId: stored.conversationId, stored: true };
}

const STATUS_RANK: Record<string, { status: DeliveryStatus; rank: number }> = {
  sent: { status: "SENT", rank: 1 },
  delivered: { status: "DELIVERED", rank: 2 },
  read: { status: "READ", rank: 3 },
  played: { status: "READ", rank: 3 },
  failed: { status: "FAILED", rank: 4 },
};

/** A delivery status of one of our messages (WhatsApp `statuses`): only forward (statuses arrive out of order), failed always wins. */
async function applyMessageStatus(opts: { account: InboxAccount; event: Extract<NormalisedEvent, { type: "message.status" }> }): Promise<boolean> {
  const next = STATUS_RANK[opts.event.status];
  if (!next) return false;
  const lower = Object.values(STATUS_RANK)
    .filter((s) => s.rank < next.rank)
    .map((s) => s.status);
  const updated = await db().conversationMessage.updateMany({
    where: { socialAccountId: opts.account.id, externalId: opts.event.messageId, direction: "OUTBOUND", status: { in: ["QUEUED", ...lower] } },
    data: { status: next.status },
  });
  return updated.count > 0;
}

async function emit(organizationId: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    // The message is stored; it shows in the inbox untriaged and a person answers it.
    childLogger({ organizationId }).warn({ err }, "inbox event not sent; the item stays untriaged");
  }
}
