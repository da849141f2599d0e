import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { receiveTiktokLead } from "@/lib/leads/capture/receive-tiktok-lead";
import { tiktokLeadsEndpoint } from "@/lib/leads/contracts";

/** TikTok lead generation webhook: TikTok-Signature checked first, the advertiser maps to the organisation; stored before processing. */
export const dynamic = "force-dynamic";

export const POST = handle(tiktokLeadsEndpoint, async ({ req }) => receiveTiktokLead({ headers: req.headers, rawBody: await readBodyLimited(req, 1024 * 1024) }));
