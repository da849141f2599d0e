import "server-only";
import { db } from "@/lib/db/client";
import { postLabel } from "../comments/comment-dto";
import type { TopicDto } from "./contracts";

const DAY = 86_400_000;
/** Examples shown per topic. */
const SAMPLES = 3;

/** The topic's most central examples with distinct wording (case, spacing and punctuation ignored), best first. */
export function distinctSamples(samples: TopicDto["samples"]): TopicDto["samples"] {
  const seen = new Set<string>();
  const out: TopicDto["samples"] = [];
  for (const s of samples) {
    const key = s.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    if (out.length === SAMPLES) break;
  }
  return out;
}

/** The latest run's topics for a period (24 h or 7 days): global ones by size, then each post's own (7 days). */
export async function getInboxTopics(opts: { organizationId: string; period: "24h" | "7d" }): Promise<{ period: "24h" | "7d"; windowStart: string | null; windowEnd: string | null; topics: TopicDto[]; postTopics: TopicDto[] }> {
  const latest = await db().topicCluster.findFirst({ where: { organizationId: opts.organizationId }, orderBy: { windowEnd: "desc" }, select: { windowEnd: true } });
  if (!latest) return { period: opts.period, windowStart: null, windowEnd: null, topics: [], postTopics: [] };
  const windowEnd = latest.windowEnd;
  const windowStart = new Date(windowEnd.getTime() - (opts.period === "24h" ? DAY : 7 * DAY));
  const rows = await db().topicCluster.findMany({
    where: { organizationId: opts.organizationId, windowEnd, OR: [{ scope: "GLOBAL", windowStart: { gte: new Date(windowStart.getTime() - 3600_000), lte: new Date(windowStart.getTime() + 3600_000) } }, ...(opts.period === "7d" ? [{ scope: "PUBLICATION" as const }] : [])] },
    orderBy: [{ size: "desc" }, { label: "asc" }],
    select: {
      id: true,
      scope: true,
      label: true,
      keywords: true,
      size: true,
      publication: { select: { id: true, contentPiece: { select: { title: true, body: true } } } },
      items: {
        orderBy: [{ score: "desc" }, { id: "asc" }],
        // Sandbox and real audiences repeat themselves: read more than shown, keep distinct texts.
        take: 30,
        select: { message: { select: { id: true, text: true, conversationId: true, conversation: { select: { platform: true } } } }, comment: { select: { id: true, text: true, platform: true } } },
      },
    },
  });
  const dto = (r: (typeof rows)[number]): TopicDto => ({
    id: r.id,
    label: r.label,
    keywords: r.keywords,
    size: r.size,
    publication: r.publication ? { id: r.publication.id, title: postLabel(r.publication.contentPiece) } : null,
    samples: distinctSamples(
      r.items.flatMap((i): TopicDto["samples"] => {
        if (i.message) return [{ kind: "message", id: i.message.id, text: i.message.text ?? "", platform: i.message.conversation.platform, conversationId: i.message.conversationId }];
        if (i.comment) return [{ kind: "comment", id: i.comment.id, text: i.comment.text, platform: i.comment.platform, conversationId: null }];
        return [];
      }),
    ),
  });
  return {
    period: opts.period,
    windowStart: windowStart.toISOString(),
    windowEnd: windowEnd.toISOString(),
    topics: rows.filter((r) => r.scope === "GLOBAL").map(dto),
    postTopics: rows.filter((r) => r.scope === "PUBLICATION").map(dto),
  };
}
