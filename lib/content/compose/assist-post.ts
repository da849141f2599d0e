import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { normaliseHashtag, rulesFor, truncateText } from "@/lib/content/platform-rules";
import { generateObject } from "@/lib/providers/ai";
import type { ComposerAssistInput } from "./schemas";

const answerSchema = z.object({
  text: z.string().max(20_000).describe("the post text, without hashtags"),
  hashtags: z.array(z.string().max(60)).max(10).describe("hashtags without #, on the post's own topic"),
});

const TASK: Record<ComposerAssistInput["action"], { fr: string; en: string }> = {
  rewrite: { fr: "Réécris ce post pour qu'il soit plus clair et plus engageant, même sens, même langue.", en: "Rewrite this post to be clearer and more engaging, same meaning, same language." },
  shorten: { fr: "Raccourcis ce post en gardant l'essentiel, même langue.", en: "Shorten this post, keeping what matters, same language." },
  hashtags: { fr: "Propose des hashtags sur le sujet de ce post.", en: "Suggest hashtags on this post's topic." },
};

/** The draft's first whole sentences within `limit` (else its words, cut with "…"). */
function firstSentences(text: string, limit: number): string {
  let out = "";
  for (const s of text.match(/[^.!?…]+[.!?…]+["»”)]*\s*|[^.!?…]+$/gu) ?? []) {
    if ((out + s).trim().length > limit) break;
    out += s;
  }
  return out.trim() || truncateText(text, limit);
}

/**
 * The composer's AI assist, through the AI gateway (credits, ledger; the offline provider by default):
 * rewrite, shorten or suggest hashtags for the person's draft, in the organisation's language, within
 * the network's limit when one is given. Nothing is saved: the person decides what to keep. The draft
 * is outsider text to the model (sent as data, never as instructions).
 */
export async function assistPost(o: { organizationId: string; input: ComposerAssistInput }): Promise<{ text: string; hashtags: string[] }> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: o.organizationId }, select: { locale: true, brands: { orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }], take: 1, select: { name: true, voice: true } } } });
  const locale = org.locale === "en" ? "en" : "fr";
  const draft = o.input.text.trim();
  const rule = o.input.platform ? rulesFor(o.input.platform) : null;
  const limit = o.input.action === "shorten" ? Math.max(40, Math.min(rule?.text.max ?? Number.POSITIVE_INFINITY, Math.round(draft.length * 0.6))) : (rule?.text.max ?? 20_000);
  const brand = org.brands[0];
  const res = await generateObject({
    organizationId: o.organizationId,
    agent: "composer-assist",
    operation: `assist:${o.input.action}`,
    schema: answerSchema,
    system: `${locale === "fr" ? "Tu aides une équipe marketing à écrire ses posts" : "You help a marketing team write its posts"}${brand ? ` (${brand.name}${brand.voice ? `, ${brand.voice}` : ""})` : ""}.`,
    prompt: [TASK[o.input.action][locale], rule ? `${rule.name}: ${rule.tone}` : "", `${locale === "fr" ? "Longueur maximale" : "Maximum length"}: ${limit}`].filter(Boolean).join("\n"),
    data: { draft },
    locale,
    maxTokens: 1500,
  });
  const hashtags = [...new Set(res.object.hashtags.map(normaliseHashtag).filter((h): h is string => !!h))].slice(0, rule ? Math.max(rule.hashtags.max, 1) : 5);
  if (o.input.action === "hashtags") return { text: draft, hashtags };
  const written = res.object.text.trim() || draft;
  // The limit is a promise to the person: a longer answer is cut at a word boundary.
  const text = o.input.action === "shorten" && written.length >= draft.length ? firstSentences(draft, limit) : truncateText(written, limit);
  return { text, hashtags };
}
