import { z } from "zod";

/** Platforms the Content Flywheel writes for (WhatsApp is messaging, ads are MKT-2xx). */
export const CONTENT_PLATFORMS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
export type ContentPlatform = (typeof CONTENT_PLATFORMS)[number];

/** MKT-102 AI output, stored as ContentInput.research (same keys as the seed and the demo data). */
export const researchSchema = z.object({
  topic: z.string().min(3).max(200),
  angle: z.string().min(3).max(500),
  key_messages: z.array(z.string().min(3).max(300)).min(2).max(5),
  platforms: z.array(z.enum(CONTENT_PLATFORMS)).min(1).max(5),
  format_suggestions: z.array(z.string().min(2).max(120)).min(1).max(6),
  hashtag_suggestions: z.array(z.string().min(2).max(60)).min(3).max(15),
});
export type Research = z.infer<typeof researchSchema>;

/** Read a stored research value (demo rows, older runs) without trusting it. */
export function readResearch(value: unknown): Research | null {
  const parsed = researchSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
