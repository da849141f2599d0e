import { DBSCAN } from "density-clustering";
import { lightStem } from "@/lib/providers/ai/hashing-vectoriser";
import { contentWords, fold } from "@/lib/providers/ai/text-tools";

/**
 * Topic clustering of short texts (seed 003 feature 3.1), pure: embeddings in, clusters out.
 * Density-based: DBSCAN (`density-clustering`) on cosine distance, from a loose radius to tighter ones:
 * a cluster that splits into two or more dense groups at the next radius is replaced by them (the points
 * left between them join the closest group when close enough), which keeps unrelated subjects that a
 * single "bridge" message links apart, the way HDBSCAN's hierarchy does. Points in no dense group are
 * noise (not a topic). Labels are each cluster's TF-IDF terms against the whole run.
 */
export type TopicText = { id: string; text: string };
export type TopicClusterDraft = { label: string; keywords: string[]; centroid: number[]; members: { id: string; score: number }[] };

/** Cosine distance radii, loose to tight (cosine similarity 0.25 … 0.5). */
const RADII = [0.75, 0.65, 0.55, 0.5];
/** Child clusters whose centres are this alike stay one topic. */
const SAME_SUBJECT = 0.3;
/** Question words that say nothing of a subject (labels only). */
const LABEL_STOP = new Set(["quel", "quelle", "quels", "quelles", "avez", "peux", "faut", "est", "sont", "what", "when", "where"]);

const dot = (a: number[], b: number[]) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const normalise = (v: number[]) => {
  const n = Math.hypot(...v);
  return n === 0 ? v : v.map((x) => x / n);
};
const distance = (a: number[], b: number[]) => 1 - dot(a, b);

function centroidOf(vectors: number[][], idx: number[]): number[] {
  const c = new Array<number>(vectors[0]!.length).fill(0);
  for (const i of idx) for (let d = 0; d < c.length; d++) c[d]! += vectors[i]![d]!;
  return normalise(c);
}

function dbscan(vectors: number[][], idx: number[], radius: number, minPts: number): number[][] {
  const found = new DBSCAN().run(
    idx.map((i) => vectors[i]!),
    radius,
    minPts,
    distance,
  );
  return found.map((c) => c.map((k) => idx[k]!));
}

function refine(vectors: number[][], idx: number[], level: number, minSize: number): number[][] {
  for (let l = level + 1; l < RADII.length; l++) {
    const parts = dbscan(vectors, idx, RADII[l]!, minSize).filter((p) => p.length >= minSize);
    if (parts.length < 2) continue;
    const children = parts.flatMap((p) => refine(vectors, p, l, minSize));
    const centroids = children.map((c) => centroidOf(vectors, c));
    // Two shades of one subject (their centres still alike) are not two topics: keep the parent.
    if (centroids.some((a, i) => centroids.some((b, j) => j > i && dot(a, b) >= SAME_SUBJECT))) return [idx];
    const placed = new Set(children.flat());
    for (const i of idx) {
      if (placed.has(i)) continue;
      const sims = centroids.map((c) => dot(vectors[i]!, c));
      const best = sims.indexOf(Math.max(...sims));
      if (sims[best]! >= 1 - RADII[level]!) children[best]!.push(i);
    }
    return children;
  }
  return [idx];
}

/** Terms of a text as TF-IDF counts them: content words, accents folded (their first spelling kept for display). */
function termsOf(text: string, spelling: Map<string, string>): Set<string> {
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
    const key = fold(raw);
    if (key && !spelling.has(key)) spelling.set(key, raw.toLowerCase());
  }
  return new Set(contentWords(text));
}

/**
 * Clusters of `texts` (same order as `vectors`): each with at least `minSize` members, sorted by size,
 * labelled by its top TF-IDF terms (term frequency in the cluster x log(N / document frequency)).
 */
export function clusterTexts(texts: TopicText[], vectors: number[][], opts: { minSize?: number; maxKeywords?: number } = {}): TopicClusterDraft[] {
  const minSize = opts.minSize ?? 3;
  const unit = vectors.map(normalise);
  const usable = unit.flatMap((v, i) => (v.some((x) => x !== 0) ? [i] : []));
  if (usable.length < minSize) return [];
  const groups = dbscan(unit, usable, RADII[0]!, minSize)
    .filter((g) => g.length >= minSize)
    .flatMap((g) => refine(unit, g, 0, minSize));
  const spelling = new Map<string, string>();
  const terms = texts.map((t) => termsOf(t.text, spelling));
  const df = new Map<string, number>();
  for (const ts of terms) for (const w of ts) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return groups
    .filter((g) => g.length >= minSize)
    .map((g) => {
      const centroid = centroidOf(unit, g);
      const tf = new Map<string, number>();
      for (const i of g) for (const w of terms[i]!) tf.set(w, (tf.get(w) ?? 0) + 1);
      const keywords = [...tf.entries()]
        .filter(([, c]) => c >= 2 || g.length < 4)
        .map(([w, c]) => ({ w, score: c * Math.log((n + 1) / df.get(w)!) }))
        .filter((k) => !LABEL_STOP.has(k.w))
        .sort((a, b) => b.score - a.score || a.w.localeCompare(b.w))
        .filter((k, i, all) => all.findIndex((o) => lightStem(o.w) === lightStem(k.w)) === i)
        .slice(0, opts.maxKeywords ?? 4)
        .map((k) => spelling.get(k.w) ?? k.w);
      const members = g.map((i) => ({ id: texts[i]!.id, score: Math.round(dot(unit[i]!, centroid) * 1000) / 1000 })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      return { label: keywords.slice(0, 3).join(" · "), keywords, centroid: centroid.map((x) => Math.round(x * 1e6) / 1e6), members };
    })
    .sort((a, b) => b.members.length - a.members.length || a.label.localeCompare(b.label));
}
