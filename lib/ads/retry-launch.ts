import "server-only";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

/** "Retry" after a failed launch: MKT-204 runs again and creates only what does not exist yet. */
export async function retryLaunch(opts: { organizationId: string; campaignId: string }): Promise<{ campaignId: string; attempt: number }> {
  const c = await db().adCampaign.findFirst({ where: { id: opts.campaignId, organizationId: opts.organizationId }, select: { id: true, status: true, launchReport: true } });
  if (!c) throw notFound("campaign");
  if (c.status !== "FAILED") throw new AppError("conflict", "ads.notRetryable", { values: { status: c.status } });
  const attempt = ((c.launchReport as { attempt?: number } | null)?.attempt ?? 0) + 1;
  await inngest.send({ id: `launch-retried-${c.id}-${attempt}`, name: "ads/launch.retried", data: { organizationId: opts.organizationId, campaignId: c.id, attempt } });
  return { campaignId: c.id, attempt };
}
