import type { ApprovalListItemDto } from "@/lib/approvals/list-approvals";

export type ApprovalItem = ApprovalListItemDto;
export type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";
export const STATUS_FILTERS = ["PENDING", "APPROVED", "CHANGES_REQUESTED", "REJECTED", "ALL"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
