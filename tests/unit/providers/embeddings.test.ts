import { describe, expect, it } from "vitest";
import { cosine, hashEmbedding, OFFLINE_EMBEDDING_DIMENSIONS } from "@/lib/providers/ai/hashing-vectoriser";
import { offlineMediaProvider } from "@/lib/providers/ai/offline";

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe("offline embeddings (hashing vectoriser)", () => {
  it("same text -> same vector, fixed dimensions, unit length", () => {
    const a = hashEmbedding("Nos sacs en cuir sont cousus main à Dakar");
    expect(a).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
    expect(hashEmbedding("Nos sacs en cuir sont cousus main à Dakar")).toEqual(a);
    expect(norm(a)).toBeCloseTo(1, 10);
  });

  it("similar texts are closer than unrelated ones", () => {
    const base = hashEmbedding("Nos sacs en cuir sont cousus main par des artisans de Dakar");
    const similar = hashEmbedding("Sac en cuir cousu main, fabriqué par nos artisans à Dakar");
    const unrelated = hashEmbedding("Les résultats trimestriels de la campagne Google Ads sont en hausse");
    expect(cosine(base, similar)).toBeGreaterThan(0.3);
    expect(cosine(base, similar)).toBeGreaterThan(cosine(base, unrelated) + 0.25);
    const en1 = hashEmbedding("Weekly report: engagement on Instagram reels doubled");
    const en2 = hashEmbedding("Instagram reels engagement doubled this week");
    expect(cosine(en1, en2)).toBeGreaterThan(cosine(en1, base));
  });

  it("plural and singular of a word share its stem", () => {
    expect(cosine(hashEmbedding("Quelle taille ?"), hashEmbedding("Guide des tailles"))).toBeGreaterThan(0.15);
    expect(cosine(hashEmbedding("Ma commande"), hashEmbedding("Vos commandes"))).toBeGreaterThan(0.3);
  });

  it("ignores case and accents; empty text is the zero vector", () => {
    expect(hashEmbedding("Qualité ÉLEVÉE")).toEqual(hashEmbedding("qualite elevee"));
    expect(hashEmbedding("").every((x) => x === 0)).toBe(true);
    expect(cosine(hashEmbedding(""), hashEmbedding("cuir"))).toBe(0);
  });

  it("the provider returns one vector per text in order, with its model name", async () => {
    const r = await offlineMediaProvider.embed({ texts: ["cuir artisanal", "campagne google ads"], signal: new AbortController().signal, timeoutMs: 1000 });
    expect(r.model).toBe(`offline-hash-v2-${OFFLINE_EMBEDDING_DIMENSIONS}`);
    expect(r.vectors).toEqual([hashEmbedding("cuir artisanal"), hashEmbedding("campagne google ads")]);
    expect(r.dimensions).toBe(OFFLINE_EMBEDDING_DIMENSIONS);
  });
});
