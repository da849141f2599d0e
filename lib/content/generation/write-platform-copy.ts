import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { generateObject, type Locale } from "@/lib/providers/ai";
import { readResearch, type ContentPlatform } from "@/lib/content/research/schemas";
import { PLATFORM_RULES, PUBLISHING_PLATFORMS, type PlatformRule } from "@/lib/content/platform-rules";
import { BRAND_PROMPT_SELECT, brandBrief } from "@/lib/brands/brand-prompt";
import { activeInsightsForPrompt } from "@/lib/analytics/learning/run-learning-loop";
import { checkPlatformConstraints, copySchemaFor, enforcePlatformConstraints, type PieceDraft, type RawCopy } from "./copy-rules";

export type WritePlatformCopyOptions = { organizationId: string; inputId: string; platform: ContentPlatform; aiKey?: string };
/** `insightIds`: the MKT-404 insights the prompt carried (recorded on the piece). */
export type PlatformCopy = { piece: PieceDraft; repairs: string[]; model: string; insightIds: string[] };

/** The model's answer still breaks the platform's rules after repair: nothing is written. */
export class PieceConstraintError extends AppError {
  readonly retryable = false;
  constructor(platform: ContentPlatform, violations: string[]) {
    super("upstream", "ai.constraints", { values: { platform, violations: violations.join("; ") } });
    this.name = "PieceConstraintError";
  }
}

/** The seed's "Contraintes plateforme" block, written from the one platform-rules table (never a second copy of the limits). */
function constraintLine(r: PlatformRule): string {
  const length =
    r.format === "VIDEO_SCRIPT"
      ? "script de 30-60 s, hook dans les 3 premières secondes"
      : r.text.maxBody < r.text.max
        ? `max ${r.text.maxBody} caractères pour le corps`
        : `max ${r.text.max} caractères${r.text.max <= 300 ? " hashtags compris" : ""}`;
  const tags = r.hashtags.allowed ? `${r.hashtags.min}-${r.hashtags.max} hashtags` : "pas de hashtags";
  return `- ${r.name}: ${length}, ton ${r.tone}, ${tags}`;
}

const CONSTRAINTS = ["Contraintes plateforme:", ...PUBLISHING_PLATFORMS.map((p) => constraintLine(PLATFORM_RULES[p])), "Inclus un CTA pertinent."].join("\n");

/** MKT-103, copy for one platform: the model's JSON (schema-checked, one repair turn), then the platform post-check. */
export async function writePlatformCopy(opts: WritePlatformCopyOptions): Promise<PlatformCopy> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { research: true, aiSummary: true, brand: { select: { ...BRAND_PROMPT_SELECT, language: true, defaultHashtags: true } } },
  });
  if (!input) throw notFound("contentInput");
  const research = readResearch(input.research);
  if (!research) throw new AppError("conflict", "content.noResearch");
  const b = input.brand;
  const rule = PLATFORM_RULES[opts.platform];
  const locale: Locale = b.language === "en" ? "en" : "fr";
  // MKT-404's active insights (our own analytics, not outsider text: they belong in `system`).
  const insights = await activeInsightsForPrompt({ organizationId: opts.organizationId });
  const learned = insights.length
    ? `\n\nEnseignements des 30 derniers jours (à appliquer):\n${insights.map((i) => `- ${i.description}${i.recommendedAction ? ` -> ${i.recommendedAction}` : ""} (confiance ${Math.round(i.confidence * 100)} %)`).join("\n")}`
    : "";
  const res = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-103-generate-content",
    operation: `copy:${opts.platform.toLowerCase()}`,
    idempotencyKey: opts.aiKey,
    schema: copySchemaFor(opts.platform),
    system: `Tu es un copywriter expert pour ${b.name}.\n${brandBrief(b)}\n\n${CONSTRAINTS}${learned}`,
    prompt: [
      `Génère un contenu ${rule.format === "VIDEO_SCRIPT" ? "script vidéo" : "post"} pour ${opts.platform}.`,
      `Plateforme: ${opts.platform.toLowerCase()}`,
      `Ton: ${rule.tone}`,
      `Sujet: ${research.topic}`,
      `Angle: ${research.angle}`,
      `Messages clés: ${research.key_messages.join(" | ")}`,
      `Hashtags suggérés: ${research.hashtag_suggestions.join(" ")}`,
      `Langue: ${locale}`,
    ].join("\n"),
    data: input.aiSummary ? { input_summary: input.aiSummary } : undefined,
    locale,
    maxTokens: 3000,
  });
  // Hashtags to pad with when the answer has too few distinct ones: research, brand, then keywords of the copy.
  const copy = res.object as RawCopy;
  const words = (t: string) => t.split(/[\s'’-]+/).filter((w) => w.replace(/[^\p{L}\p{N}]/gu, "").length >= 5);
  const fallback = [...research.hashtag_suggestions, ...b.defaultHashtags, ...words(research.topic), ...words(research.angle), ...research.key_messages.flatMap(words), ...words(copy.title), ...words("body" in copy ? copy.body : copy.segments.map((s) => s.text).join(" "))];
  const { piece, repairs } = enforcePlatformConstraints(opts.platform, copy, fallback, locale);
  const violations = checkPlatformConstraints(piece);
  if (violations.length > 0) throw new PieceConstraintError(opts.platform, violations);
  return { piece, repairs, model: res.model, insightIds: insights.map((i) => i.id) };
}
