import { describe, expect, it } from "vitest";
import { clusterTexts } from "@/lib/inbox/topics/cluster-texts";
import { hashEmbedding } from "@/lib/providers/ai/hashing-vectoriser";

/**
 * Done-when of issue 15: messages about 3 clear subjects give those 3 topics, with the offline
 * embeddings (bag-of-words hashing with light stems): deliveries, prices and quotes, sizes; small talk
 * and a message that mentions two subjects do not make topics of their own.
 */
const FIXTURE: Record<string, string[]> = {
  delivery: [
    "Ma commande n'est toujours pas livrée, livraison en retard",
    "Livraison en retard depuis une semaine, où est ma commande ?",
    "Colis pas encore reçu, la livraison est très lente",
    "Quand arrive ma commande ? Le suivi de livraison ne bouge plus",
    "Retard de livraison encore une fois, commande passée il y a 10 jours",
    "Mon colis est bloqué, livraison annoncée hier",
    "Toujours pas de livraison pour ma commande #4411",
    "Le livreur n'est jamais passé, colis introuvable",
  ],
  price: [
    "Quel est le prix du sac en wax ? Un devis possible ?",
    "C'est combien le prix de la robe ?",
    "Prix trop cher pour moi, une promo bientôt ?",
    "Vous avez un code promo ? Le prix a augmenté",
    "Le prix en FCFA s'il vous plaît",
    "Une réduction sur le prix pour les étudiants ?",
    "Promo du week-end : quel prix final ?",
    "Je voudrais un devis, quel prix pour dix sacs ?",
  ],
  size: [
    "Quelle taille choisir, je fais du 38 ?",
    "La robe taille petit, il faut prendre une taille au-dessus ?",
    "Vous avez la taille XL en stock ?",
    "Guide des tailles disponible ? Je ne sais pas quelle taille",
    "Taille M trop petite, je peux échanger pour une taille L ?",
    "Les tailles correspondent aux tailles européennes ?",
    "Je cherche la taille 42 en bleu",
    "Taille unique ou plusieurs tailles pour ce modèle ?",
  ],
  noise: ["Magnifique 😍", "Bravo à toute l'équipe", "Je vous suis depuis Dakar !", "🔥🔥🔥", "Combien coûte la livraison pour deux sacs ?"],
};

const items = Object.entries(FIXTURE).flatMap(([topic, texts]) => texts.map((text, i) => ({ id: `${topic}-${i}`, text, topic })));

describe("topic clustering (density-based, offline embeddings)", () => {
  const clusters = clusterTexts(
    items,
    items.map((i) => hashEmbedding(i.text)),
  );

  it("finds the 3 subjects, one cluster each", () => {
    expect(clusters).toHaveLength(3);
    const topicsOf = clusters.map((c) => new Set(c.members.map((m) => m.id.split("-")[0])));
    // Each cluster is (almost) one subject, and each subject is one cluster.
    for (const c of clusters) {
      const counts = new Map<string, number>();
      for (const m of c.members) counts.set(m.id.split("-")[0]!, (counts.get(m.id.split("-")[0]!) ?? 0) + 1);
      const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      expect(top).not.toBe("noise");
      expect(n / c.members.length).toBeGreaterThanOrEqual(0.8);
    }
    expect(new Set(clusters.map((c, i) => [...topicsOf[i]!].find((t) => t !== "noise")))).toEqual(new Set(["delivery", "price", "size"]));
    for (const topic of ["delivery", "price", "size"]) {
      const found = clusters.find((c) => c.members.filter((m) => m.id.startsWith(topic)).length > c.members.length / 2)!;
      expect(found.members.filter((m) => m.id.startsWith(topic)).length).toBeGreaterThanOrEqual(6);
    }
  });

  it("labels each topic with its TF-IDF terms", () => {
    const labels = clusters.map((c) => c.keywords.join(" "));
    expect(labels.some((l) => /livraison|commande/.test(l))).toBe(true);
    expect(labels.some((l) => /prix/.test(l))).toBe(true);
    expect(labels.some((l) => /taille/.test(l))).toBe(true);
    for (const c of clusters) expect(c.label.split(" · ").length).toBeGreaterThanOrEqual(1);
  });

  it("is deterministic and needs enough texts", () => {
    expect(clusterTexts(items, items.map((i) => hashEmbedding(i.text)))).toEqual(clusters);
    expect(clusterTexts(items.slice(0, 2), items.slice(0, 2).map((i) => hashEmbedding(i.text)))).toEqual([]);
  });
});
