import type { Prisma } from "@/lib/db/client";

/**
 * The brand's settings as the instructions of every generation prompt (MKT-103 copy, MKT-106
 * adaptation, revision after review, MKT-109 signal explanations): voice, audience, editorial and
 * visual guidelines, products, and the competitors never to name. Our own settings, so they go in
 * `system` (never outsider text); editing them in settings > brands changes the next prompt.
 */
export const BRAND_PROMPT_SELECT = {
  name: true,
  voice: true,
  targetAudience: true,
  contentGuidelines: true,
  visualGuidelines: true,
  products: { where: { isActive: true }, orderBy: { createdAt: "asc" }, take: 10, select: { name: true, description: true } },
  competitors: { where: { isActive: true }, orderBy: { createdAt: "asc" }, take: 10, select: { name: true } },
} satisfies Prisma.BrandSelect;
export type BrandForPrompt = Prisma.BrandGetPayload<{ select: typeof BRAND_PROMPT_SELECT }>;

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function brandBrief(b: BrandForPrompt): string {
  return [
    `Brand: ${b.name}`,
    `Brand voice: ${oneLine(b.voice)}`,
    `Target audience: ${oneLine(b.targetAudience)}`,
    `Editorial guidelines: ${oneLine(b.contentGuidelines)}`,
    b.visualGuidelines ? `Visual guidelines: ${oneLine(b.visualGuidelines)}` : "",
    b.products.length ? `Products and offers: ${b.products.map((p) => (p.description ? `${p.name} (${oneLine(p.description).slice(0, 160)})` : p.name)).join("; ")}` : "",
    b.competitors.length ? `Competitors (never name them in the copy): ${b.competitors.map((c) => c.name).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
