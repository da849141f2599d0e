import { z } from "zod";

export const markReadSchema = z.object({ ids: z.array(z.string().min(1).max(64)).max(200).optional() }).strict();
