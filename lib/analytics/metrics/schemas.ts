import { z } from "zod";

export const contentMetricsQuerySchema = z.object({ publicationId: z.string().min(1).max(64).optional() }).strict();
