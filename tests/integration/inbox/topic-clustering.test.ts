import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getInboxTopics } from "@/lib/inbox/topics/get-topics";
import { claimTopicClustering, runTopicClustering } from "@/lib/inbox/topics/run-topic-clustering";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createPostedPublication, createTenant, type Tenant } from "../analytics/fixtures";

/** INB-004 over real rows, through the AI gateway's offline embeddings: 3 subjects -> 3 topics, per-post topics from 20 comments, re-runs replace. */
let t: TestDatabase;
let a: Tenant;
let b: Tenant;
const NOW = new Date("2026-06-10T01:00:00Z"); // 03:00 in Paris (summer time)
const DELIVERY = ["Ma commande n'est toujours pas livrée, livraison en retard", "Livraison en retard depuis une semaine, où est ma commande ?", "Quand arrive ma commande ? Le suivi de livraison ne bouge plus", "Toujours pas de livraison pour ma commande #4411", "Retard de livraison, commande passée il y a 10 jours"];
const PRICE = ["Quel est le prix du sac en wax ? Un devis ?", "C'est combien le prix de la robe ?", "Le prix en FCFA s'il vous plaît", "Une réduction sur le prix pour les étudiants ?", "Je voudrais un devis, quel prix pour dix sacs ?"];
const SIZE = ["Quelle taille choisir, je fais du 38 ?", "Vous avez la taille XL en stock ?", "Guide des tailles disponible ? Je ne sais pas quelle taille", "Taille M trop petite, une taille L ?", "Je cherche la taille 42 en bleu"];

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenant(t.db, "topics-a", { platform: "INSTAGRAM" });
  b = await createTenant(t.db, "topics-b", { platform: "INSTAGRAM" });
  const conv = await t.db.conversation.create({ data: { organizationId: a.orgId, socialAccountId: a.accountId, platform: "INSTAGRAM", externalId: "th", contactExternalId: "c1" } });
  const texts = [...DELIVERY, ...PRICE, ...SIZE];
  for (const [i, text] of texts.entries())
    await t.db.conversationMessage.create({ data: { organizationId: a.orgId, conversationId: conv.id, socialAccountId: a.accountId, direction: "INBOUND", author: "CONTACT", text, sentAt: new Date(NOW.getTime() - (2 + i) * 3600_000) } });
  // A post with 24 comments about two of the subjects: it gets its own topics.
  const pub = await createPostedPublication(t.db, a, "sbx_post_topics", { ageHours: 72 });
  const comments = [...DELIVERY, ...PRICE, ...DELIVERY, ...PRICE, ...DELIVERY.slice(0, 4)];
  for (const [i, text] of comments.entries())
    await t.db.comment.create({
      data: { organizationId: a.orgId, socialAccountId: a.accountId, publicationId: pub.publicationId, platform: "INSTAGRAM", externalId: `c${i}`, externalPostId: "sbx_post_topics", text, postedAt: new Date(NOW.getTime() - (30 + i) * 3600_000) },
    });
});
afterAll(async () => t?.cleanup());

describe("topic clustering (INB-004)", () => {
  it("finds the three subjects of the week, and a post's own topics from 20 comments", async () => {
    const counts = await runTopicClustering({ organizationId: a.orgId, now: NOW });
    expect(counts.global7d).toBe(3);
    expect(counts.perPost).toBe(2);
    const week = await getInboxTopics({ organizationId: a.orgId, period: "7d" });
    expect(week.topics).toHaveLength(3);
    const words = week.topics.map((x) => x.keywords.join(" "));
    expect(words.some((w) => /livraison|commande/.test(w))).toBe(true);
    expect(words.some((w) => /prix|devis/.test(w))).toBe(true);
    expect(words.some((w) => /taille/.test(w))).toBe(true);
    expect(week.topics.every((x) => x.samples.length > 0 && x.size >= 3)).toBe(true);
    expect(week.postTopics.every((x) => x.publication?.id)).toBe(true);
    // The fixture says each thing twice or three times: a topic shows up to 3 distinct examples, never one sentence repeated.
    for (const x of [...week.topics, ...week.postTopics]) {
      expect(x.samples.length).toBeLessThanOrEqual(3);
      expect(new Set(x.samples.map((s) => s.text)).size, x.label).toBe(x.samples.length);
    }
    expect(week.topics.some((x) => x.samples.length > 1)).toBe(true);
    // 24 hours: only the messages of the last day (the sizes and some prices).
    const day = await getInboxTopics({ organizationId: a.orgId, period: "24h" });
    expect(day.topics.length).toBeGreaterThanOrEqual(1);
    expect(day.postTopics).toEqual([]);
    // The embeddings went through the AI gateway (one ledger row for the run).
    expect(await t.db.aiUsageEntry.count({ where: { organizationId: a.orgId } })).toBeGreaterThan(0);
  });

  it("a re-run for the same 03:00 replaces the set; another organisation sees nothing", async () => {
    const before = await t.db.topicCluster.count({ where: { organizationId: a.orgId } });
    await runTopicClustering({ organizationId: a.orgId, now: NOW });
    expect(await t.db.topicCluster.count({ where: { organizationId: a.orgId } })).toBe(before);
    expect((await getInboxTopics({ organizationId: b.orgId, period: "7d" })).topics).toEqual([]);
  });

  it("claims each organisation once per local date, from 03:00 local", async () => {
    await t.db.organization.updateMany({ where: { id: { in: [a.orgId, b.orgId] } }, data: { timezone: "Europe/Paris" } });
    expect(await claimTopicClustering({ runKey: "tick-1:claim-organizations", now: new Date("2026-06-10T00:30:00Z") })).toEqual([]); // 02:30 local
    const due = await claimTopicClustering({ runKey: "tick-2:claim-organizations", now: NOW });
    expect(due.map((d) => d.organizationId).sort()).toEqual([a.orgId, b.orgId].sort());
    expect(due.every((d) => d.localDate === "2026-06-10" && d.windowEnd === NOW.toISOString())).toBe(true);
    expect(await claimTopicClustering({ runKey: "tick-3:claim-organizations", now: new Date(NOW.getTime() + 15 * 60_000) })).toEqual([]);
  });
});
