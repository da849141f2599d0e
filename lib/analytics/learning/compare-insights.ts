/**
 * MKT-404's comparison of a run's insights with the earlier ones (pure, so a hand-made history tests
 * it). Each insight states a claim: a `subject` (what it is about, e.g. "network:instagram:engagement")
 * and a `direction` ("up" = better than the organisation's average, "down" = worse). The earlier insight
 * it speaks of is the one with the same subject; an earlier insight without a subject (written before,
 * or by people) is matched by its stored embedding instead (cosine similarity >= 0.8, same type, same
 * embedding model), and carries no direction (a match confirms it); then:
 * - confirmed: same subject, same direction;
 * - contradicted: same subject, opposite direction;
 * - new: no earlier insight about that subject.
 * Vectors are compared in code (no pgvector here): a few dozen insights per organisation.
 */
export type Direction = "up" | "down";
export type InsightClaim = { type: string; subject: string; direction: Direction; embedding: number[]; embeddingModel: string | null };
export type EarlierInsight = Omit<InsightClaim, "subject" | "direction"> & { id: string; subject: string | null; direction: Direction | null };
export type Comparison = { outcome: "confirmed"; earlierId: string; similarity: number } | { outcome: "contradicted"; earlierId: string; similarity: number } | { outcome: "new" };

export const SIMILARITY_THRESHOLD = 0.8;

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * A whole run at once: each earlier insight answers for one new insight at most (the closest: a same
 * subject first, then the highest similarity), so two new claims never both "confirm" one old one.
 */
export function compareInsights(candidates: readonly InsightClaim[], earlier: readonly EarlierInsight[]): Comparison[] {
  const pairs: { c: number; e: EarlierInsight; similarity: number; rank: number }[] = [];
  candidates.forEach((cand, c) => {
    for (const e of earlier) {
      if (e.type !== cand.type) continue;
      const similarity = e.embeddingModel === cand.embeddingModel ? cosine(cand.embedding, e.embedding) : 0;
      if (e.subject !== null ? e.subject !== cand.subject : similarity < SIMILARITY_THRESHOLD) continue;
      pairs.push({ c, e, similarity, rank: (e.subject !== null ? 2 : 0) + similarity });
    }
  });
  pairs.sort((a, b) => b.rank - a.rank || a.c - b.c || a.e.id.localeCompare(b.e.id));
  const out: Comparison[] = candidates.map(() => ({ outcome: "new" }));
  const usedC = new Set<number>();
  const usedE = new Set<string>();
  for (const p of pairs) {
    if (usedC.has(p.c) || usedE.has(p.e.id)) continue;
    usedC.add(p.c);
    usedE.add(p.e.id);
    const cand = candidates[p.c]!;
    out[p.c] = p.e.direction === null || p.e.direction === cand.direction ? { outcome: "confirmed", earlierId: p.e.id, similarity: p.similarity } : { outcome: "contradicted", earlierId: p.e.id, similarity: p.similarity };
  }
  return out;
}
