import { contentWords, fnv1a } from "./text-tools";

/**
 * Offline embeddings: the hashing trick over a bag of words. Each feature (word, its light stem, pair of
 * neighbouring words) is hashed to one of DIMENSIONS slots with a hashed sign, weighted by 1 + ln(count),
 * and the vector is L2-normalised, so cosine similarity = dot product. The stem (plural -s/-x/-es cut,
 * first 5 letters) makes "taille" and "tailles", "commande" and "commandes", "livraison" and "livrer"
 * share a feature, which is what lets short inbox messages about one subject gather (topic clustering,
 * lib/inbox/topics). Texts sharing words land close; unrelated texts are near orthogonal. Deterministic
 * across processes and machines. v2 = the stem feature (v1 had a 6-letter prefix of long words only).
 */
export const OFFLINE_EMBEDDING_DIMENSIONS = 512;
export const OFFLINE_EMBEDDING_MODEL = `offline-hash-v2-${OFFLINE_EMBEDDING_DIMENSIONS}`;

/** Plural cut, then the first 5 letters (folded words: "tailles" -> "taill", "livraison" -> "livra"). */
export const lightStem = (w: string): string => w.replace(/(es|s|x)$/, "").slice(0, 5);

export function hashEmbedding(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const features = new Map<string, number>();
  const add = (f: string, w: number) => features.set(f, (features.get(f) ?? 0) + w);
  const ws = contentWords(text);
  ws.forEach((w, i) => {
    add(`w:${w}`, 1);
    if (w.length >= 4) add(`s:${lightStem(w)}`, 1);
    if (i > 0) add(`b:${ws[i - 1]}_${w}`, 0.5);
  });
  const v = new Array<number>(dimensions).fill(0);
  for (const [f, weight] of features) {
    const h = fnv1a(f);
    const sign = fnv1a(f, 0x9e3779b9) & 1 ? 1 : -1;
    v[h % dimensions]! += sign * (weight >= 1 ? 1 + Math.log(weight) : weight);
  }
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
