import { handle } from "@/lib/api/handle";
import { redeemApprovalTokenEndpoint } from "@/lib/approvals/contracts";
import { redeemActionToken } from "@/lib/approvals/redeem-action-token";

/** POST {token, note?} from the /approve/[token] confirmation page (GET never acts: mail scanners prefetch links). */
export const POST = handle(redeemApprovalTokenEndpoint, async ({ body }) => {
  const input = await body();
  return { decision: await redeemActionToken({ token: input.token, note: input.note }) };
});
