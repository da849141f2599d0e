import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ContentPieceStatus, Platform } from "@/lib/db/generated/enums";

/** The content list (issue 9: each piece opens, server-side paging and search). */

export const CONTENT_PAGE_SIZE = 20;

export const listContentQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional().meta({ description: "Words found in the title or text (case-insensitive)" }),
    page: z.coerce.number().int().min(1).max(100_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
    status: z.enum(ContentPieceStatus).optional(),
  })
  .strict();
export type ListContentQuery = z.infer<typeof listContentQuerySchema>;

export const contentListItemDto = z
  .object({
    id: z.string(),
    title: z.string(),
    excerpt: z.string(),
    status: z.enum(ContentPieceStatus),
    platform: z.enum(Platform).nullable(),
    variantPlatforms: z.array(z.enum(Platform)),
    aiGenerated: z.boolean(),
    engagementRate: z.number().nullable(),
    createdAt: isoDateTime(),
    firstPublishedAt: isoDateTime().nullable(),
    nextPublicationAt: isoDateTime().nullable(),
  })
  .meta({ id: "ContentListItem" });
export type ContentListItemDto = z.infer<typeof contentListItemDto>;

export const contentListPageDto = z
  .object({ items: z.array(contentListItemDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int() })
  .meta({ id: "ContentListPage" });
export type ContentListPage = z.infer<typeof contentListPageDto>;

export const listContentEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/content",
  tag: "Content",
  access: "org",
  summary: "Master content pieces, newest first, paged (page, pageSize) with the total, searchable (q) and filterable by status",
  query: listContentQuerySchema,
  response: contentListPageDto,
});
