import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { BRAND_PROMPT_SELECT, brandBrief } from "@/lib/brands/brand-prompt";
import { generateObject } from "@/lib/providers/ai";

const revisionSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(5000),
  hashtags: z.array(z.string().min(1).max(60)).max(30),
  call_to_action: z.string().max(300),
});

/**
 * "Changes requested": regenerate the piece with the approver's note through generateObject, then
 * store it as revision + 1 (status REVIEW, a new approval request follows). Conditional on the
 * revision the note was written for, so a re-run after the update returns the stored revision.
 */
export async function reviseContentPiece(opts: { organizationId: string; contentPieceId: string; fromRevision: number; note: string; idempotencyKey?: string }): Promise<{ contentPieceId: string; revision: number; revised: boolean }> {
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: { id: true, revision: true, platform: true, format: true, language: true, title: true, body: true, hashtags: true, callToAction: true, generationContext: true, brand: { select: BRAND_PROMPT_SELECT } },
  });
  if (!piece) throw notFound("content");
  if (piece.revision > opts.fromRevision) return { contentPieceId: piece.id, revision: piece.revision, revised: false };
  const { object, model } = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-104-request-approval",
    operation: "revise-after-review",
    idempotencyKey: opts.idempotencyKey,
    locale: piece.language === "en" ? "en" : "fr",
    system: `You are the copywriter of the brand ${piece.brand.name}. Rewrite the post so that it follows the reviewer's note, keeping what the note does not ask to change.\n${brandBrief(piece.brand)}`,
    prompt: [`Platform: ${piece.platform ?? "any"}`, `Format: ${piece.format}`, `Language: ${piece.language}`, "Output JSON: { title, body, hashtags, call_to_action }."].join("\n"),
    schema: revisionSchema,
    data: { reviewer_note: opts.note, current_title: piece.title ?? "", current_body: piece.body, current_hashtags: piece.hashtags, current_call_to_action: piece.callToAction ?? "" },
  });
  const history = Array.isArray((piece.generationContext as { revisions?: unknown[] } | null)?.revisions) ? (piece.generationContext as { revisions: unknown[] }).revisions : [];
  const context = { ...((piece.generationContext as Record<string, unknown> | null) ?? {}), revisions: [...history, { revision: opts.fromRevision, note: opts.note, previousBody: piece.body, model }] };
  const moved = await db().contentPiece.updateMany({
    where: { id: piece.id, organizationId: opts.organizationId, revision: opts.fromRevision },
    data: {
      title: object.title,
      body: object.body,
      hashtags: object.hashtags.map((h) => h.replace(/^#+/, "")).filter(Boolean),
      callToAction: object.call_to_action || null,
      revision: opts.fromRevision + 1,
      status: "REVIEW",
      aiModel: model,
      generationContext: context as object,
    },
  });
  return { contentPieceId: piece.id, revision: opts.fromRevision + 1, revised: moved.count > 0 };
}
