import type { Platform } from "@/lib/db/generated/enums";

/** What the content page shows of a MKT-109 signal (client components import this, not the use case). */
export type ContentSignalDto = { id: string; publicationId: string; platform: Platform; status: string; engagementRate: number; threshold: number; meanRate: number; sampleSize: number; strength: number; aiAnalysis: string | null; aiRecommendation: string | null; detectedAt: string };
