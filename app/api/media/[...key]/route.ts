import { handle } from "@/lib/api/handle";
import { signedMediaEndpoint } from "@/lib/media/contracts";
import { serveSignedMedia } from "@/lib/providers/storage";

export const dynamic = "force-dynamic";

/** Public by signature: /api/media/<key>?exp=&sig= issued by storage().signedUrl() (local store). */
export const GET = handle(signedMediaEndpoint, async ({ req, params }) => {
  return serveSignedMedia({ key: params.key, url: new URL(req.url) });
});
