import { createHash } from "node:crypto";
import type { NormalisedMetrics, RemoteComment } from "../types";

/**
 * The simulated networks' physics: pure functions of (id, time), so sandbox data is the same on
 * every run and grows as time passes. About one post in five is a "winner" with ~4x the reach.
 */
export function unit(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 0x1_0000_0000;
}

export const isWinner = (postId: string) => unit(`win:${postId}`) < 0.2;

/** Saturating growth: ~63% of the lifetime total after 24 h, ~95% after 3 days. */
const growth = (ageHours: number) => (ageHours <= 0 ? 0 : 1 - Math.exp(-ageHours / 24));

export function sandboxMetrics(postId: string, publishedAt: Date, now: number, kind: string): NormalisedMetrics {
  const g = growth((now - publishedAt.getTime()) / 3600_000);
  const base = 800 + Math.floor(unit(`base:${postId}`) * 2200);
  const lifetime = base * (isWinner(postId) ? 4 + unit(`mult:${postId}`) * 2 : 1);
  const impressions = Math.floor(lifetime * g);
  const rate = (name: string, lo: number, hi: number) => Math.floor(impressions * (lo + unit(`${name}:${postId}`) * (hi - lo)) * (isWinner(postId) ? 1.8 : 1));
  const video = kind === "video" || kind === "reel";
  return {
    impressions,
    reach: Math.floor(impressions * 0.72),
    likes: rate("likes", 0.02, 0.05),
    comments: commentCount(postId, publishedAt, now),
    shares: rate("shares", 0.002, 0.01),
    saves: rate("saves", 0.001, 0.008),
    clicks: rate("clicks", 0.005, 0.02),
    videoViews: video ? Math.floor(impressions * 0.6) : null,
  };
}

/**
 * What people write under the sandbox's posts: a few recurring subjects in French and English
 * (delivery delays, prices and quotes, sizes, compliments, spam) so that the inbox, its triage and the
 * daily topic clustering (lib/inbox/topics) have something real-looking to work on.
 */
const COMMENTS = [
  "Love this! 😍",
  "How much does it cost?",
  "Do you ship to Belgium?",
  "Great post, thanks for sharing",
  "Where can I buy this?",
  "This is exactly what I needed",
  "Can you DM me the details?",
  "Not convinced, the last one broke after a week",
  "Is there a discount code?",
  "Super intéressant, merci !",
  "When is the next webinar?",
  "My order still hasn't arrived, order #4411",
  "🔥🔥🔥",
  "Tagging @sam, look at this",
  "Ma commande n'est toujours pas livrée, la livraison a du retard",
  "Livraison en retard depuis une semaine, où en est ma commande ?",
  "Quel délai de livraison pour Dakar ? Ma commande date de 10 jours",
  "Quel est le prix pour un salon complet ? Vous faites des devis ?",
  "Le prix m'intéresse, un devis gratuit est possible ?",
  "Combien pour un devis d'hôtel, prix par chambre ?",
  "Quelles dimensions pour le tapis ? Existe-t-il une taille plus grande ?",
  "La taille du coussin convient pour un canapé d'angle ? Quelles dimensions ?",
  "Magnifique travail, bravo à l'équipe !",
  "Bravo, magnifique savoir-faire artisanal",
  "Boost your followers 🚀 link in bio",
];

const AUTHORS = ["lea.martin", "tom_b", "nora.k", "max.dupont", "ines_r", "alex.w", "chloe.p", "sam.t"];

/** One comment every ~45-90 minutes, a burst for winners, capped per post. */
export function commentCount(postId: string, publishedAt: Date, now: number): number {
  const ageMin = (now - publishedAt.getTime()) / 60_000;
  if (ageMin < 5) return 0;
  const every = (isWinner(postId) ? 20 : 45) + unit(`every:${postId}`) * 45;
  return Math.min(isWinner(postId) ? 60 : 15, Math.floor((ageMin - 5) / every) + 1);
}

