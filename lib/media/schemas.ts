import { z } from "zod";

export const listMediaQuerySchema = z
  .object({
    kind: z.enum(["IMAGE", "VIDEO", "AUDIO", "DOCUMENT"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
