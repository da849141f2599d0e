import { route } from "@/lib/http";
import { serveSignedMedia } from "@/lib/providers/storage";

export const dynamic = "force-dynamic";

/** Public by signature: /api/media/<key>?exp=&sig= issued by storage().signedUrl() (local store). */
export const GET = route<{ params: Promise<{ key: string[] }> }>(async (req, { params }) => {
  const { key } = await params;
  return serveSignedMedia({ key: key.join("/"), url: new URL(req.url) });
});