export function sandboxComments(postId: string, publishedAt: Date, now: number): RemoteComment[] {
  const n = commentCount(postId, publishedAt, now);
  const every = (isWinner(postId) ? 20 : 45) + unit(`every:${postId}`) * 45;
  return Array.from({ length: n }, (_, i) => ({
    id: `${postId}_c${i + 1}`,
    postId,
    parentId: null,
    authorId: `sbx_user_${Math.floor(unit(`a:${postId}:${i}`) * AUTHORS.length)}`,
    authorName: AUTHORS[Math.floor(unit(`a:${postId}:${i}`) * AUTHORS.length)],
    text: COMMENTS[Math.floor(unit(`t:${postId}:${i}`) * COMMENTS.length)],
    createdAt: new Date(publishedAt.getTime() + (5 + i * every) * 60_000),
  }));
}

const DMS = [
  "Hi! Are you open on Sundays?",
  "Bonjour, je voudrais un devis",
  "Can I change my delivery address?",
  "Do you have this in blue?",
  "STOP",
  "Thanks for the quick answer!",
];

/** Incoming DMs: one every ~3 hours per account, from a small cast of contacts. */
export function sandboxMessages(accountId: string, since: number, now: number) {
  const period = 3 * 3600_000;
  const out: { id: string; from: string; fromName: string; text: string; at: Date }[] = [];
  for (let slot = Math.floor(since / period) + 1; slot * period <= now; slot++) {
    const k = `${accountId}:${slot}`;
    const who = Math.floor(unit(`dm-who:${k}`) * AUTHORS.length);
    out.push({
      id: `sbx_dm_${slot}_${accountId.slice(-6)}`,
      from: `3361234${String(1000 + who).slice(-4)}`,
      fromName: AUTHORS[who],
      text: DMS[Math.floor(unit(`dm:${k}`) * DMS.length)],
      at: new Date(slot * period),
    });
    if (out.length >= 50) break;
  }
  return out;
}

const FIRST = ["Léa", "Tom", "Nora", "Max", "Inès", "Alex", "Chloé", "Sam"];
const LAST = ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Simon"];

/** Lead-ad leads: one every ~2 hours per ad account. */
export function sandboxLeads(accountId: string, since: number, now: number) {
  const period = 2 * 3600_000;
  const out: { id: string; formId: string; adId: string | null; createdAt: Date; fields: Record<string, string> }[] = [];
  for (let slot = Math.floor(since / period) + 1; slot * period <= now && out.length < 100; slot++) {
    const k = `${accountId}:${slot}`;
    const first = FIRST[Math.floor(unit(`lf:${k}`) * FIRST.length)];
    const last = LAST[Math.floor(unit(`ll:${k}`) * LAST.length)];
    out.push({
      id: `sbx_lead_${slot}_${accountId.slice(-6)}`,
      formId: "sbx_form_1",
      adId: null,
      createdAt: new Date(slot * period),
      fields: {
        full_name: `${first} ${last}`,
        email: `${first}.${last}.${slot % 1000}@example.com`
          .toLowerCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, ""),
        phone_number: `+3361${String(Math.floor(unit(`lp:${k}`) * 1e7)).padStart(7, "0")}`,
      },
    });
  }
  return out;
}

/** Daily ad delivery for an object: spend follows the budget, CTR and conversion vary per object. */
export function sandboxAdDay(objectId: string, date: string, dailyBudgetMinor: number, active: boolean) {
  if (!active) return { impressions: 0, clicks: 0, spendMinor: 0, conversions: 0, leads: 0, reach: 0 };
  const k = `${objectId}:${date}`;
  const spendMinor = Math.floor(dailyBudgetMinor * (0.85 + unit(`sp:${k}`) * 0.15));
  const cpm = 400 + unit(`cpm:${objectId}`) * 800; // minor units per 1000 impressions
  const impressions = Math.floor((spendMinor / cpm) * 1000);
  const clicks = Math.floor(impressions * (0.006 + unit(`ctr:${objectId}`) * 0.02));
  const conversions = Math.floor(clicks * (0.02 + unit(`cvr:${objectId}`) * 0.08));
  return { impressions, clicks, spendMinor, conversions, leads: conversions, reach: Math.floor(impressions * 0.8) };
}
