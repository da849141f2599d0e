import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistry } from "@/lib/connectors/registry";
import { defaultRuntime } from "@/lib/connectors/http";
import { sandboxComments } from "@/lib/connectors/sandbox/network";
import { claimDueCommentPolls, parentsFirst, pollOrganizationComments, pollPublicationComments } from "@/lib/inbox/comments/poll-comments";
import { hideComment } from "@/lib/inbox/comments/hide-comment";
import { listComments } from "@/lib/inbox/comments/list-comments";
import { getConversation } from "@/lib/inbox/get-conversation";
import { listConversations } from "@/lib/inbox/list-conversations";
import { receiveInboxEvent, type InboxAccount } from "@/lib/inbox/receive-inbox-event";
import { replyToComment } from "@/lib/inbox/comments/reply-to-comment";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createPostedPublication, createTenant, type Tenant } from "../analytics/fixtures";

/**
 * Comment polling (issue 15, seed 003 feature 2.1) against the sandbox network on a pinned clock:
 * cursor per publication, each comment stored once, a new sandbox comment found by the next poll,
 * nothing polled from day 7 on; polled comments take the inbox's one storing path (a comment a webhook
 * delivered first is not stored twice; each polled comment is in its commenter's conversation); replies
 * and hiding through the connector.
 */
let t: TestDatabase;
let a: Tenant;
let b: Tenant;
let clock = Date.now();
const registry = createRegistry({ ...defaultRuntime(), now: () => clock });
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenant(t.db, "comments-a", { platform: "FACEBOOK" });
  b = await createTenant(t.db, "comments-b", { platform: "FACEBOOK" });
});
afterAll(async () => t?.cleanup());

async function pollAt(at: number, organizationId: string) {
  clock = at;
  const claim = await claimDueCommentPolls({ now: new Date(at), organizationId });
  const outcomes = await pollOrganizationComments({ organizationId, publicationIds: claim.polls.map((p) => p.publicationId), since: new Date(claim.claimedAt), now: new Date(at), registry });
  return { claimed: claim.polls.map((p) => p.publicationId), outcomes, fresh: outcomes.flatMap((o) => o.newComments) };
}

