import { sandboxComments } from "@/lib/connectors/sandbox/network";
import type { Prisma } from "@/lib/db/client";
import type { TriageAction } from "@/lib/db/generated/enums";
import { runTopicClustering } from "@/lib/inbox/topics/run-topic-clustering";
import { hashEmbedding } from "@/lib/providers/ai/hashing-vectoriser";
import { DAY, MINUTE, plus } from "./clock";
import { demoId, type DemoContext } from "./context";

/**
 * What the comment polling (inb-002) would have stored so far for the demo's posted publications: each
 * one becomes a post of the sandbox network (a `sandbox_records` row, so polling goes on from here on
 * `npm run dev` and new comments keep arriving), its comments up to now (at most day 7) are stored with
 * the cursor the poll leaves, and each gets the decision an owner-set rule would give (spam hidden,
 * complaints escalated, questions answered a few minutes later with our reply in the thread, the rest
 * ignored), so the 2-hour KPIs and the topic clustering have a week of material.
 */
export async function seedCommentHistory(ctx: DemoContext): Promise<void> {
  const { tx, clock, organizationId } = ctx;
  const now = clock.now;
  const posted = await tx.publication.findMany({
    where: { organizationId, status: "POSTED", platformPostId: { not: null }, platform: { in: ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "X"] } },
    select: { id: true, platform: true, platformPostId: true, postedAt: true, socialAccountId: true, socialAccount: { select: { name: true } }, contentPiece: { select: { body: true } } },
    orderBy: { id: "asc" },
  });
  const rows: Prisma.CommentCreateManyInput[] = [];
  const replies: Prisma.CommentCreateManyInput[] = [];
  for (const p of posted) {
    const postedAt = p.postedAt!;
    const postId = p.platformPostId!;
    await tx.sandboxRecord.create({
      data: {
        organizationId,
        accountId: p.socialAccountId,
        kind: "post",
        externalId: postId,
        createdAt: postedAt,
        data: { kind: "text", text: p.contentPiece.body.slice(0, 500), state: "published", publishedAt: postedAt.toISOString(), url: `https://sandbox.marketingengine.local/${p.platform.toLowerCase()}/${postId}`, mediaCount: 0 },
      },
    });
    const until = Math.min(now.getTime(), postedAt.getTime() + 7 * DAY);
    const comments = sandboxComments(postId, postedAt, until);
    for (const [i, c] of comments.entries()) {
      const decision = demoDecision(c.text);
      const id = demoId(`${organizationId}:comment-history:${c.id}`);
      const repliedAt = decision.status === "REPLIED" ? plus(c.createdAt, (2 + ((i * 7) % 11)) * MINUTE) : null;
      rows.push({
        id,
        organizationId,
        socialAccountId: p.socialAccountId,
        publicationId: p.id,
        platform: p.platform,
        externalId: c.id,
        externalPostId: postId,
        authorName: c.authorName,
        authorExternalId: c.authorId,
        text: c.text,
        status: decision.status,
        triage: decision.triage,
        hidden: decision.status === "HIDDEN",
        repliedAt,
        postedAt: c.createdAt,
        // Stored by the poll that found it (every 5 minutes).
        createdAt: plus(c.createdAt, (1 + (i % 5)) * MINUTE),
      });
      // The answer, in the thread under the question (what "Répondu" points at on the comments page).
      if (repliedAt)
        replies.push({
          id: demoId(`${organizationId}:comment-history-reply:${c.id}`),
          organizationId,
          socialAccountId: p.socialAccountId,
          publicationId: p.id,
          platform: p.platform,
          externalId: `${c.id}_reply`,
          externalPostId: postId,
          parentId: id,
          authorName: p.socialAccount.name,
          isOwn: true,
          text: demoReply(c.text),
          status: "REPLIED",
          postedAt: repliedAt,
          createdAt: repliedAt,
        });
    }
    await tx.publication.update({
      where: { id: p.id },
      data: { commentCursor: String(comments.length), lastCommentCheckAt: comments.length ? plus(now, -2 * MINUTE) : null, commentPollStopAt: plus(postedAt, 7 * DAY) },
    });
  }
  if (rows.length) await tx.comment.createMany({ data: rows });
  if (replies.length) await tx.comment.createMany({ data: replies });
}

/** The answer an automatic reply would give, from the brand's FAQ (seed-demo.ts), in the commenter's language. */
function demoReply(text: string): string {
  const t = text.toLowerCase();
  const english = /\b(the|you|do|is|how|can|where|when|what|any)\b/.test(t) && !/[éèàçù]/.test(t);
  if (/ship|livraison|délai|dakar/.test(t))
    return english
      ? "Thank you! We ship across the EU from Paris and to Senegal and Côte d'Ivoire from Dakar: 3 to 4 weeks for textiles."
      : "Merci ! Comptez 3 à 4 semaines pour des textiles, 6 à 10 semaines pour un projet complet ; nous livrons aussi au Sénégal et en Côte d'Ivoire.";
  if (/webinar|details|dimension|taille/.test(t))
    return english ? "Thank you! We have just sent you the details in a private message." : "Merci ! Nous venons de vous envoyer les détails en message privé.";
  return english
    ? "Thank you! Every project is quoted for free: atelier-sahel.example/devis or hello@atelier-sahel.example."
    : "Merci ! Chaque projet fait l'objet d'un devis gratuit : atelier-sahel.example/devis ou hello@atelier-sahel.example.";
}

/** The demo's stand-in for its triage rules (seed-inbox.ts): words people use, not a model. */
function demoDecision(text: string): { triage: TriageAction; status: "HIDDEN" | "ESCALATED" | "REPLIED" | "IGNORED" } {
  const t = text.toLowerCase();
  if (/followers|link in bio/.test(t)) return { triage: "IGNORE", status: "HIDDEN" };
  if (/retard|toujours pas|hasn't arrived|broke/.test(t)) return { triage: "ESCALATE", status: "ESCALATED" };
  if (/prix|devis|combien|dimension|taille|délai|cost|discount|ship|buy|webinar|details/.test(t)) return { triage: "AUTO_REPLY", status: "REPLIED" };
  return { triage: "IGNORE", status: "IGNORED" };
}

/**
 * The topics page's material: the daily clustering (INB-004) run over the demo's messages and comments
 * as it ran at the last 03:00 local, with the offline embeddings computed in place (no AI ledger rows).
 */
export async function seedInboxTopics(ctx: DemoContext): Promise<void> {
  const { clock, organizationId, tx } = ctx;
  const windowEnd = clock.hour >= 3 ? clock.at(0, 3) : clock.at(-1, 3);
  await runTopicClustering({ organizationId, now: windowEnd, client: tx, embedder: async (texts) => texts.map((t) => hashEmbedding(t)) });
}
