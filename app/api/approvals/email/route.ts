import { redeemActionToken } from "@/lib/approvals/redeem-action-token";
import { redeemTokenSchema } from "@/lib/approvals/schemas";
import { json, parseJson, route } from "@/lib/http";

/** POST {token, note?} from the /approve/[token] confirmation page (GET never acts: mail scanners prefetch links). */
export const POST = route(async (req) => {
  const input = await parseJson(req, redeemTokenSchema);
  return json({ decision: await redeemActionToken({ token: input.token, note: input.note }) });
});
