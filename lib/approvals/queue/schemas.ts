import { z } from "zod";

/** The approval queue's query (issue 9): its own file so the decision schemas stay apart. */
export const APPROVAL_STATUS_TABS = ["PENDING", "APPROVED", "CHANGES_REQUESTED", "REJECTED", "EXPIRED", "CANCELLED", "ALL"] as const;
export type ApprovalStatusTab = (typeof APPROVAL_STATUS_TABS)[number];
export const APPROVAL_PAGE_SIZE = 20;
const id = z.string().min(1).max(64);

/**
 * The queue at volume (issue 9): one page at a time by keyset (`after` / `before` = the id of the
 * last / first item of the page on screen, `last=true` for the final page), filters, search, and
 * `focus` = an item id whose page is returned wherever it sits (its tab, filters cleared).
 */
export const listApprovalsQuerySchema = z
  .object({
    status: z.enum(APPROVAL_STATUS_TABS).optional(),
    entityType: z.enum(["CONTENT_PIECE", "AD_CAMPAIGN", "AD_OPTIMIZATION"]).optional(),
    brandId: id.optional(),
    platform: z.enum(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"]).optional(),
    requestedBy: z.string().min(1).max(120).optional(),
    priority: z.enum(["LOW", "NORMAL", "HIGH", "URGENT"]).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    after: id.optional(),
    before: id.optional(),
    last: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    focus: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const cursors = (["after", "before", "last", "focus"] as const).filter((k) => v[k] !== undefined && v[k] !== false);
    if (cursors.length > 1) ctx.addIssue({ code: "custom", path: [cursors[1]!], message: "validation.oneCursor" });
  });
export type ListApprovalsQuery = z.infer<typeof listApprovalsQuerySchema>;
