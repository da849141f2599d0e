import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { CONTENT_PLATFORMS, readResearch, type ContentPlatform } from "@/lib/content/research/schemas";

export type PlanGenerationOptions = { organizationId: string; inputId: string; platforms?: ContentPlatform[] };
export type GenerationPlan = { inputId: string; brandId: string; platforms: ContentPlatform[]; existingPieceIds: string[] };

/**
 * MKT-103 targets: the platforms asked for, else the research's platforms restricted to the
 * brand's active connected accounts when it has some (else the research's platforms as they are).
 * `existingPieceIds` non-empty = this input was already generated (one generation per input).
 */
export async function planGeneration(opts: PlanGenerationOptions): Promise<GenerationPlan> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { id: true, brandId: true, status: true, research: true, pieces: { where: { parentId: null }, select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!input) throw notFound("contentInput");
  const research = readResearch(input.research);
  if (!research) throw new AppError("conflict", "content.noResearch");
  let platforms = opts.platforms ?? research.platforms;
  if (!opts.platforms) {
    const accounts = await db().socialAccount.findMany({
      where: { organizationId: opts.organizationId, status: "ACTIVE", platform: { in: [...CONTENT_PLATFORMS] }, OR: [{ brandId: input.brandId }, { brandId: null }] },
      select: { platform: true },
    });
    const connected = new Set(accounts.map((a) => a.platform));
    const both = platforms.filter((p) => connected.has(p));
    if (both.length > 0) platforms = both;
  }
  platforms = CONTENT_PLATFORMS.filter((p) => platforms.includes(p));
  if (platforms.length === 0) throw new AppError("validation", "content.platformsRequired", { field: "platforms" });
  return { inputId: input.id, brandId: input.brandId, platforms, existingPieceIds: input.pieces.map((p) => p.id) };
}
