import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getInboxKpis } from "@/lib/inbox/kpis/get-inbox-kpis";
import { recomputeKpiWindows } from "@/lib/inbox/kpis/recompute-kpi-windows";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createPostedPublication, createTenant, type Tenant } from "../analytics/fixtures";

/** 2-hour inbox KPIs (issue 15) from real rows: figures per window, idempotent re-runs, windows in the organisation's zone. */
let t: TestDatabase;
let a: Tenant;
const NOW = new Date("2026-03-29T12:10:00Z"); // Sunday of the DST change in Paris, 14:10 CEST
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenant(t.db, "kpis-a", { platform: "INSTAGRAM" });
  await t.db.organization.update({ where: { id: a.orgId }, data: { timezone: "Europe/Paris" } });
  const conv = await t.db.conversation.create({
    data: { organizationId: a.orgId, socialAccountId: a.accountId, platform: "INSTAGRAM", externalId: "th-1", contactExternalId: "igsid-1", contactName: "Léa" },
  });
  const msg = (at: string, direction: "INBOUND" | "OUTBOUND", author: "CONTACT" | "MEMBER" | "AI", triage: "AUTO_REPLY" | "ESCALATE" | "IGNORE" | null) =>
    t.db.conversationMessage.create({ data: { organizationId: a.orgId, conversationId: conv.id, socialAccountId: a.accountId, direction, author, text: "x", triage, sentAt: new Date(at) } });
  // 02-04 local on the DST day is 01:00-02:00 UTC: two messages before our answer (one wait of 5 minutes), one escalated.
  await msg("2026-03-29T01:10:00Z", "INBOUND", "CONTACT", "AUTO_REPLY");
  await msg("2026-03-29T01:12:00Z", "INBOUND", "CONTACT", "ESCALATE");
  await msg("2026-03-29T01:15:00Z", "OUTBOUND", "AI", null);
  // 10-12 local (08:00-10:00 UTC): one ignored message never answered.
  await msg("2026-03-29T08:30:00Z", "INBOUND", "CONTACT", "IGNORE");
  const pub = await createPostedPublication(t.db, a, "sbx_post_kpis", { ageHours: 24 });
  const comment = (id: string, at: string, triage: "AUTO_REPLY" | "IGNORE", repliedAfterMin: number | null) =>
    t.db.comment.create({
      data: {
        organizationId: a.orgId,
        socialAccountId: a.accountId,
        publicationId: pub.publicationId,
        platform: "INSTAGRAM",
        externalId: id,
        externalPostId: "sbx_post_kpis",
        text: "Quel prix ?",
        triage,
        postedAt: new Date(at),
        repliedAt: repliedAfterMin === null ? null : new Date(new Date(at).getTime() + repliedAfterMin * MIN),
      },
    });
  await comment("c1", "2026-03-29T08:05:00Z", "AUTO_REPLY", 2);
  await comment("c2", "2026-03-29T09:55:00Z", "AUTO_REPLY", 10);
  await comment("c3", "2026-03-29T09:56:00Z", "IGNORE", null);
});
afterAll(async () => t?.cleanup());

describe("2-hour KPI windows", () => {
  it("computes each window's figures in the organisation's time zone, DST day included", async () => {
    const res = await recomputeKpiWindows({ organizationId: a.orgId, now: NOW });
    expect(res).toMatchObject({ windows: 2, written: 2, deleted: 0 });
    const rows = await t.db.kpiWindow.findMany({ where: { organizationId: a.orgId }, orderBy: { windowStart: "asc" } });
    expect(rows.map((r) => [r.windowStart.toISOString(), r.windowEnd.toISOString()])).toEqual([
      ["2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"], // 02-04 local: one hour that day
      ["2026-03-29T08:00:00.000Z", "2026-03-29T10:00:00.000Z"],
    ]);
    expect(rows[0]).toMatchObject({ messagesCount: 2, commentsCount: 0, frtP50Seconds: 300, autoReplyRate: 0.5, autoReplyCount: 1, escalateCount: 1, ignoredCount: 0, postsActive: 0 });
    expect(rows[1]).toMatchObject({ messagesCount: 1, commentsCount: 3, frtP50Seconds: 120, autoReplyRate: 0.5, autoReplyCount: 2, escalateCount: 0, ignoredCount: 2, postsActive: 1 });
  });

  it("a re-run gives identical rows (updatedAt included), and a change rewrites only its window", async () => {
    const before = await t.db.kpiWindow.findMany({ where: { organizationId: a.orgId }, orderBy: { windowStart: "asc" } });
    expect(await recomputeKpiWindows({ organizationId: a.orgId, now: new Date(NOW.getTime() + 30 * MIN) })).toMatchObject({ written: 0, deleted: 0 });
    expect(await t.db.kpiWindow.findMany({ where: { organizationId: a.orgId }, orderBy: { windowStart: "asc" } })).toEqual(before);
    await t.db.comment.updateMany({ where: { organizationId: a.orgId, externalId: "c3" }, data: { triage: "AUTO_REPLY" } });
    expect(await recomputeKpiWindows({ organizationId: a.orgId, now: new Date(NOW.getTime() + 60 * MIN) })).toMatchObject({ written: 1 });
    const after = await t.db.kpiWindow.findMany({ where: { organizationId: a.orgId }, orderBy: { windowStart: "asc" } });
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.autoReplyCount).toBe(3);
  });

  it("the page's data: every window of 48 hours and 7 days, zeros where nothing happened", async () => {
    const k = await getInboxKpis({ organizationId: a.orgId, now: NOW });
    expect(k.timezone).toBe("Europe/Paris");
    // The finished windows of 7 days (the one cut by the start included; the window running now is not there yet).
    expect(k.last7d.length).toBe(85);
    expect(new Date(k.last7d.at(-1)!.end).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(k.last48h.length).toBeGreaterThanOrEqual(24);
    expect(k.totals48h).toMatchObject({ messages: 3, comments: 3, escalations: 1, postsActivePeak: 1 });
    expect(k.last48h.find((w) => w.start === "2026-03-29T01:00:00.000Z")?.end).toBe("2026-03-29T02:00:00.000Z");
  });
});
