import { randomBytes, randomInt } from "node:crypto";
import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { contentPieceRow, contentSignalRow, publicationRow, socialAccountRow } from "@/lib/demo/factories";
import { until } from "@/tests/integration/runtime/harness";
import { seedOrg } from "@/tests/integration/approvals/support";

const rnd = () => randomBytes(4).toString("hex");

/**
 * Built from the demo's row factories (lib/demo/factories.ts).
 * An organisation whose LinkedIn post won (a posted publication and its MKT-109 signal) and a
 * sandbox ad account: what the Amplification Engine starts from.
 */
export async function seedAmplifiable(db: Db, opts: { adPlatform?: "META_ADS" | "GOOGLE_ADS" | "TIKTOK_ADS"; adAccountMetadata?: Record<string, unknown> } = {}) {
  const o = await seedOrg(db);
  await db.brand.update({ where: { id: o.brandId }, data: { countries: ["FR", "SN"], websiteUrl: "https://atelier-bogolan.example" } });
  const social = await db.socialAccount.create({ data: socialAccountRow({ organizationId: o.orgId, brandId: o.brandId, platform: "LINKEDIN", externalId: `sbx-${rnd()}`, name: "LinkedIn page" }) });
  const adAccount = await db.socialAccount.create({
    data: socialAccountRow({ organizationId: o.orgId, brandId: o.brandId, platform: opts.adPlatform ?? "META_ADS", externalId: `act_${rnd()}`, name: "Ads account", metadata: (opts.adAccountMetadata ?? {}) as object }),
  });
  const piece = await db.contentPiece.create({
    data: contentPieceRow({ organizationId: o.orgId, brandId: o.brandId, platform: "LINKEDIN", status: "PUBLISHED", title: "Huit semaines pour une pièce unique", body: "Huit semaines. Trois bains d'argile. Une pièce unique, teinte à la main à Ségou, qui raconte l'histoire de nos artisanes." }),
  });
  const postedAt = new Date(Date.now() - 86_400_000);
  const publication = await db.publication.create({
    data: publicationRow({ organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: social.id, platform: "LINKEDIN", status: "POSTED", scheduledAt: postedAt, postedAt, platformPostId: `post-${rnd()}`, platformPostUrl: "https://www.linkedin.com/feed/update/1", idempotencyKey: `pub-${rnd()}` }),
  });
  const signal = await db.contentSignal.create({
    data: contentSignalRow({ organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, publicationId: publication.id, strength: 2.4, engagementRate: 9.8, meanRate: 3.1, stdDevRate: 2.2, threshold: 6.4, sampleSize: 12 }),
  });
  return { ...o, adAccountId: adAccount.id, pieceId: piece.id, publicationId: publication.id, signalId: signal.id };
}

export const signalEvent = (s: Awaited<ReturnType<typeof seedAmplifiable>>) => ({
  name: "signal/content.detected" as const,
  id: `signal-${s.signalId}`,
  data: { organizationId: s.orgId, signalId: s.signalId, brandId: s.brandId, contentPieceId: s.pieceId, publicationId: s.publicationId, platform: "LINKEDIN", engagementRate: 9.8, threshold: 6.4 },
});

/** The pending spend request matching `where`, once its MKT-203 run waits for the decision (approval/decided). */
export const waitingSpendRequest = (db: Db, where: Prisma.ApprovalRequestWhereInput, what: string, timeoutMs: number) =>
  until(
    what,
    async () => {
      const r = await db.approvalRequest.findFirst({ where: { ...where, status: "PENDING" } });
      if (!r) return undefined;
      const run = await db.runtimeRun.findFirst({ where: { functionId: "marketing-engine-mkt-203-await-spend-decision", event: { path: ["data", "approvalRequestId"], equals: r.id } }, select: { id: true } });
      const wait = run ? await db.runtimeWait.findFirst({ where: { runId: run.id, eventName: "approval/decided" }, select: { id: true } }) : null;
      return wait ? r : undefined;
    },
    timeoutMs,
  );

/**
 * An ACTIVE one-ad-set sandbox Meta campaign at 100.00 a day (`campaign` overrides its fields), with the
 * ad set on the sandbox network; `remoteBudget()` is the network's daily budget of the ad set.
 */
export async function launchedOneAdSet(db: Db, s: Awaited<ReturnType<typeof seedAmplifiable>>, campaign: Partial<Prisma.AdCampaignUncheckedCreateInput> = {}) {
  const ext = () => `120${randomInt(100_000_000, 1_000_000_000)}${randomInt(100_000, 1_000_000)}`;
  const c = await db.adCampaign.create({ data: { organizationId: s.orgId, brandId: s.brandId, adAccountId: s.adAccountId, platform: "META_ADS", name: `Campaign ${randomInt(1000, 10_000)}`, status: "ACTIVE", dailyBudgetMinor: 10_000, totalBudgetMinor: 300_000, startAt: new Date(), externalId: ext(), ...campaign } });
  const adSet = await db.adSet.create({ data: { organizationId: s.orgId, campaignId: c.id, adAccountId: s.adAccountId, name: "Ad set", status: "ACTIVE", dailyBudgetMinor: 10_000, externalId: ext() } });
  await db.sandboxRecord.create({ data: { organizationId: s.orgId, accountId: s.adAccountId, kind: "adset", externalId: adSet.externalId!, data: { level: "adset", name: adSet.name, status: "ACTIVE", dailyBudgetMinor: 10_000, parentId: c.externalId, history: [] } } });
  const remoteBudget = async () => ((await db.sandboxRecord.findFirstOrThrow({ where: { accountId: s.adAccountId, kind: "adset", externalId: adSet.externalId! } })).data as { dailyBudgetMinor: number }).dailyBudgetMinor;
  return { campaign: c, adSet, remoteBudget };
}

/** The process "dies" at the first statement matching the trigger's condition (once), as in launch.test.ts. */
export async function killedOnce(db: Db, on: "INSERT" | "UPDATE", table: string, when: string, run: () => Promise<unknown>) {
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_kill_once_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'killed'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER test_kill_once_at BEFORE ${on} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION test_kill_once_at()`);
  try {
    await expect(run()).rejects.toThrow(/killed/);
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER test_kill_once_at ON ${table}`);
  }
}