describe("comment polling", () => {
  it("stores the sandbox's comments once, keeps a cursor, and finds a new comment at the next poll", async () => {
    const pub = await createPostedPublication(t.db, a, "sbx_post_comments_1", { ageHours: 3 });
    const postedAt = (await t.db.publication.findUniqueOrThrow({ where: { id: pub.publicationId } })).postedAt!;
    const start = Date.now();
    const expected = sandboxComments(pub.postId, postedAt, start);
    expect(expected.length).toBeGreaterThan(0);

    const first = await pollAt(start, a.orgId);
    expect(first.claimed).toEqual([pub.publicationId]);
    expect(first.fresh).toHaveLength(expected.length);
    const stored = await t.db.comment.findMany({ where: { publicationId: pub.publicationId }, orderBy: { postedAt: "asc" } });
    expect(stored.map((c) => c.externalId)).toEqual(expected.map((c) => c.id));
    expect(stored.map((c) => c.text)).toEqual(expected.map((c) => c.text));
    const row = await t.db.publication.findUniqueOrThrow({ where: { id: pub.publicationId } });
    expect(row.commentCursor).toBe(String(expected.length));
    expect(row.nextCommentCheckAt?.getTime()).toBe(start + 5 * MIN);
    expect(row.commentPollStopAt?.getTime()).toBe(postedAt.getTime() + 7 * 24 * 60 * MIN);
    // One live event per new comment, for the War Room stream.
    const live = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM live_events WHERE "organizationId" = $1 AND type = 'comment.received'`, a.orgId);
    expect(Number(live[0]!.n)).toBe(expected.length);

    // Not due again before 5 minutes; a forced poll of the same comments stores nothing twice.
    expect((await pollAt(start + 4 * MIN, a.orgId)).claimed).toEqual([]);
    const forced = await pollPublicationComments({ organizationId: a.orgId, publicationId: pub.publicationId, since: new Date(start + 4 * MIN), now: new Date(start + 4 * MIN), registry });
    expect(forced.newComments).toEqual([]);
    expect(await t.db.comment.count({ where: { publicationId: pub.publicationId } })).toBe(expected.length);

    // The sandbox's next comment: the first poll after it appears stores it and hands it on.
    const later = sandboxComments(pub.postId, postedAt, start + 3 * 3600_000);
    const next = later[expected.length]!;
    expect(next).toBeDefined();
    const pollTime = Math.max(next.createdAt.getTime() + MIN, start + 5 * MIN);
    const second = await pollAt(pollTime, a.orgId);
    expect(second.claimed).toEqual([pub.publicationId]);
    const fresh = await t.db.comment.findMany({ where: { id: { in: second.fresh.map((c) => c.commentId) } } });
    expect(fresh.map((c) => c.externalId)).toContain(next.id);
    expect(fresh.find((c) => c.externalId === next.id)).toMatchObject({ text: next.text, status: "NEW", isOwn: false, platform: "FACEBOOK", organizationId: a.orgId });
    expect(second.fresh.every((c) => c.organizationId === a.orgId && c.platform === "FACEBOOK")).toBe(true);
  });

  it("stops polling a publication on day 7", async () => {
    const pub = await createPostedPublication(t.db, b, "sbx_post_comments_old", { ageHours: 7 * 24 - 1 });
    const now = Date.now();
    const first = await pollAt(now, b.orgId);
    expect(first.claimed).toEqual([pub.publicationId]);
    const count = await t.db.comment.count({ where: { publicationId: pub.publicationId } });
    // One hour and a minute later the post is older than 7 days: not claimed, its next check cleared.
    const after = await pollAt(now + 61 * MIN, b.orgId);
    expect(after.claimed).toEqual([]);
    const row = await t.db.publication.findUniqueOrThrow({ where: { id: pub.publicationId } });
    expect(row.nextCommentCheckAt).toBeNull();
    // Even asked directly (a step that was claimed before day 7), nothing is read.
    const direct = await pollPublicationComments({ organizationId: b.orgId, publicationId: pub.publicationId, since: new Date(now + 61 * MIN), now: new Date(now + 61 * MIN), registry });
    expect(direct.stopped).toBe(true);
    expect(await t.db.comment.count({ where: { publicationId: pub.publicationId } })).toBe(count);
    // A forced "check now" leaves it out too.
    expect((await claimDueCommentPolls({ now: new Date(now + 62 * MIN), organizationId: b.orgId, force: true })).polls).toEqual([]);
  });

  it("another organisation's publication is never polled by this one's run", async () => {
    const claim = await claimDueCommentPolls({ now: new Date(Date.now() + 3600_000), organizationId: b.orgId, force: true });
    const ids = claim.polls.map((p) => p.publicationId);
    const aPubs = await t.db.publication.findMany({ where: { organizationId: a.orgId }, select: { id: true } });
    expect(ids.some((id) => aPubs.some((p) => p.id === id))).toBe(false);
    const outcome = await pollPublicationComments({ organizationId: b.orgId, publicationId: aPubs[0]!.id, since: new Date(), registry });
    expect(outcome.newComments).toEqual([]);
  });
});

describe("polled comments join the inbox like webhook comments", () => {
  it("a comment a webhook delivered first is stored once; every polled comment is in its commenter's conversation", async () => {
    const w = await createTenant(t.db, "comments-hook", { platform: "INSTAGRAM" });
    const pub = await createPostedPublication(t.db, w, "sbx_post_comments_hook", { ageHours: 6 });
    const postedAt = (await t.db.publication.findUniqueOrThrow({ where: { id: pub.publicationId } })).postedAt!;
    const start = Date.now();
    const expected = sandboxComments(pub.postId, postedAt, start);
    expect(expected.length).toBeGreaterThan(2);
    const acc = await t.db.socialAccount.findUniqueOrThrow({ where: { id: w.accountId } });
    const account: InboxAccount = { id: acc.id, organizationId: w.orgId, platform: "INSTAGRAM", externalId: acc.externalId, isSandbox: true };
    const webhook = (c: (typeof expected)[number]) =>
      receiveInboxEvent({ account, event: { type: "comment.created", platform: "instagram", accountExternalId: acc.externalId, eventId: `igc:${c.id}`, postId: c.postId, comment: c } });

    // The platform's webhook delivers the first comment before any poll.
    const first = expected[0]!;
    expect(await webhook(first)).toEqual({ duplicate: false });
    const hooked = await t.db.comment.findFirstOrThrow({ where: { organizationId: w.orgId, externalId: first.id } });
    expect(hooked.publicationId).toBe(pub.publicationId);
    expect(hooked.conversationId).not.toBeNull();

    // The poll reads it again with the others: one row per comment, the webhook's row kept.
    const poll = await pollAt(start, w.orgId);
    expect(poll.claimed).toEqual([pub.publicationId]);
    const stored = await t.db.comment.findMany({ where: { organizationId: w.orgId }, orderBy: { postedAt: "asc" } });
    expect(stored.map((c) => c.externalId)).toEqual(expected.map((c) => c.id));
    expect(stored.find((c) => c.externalId === first.id)!.id).toBe(hooked.id);
    expect(new Set(poll.fresh.map((c) => c.commentId)).size).toBe(poll.fresh.length);
    // One War Room event per comment, whichever path stored it.
    const live = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM live_events WHERE "organizationId" = $1 AND type = 'comment.received'`, w.orgId);
    expect(Number(live[0]!.n)).toBe(expected.length);

    // Each polled comment is in its commenter's conversation on the account (one per person, DMs and comments alike).
    const conversations = await t.db.conversation.findMany({ where: { organizationId: w.orgId } });
    expect(conversations.map((c) => c.contactExternalId).sort()).toEqual([...new Set(expected.map((c) => c.authorId!))].sort());
    for (const c of stored) {
      const conv = conversations.find((x) => x.id === c.conversationId);
      expect(conv?.contactExternalId, c.externalId).toBe(c.authorExternalId);
      expect(conv?.socialAccountId).toBe(w.accountId);
    }
    const polled = stored[stored.length - 1]!;
    const detail = await getConversation({ organizationId: w.orgId, conversationId: polled.conversationId! });
    expect(detail.items.filter((i) => i.kind === "comment").map((i) => i.id)).toContain(polled.id);
    const listed = await listConversations({ organizationId: w.orgId, userId: null, q: polled.text.slice(0, 20) });
    expect(listed.conversations.map((c) => c.id)).toContain(polled.conversationId);

    // A webhook that comes after the poll for a comment already stored stores nothing.
    await webhook(expected[1]!);
    expect(await t.db.comment.count({ where: { organizationId: w.orgId, externalId: expected[1]!.id } })).toBe(1);
    expect(await t.db.comment.count({ where: { organizationId: w.orgId } })).toBe(expected.length);
  });

  it("stores a batch's parents before their replies (a thread read in one page is linked), each comment once", () => {
    const c = (id: string, parentId: string | null) => ({ id, postId: "p", parentId, authorId: "u", authorName: "U", text: id, createdAt: new Date(0) });
    const batch = [c("r2", "r1"), c("r1", "top"), c("solo", null), c("top", null), c("r1", "top"), c("orphan", "elsewhere")];
    expect(parentsFirst(batch).map((x) => x.id)).toEqual(["top", "r1", "r2", "solo", "orphan"]);
  });
});

