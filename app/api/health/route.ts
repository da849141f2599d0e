import { handle, reply } from "@/lib/api/handle";
import { getHealthEndpoint } from "@/lib/health/contracts";
import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

export const GET = handle(getHealthEndpoint, async () => {
  const health = await getHealth();
  return reply(health, { status: health.status === "down" ? 503 : 200 });
});
