import type { LeadStatus, LeadTier } from "@/lib/db/generated/enums";

/** The pipeline board's cards and columns (lib/leads/list-board.ts builds them, the board component shows them). */
export type BoardCardDto = { id: string; name: string; company: string | null; score: number | null; tier: LeadTier | null; status: LeadStatus; isTest: boolean; conversionValue: number | null; currency: string };
export type BoardColumnDto = { status: LeadStatus; count: number; leads: BoardCardDto[] };