describe("replies and hiding", () => {
  it("replies through the connector with the member's text and keeps the reply in the thread", async () => {
    const c = await t.db.comment.findFirstOrThrow({ where: { organizationId: a.orgId, isOwn: false }, orderBy: { postedAt: "asc" } });
    const dto = await replyToComment({ organizationId: a.orgId, commentId: c.id, text: "Merci, nous vous écrivons en privé.", registry });
    expect(dto.status).toBe("REPLIED");
    expect(dto.replies.map((r) => r.text)).toEqual(["Merci, nous vous écrivons en privé."]);
    const sent = await t.db.sandboxRecord.findFirstOrThrow({ where: { organizationId: a.orgId, kind: "reply" } });
    expect(sent.data).toEqual({ commentId: c.externalId, text: "Merci, nous vous écrivons en privé." });
    // Our reply is not a comment to triage, and another organisation cannot reply to it.
    expect((await listComments({ organizationId: a.orgId })).comments.some((x) => x.text.startsWith("Merci, nous"))).toBe(false);
    await expect(replyToComment({ organizationId: b.orgId, commentId: c.id, text: "x", registry })).rejects.toMatchObject({ code: "not_found" });
  });

  it("hides a comment on the network and shows it again", async () => {
    const c = await t.db.comment.findFirstOrThrow({ where: { organizationId: a.orgId, isOwn: false, status: "NEW" } });
    const hidden = await hideComment({ organizationId: a.orgId, commentId: c.id, hidden: true, registry });
    expect(hidden).toMatchObject({ hidden: true, status: "HIDDEN", canHide: true });
    const rec = await t.db.sandboxRecord.findFirstOrThrow({ where: { organizationId: a.orgId, kind: "hidden", externalId: c.externalId } });
    expect(rec.data).toEqual({ hidden: true });
    expect(await hideComment({ organizationId: a.orgId, commentId: c.id, hidden: false, registry })).toMatchObject({ hidden: false, status: "NEW" });
    await expect(hideComment({ organizationId: b.orgId, commentId: c.id, hidden: true, registry })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to hide where the network has no such API (LinkedIn)", async () => {
    const li = await createTenant(t.db, "comments-li");
    const pub = await createPostedPublication(t.db, li, "sbx_post_comments_li", { ageHours: 30 });
    await pollAt(Date.now(), li.orgId);
    const c = await t.db.comment.findFirstOrThrow({ where: { publicationId: pub.publicationId } });
    await expect(hideComment({ organizationId: li.orgId, commentId: c.id, hidden: true, registry })).rejects.toMatchObject({ code: "validation", field: "hidden" });
  });

  it("lists comments newest first with keyset paging and the polling state", async () => {
    const all = await listComments({ organizationId: a.orgId, take: 100 });
    const page1 = await listComments({ organizationId: a.orgId, take: 2 });
    const page2 = await listComments({ organizationId: a.orgId, take: 2, cursor: page1.nextCursor! });
    expect([...page1.comments, ...page2.comments].map((c) => c.id)).toEqual(all.comments.slice(0, 4).map((c) => c.id));
    expect(all.polling.activePosts).toBe(1);
    expect(all.polling.lastCheckAt).not.toBeNull();
  });
});
