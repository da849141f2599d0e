import { z } from "zod";
import { schedulableTime } from "@/lib/publishing/schemas";
import { FIRST_COMMENT_MAX } from "@/lib/content/platform-rules";

/** What a person may type in the composer at most (the longest network, LinkedIn, takes 3,000; the rest is refused per network with its rule). */
export const COMPOSER_MAX_TEXT = 20_000;
const id = z.string().min(1).max(64);

/**
 * POST /api/orgs/{org}/publications: a hand-written post. `accountIds` are social accounts of the
 * organisation (one network version per network they cover); `mediaAssetIds` come from its library, in
 * order; either `scheduledAt` (ISO, at most 2 years ahead) or `publishNow: true`. `contentId` edits a
 * post written before (its versions and publications not yet started are replaced).
 */
export const composePostSchema = z
  .object({
    text: z.string().max(COMPOSER_MAX_TEXT),
    accountIds: z.array(id).min(1).max(20),
    mediaAssetIds: z.array(id).max(10).default([]),
    firstComment: z.string().trim().max(FIRST_COMMENT_MAX).nullable().optional(),
    scheduledAt: schedulableTime.optional(),
    publishNow: z.boolean().optional(),
    contentId: id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.publishNow && !v.scheduledAt) ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: "validation.scheduleOrNow" });
    if (v.publishNow && v.scheduledAt) ctx.addIssue({ code: "custom", path: ["publishNow"], message: "validation.scheduleOrNow" });
  });
export type ComposePostInput = z.infer<typeof composePostSchema>;

/** POST /api/orgs/{org}/publications/assist: rewrite, shorten or suggest hashtags for a draft. */
export const composerAssistSchema = z
  .object({
    action: z.enum(["rewrite", "shorten", "hashtags"]),
    text: z.string().trim().min(1).max(COMPOSER_MAX_TEXT),
    /** The network the result must fit (its length limit); default: the shortest of the draft's networks is the caller's concern. */
    platform: z.enum(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"]).optional(),
  })
  .strict();
export type ComposerAssistInput = z.infer<typeof composerAssistSchema>;
