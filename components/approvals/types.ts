import type { ApprovalListItemDto, ApprovalPage } from "@/lib/approvals/contracts";
import type { ListApprovalsQuery } from "@/lib/approvals/queue/schemas";

export type ApprovalItem = ApprovalListItemDto;
export type { ApprovalPage };
export type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";
export const STATUS_FILTERS = ["PENDING", "APPROVED", "CHANGES_REQUESTED", "REJECTED", "ALL"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
/** The tab, filters and search of the queue (what the address carries). */
export type QueueFilters = Pick<ListApprovalsQuery, "status" | "entityType" | "brandId" | "platform" | "requestedBy" | "priority" | "q">;
/** Where the page is: first page, after / before an item, the last page, or the page of a focused item. */
export type QueueCursor = { after?: string; before?: string; last?: "true"; focus?: string };
