import { z } from "zod";

export const TOPIC_PERIODS = ["24h", "7d"] as const;
export const topicsQuerySchema = z.object({ period: z.enum(TOPIC_PERIODS).default("7d") }).strict();
