import { z } from "zod";
import { readImageHeader } from "@/lib/media/probe-image";
import { generateObject } from "@/lib/providers/ai";

export const imageDescriptionSchema = z.object({
  description: z.string().min(1).max(2000),
  subjects: z.array(z.string().min(1).max(80)).max(10),
  visibleText: z.string().max(500),
});
export type ImageDescription = z.infer<typeof imageDescriptionSchema>;

/**
 * MKT-101 for image ideas: the text model looks at the image (vision) and describes it for a
 * marketing team. The image and its caption are outsider content: the image travels as an image
 * block, the caption as data. Offline, the answer is built from the caption and the probed facts.
 */
export async function describeImage(opts: {
  organizationId: string;
  bytes: Uint8Array;
  caption?: string | null;
  fileName?: string | null;
  language: string;
  idempotencyKey?: string;
}): Promise<ImageDescription> {
  const header = await readImageHeader(opts.bytes);
  const fr = opts.language !== "en";
  const res = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-101-ingest-input",
    operation: "describe-image",
    idempotencyKey: opts.idempotencyKey,
    locale: fr ? "fr" : "en",
    schema: imageDescriptionSchema,
    system: "You describe images submitted as content ideas for a marketing team: what is shown, the mood, any visible text. Be factual and concise.",
    prompt: fr ? "Décris cette image pour l'équipe marketing (sujet, ambiance, texte visible), en français." : "Describe this image for the marketing team (subject, mood, visible text).",
    images: header ? [{ data: opts.bytes, mimeType: header.mimeType }] : undefined,
    data: {
      caption: opts.caption ?? "",
      file_name: opts.fileName ?? "",
      image: header ? `${header.mimeType}, ${header.width}x${header.height}` : "unknown format",
    },
    effort: "low",
  });
  return res.object;
}
