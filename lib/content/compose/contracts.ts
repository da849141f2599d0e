import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { composePostSchema, composerAssistSchema } from "./schemas";

/** The composer (issue 9): a hand-written post, its network versions, and the AI assist. */

export const composedPostDto = z
  .object({
    contentId: z.string(),
    /** "scheduled": approved by its author (an owner or admin) and scheduled; "pending": waiting in the approval queue. */
    outcome: z.enum(["scheduled", "pending"]),
    approvalRequestId: z.string().nullable(),
    networks: z.array(z.object({ platform: z.string(), revisionId: z.string(), text: z.string(), approved: z.boolean() })),
    publications: z.array(z.object({ id: z.string(), platform: z.string(), socialAccountId: z.string(), scheduledAt: isoDateTime() })),
  })
  .meta({ id: "ComposedPost" });
export type ComposedPostDto = z.infer<typeof composedPostDto>;

/** What the composer page prefills to edit a post (`?contentId=`). */
export type ComposerDraft = { contentId: string; text: string; accountIds: string[]; mediaAssetIds: string[]; firstComment: string | null; scheduledAt: string | null };

const tag = "Publishing";

export const composePostEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/publications",
  tag,
  access: "org",
  permission: "editContent",
  summary:
    "Write a post by hand: text, accounts, library media, first comment, a time or now. An owner or admin's own text is approved by them and scheduled; an editor's goes to the approval queue. 422 naming the rule and network when a network refuses the text or a medium",
  body: composePostSchema,
  status: 201,
  response: composedPostDto,
});

export const composerAssistEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/publications/assist",
  tag,
  access: "org",
  permission: "editContent",
  summary: "AI assist for the composer: rewrite, shorten or suggest hashtags (through the AI gateway; nothing is saved)",
  body: composerAssistSchema,
  response: z.object({ text: z.string(), hashtags: z.array(z.string()) }),
});
