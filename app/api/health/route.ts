import { getHealth } from "@/lib/health/get-health";
import { json, route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await getHealth();
  return json(health, health.status === "down" ? 503 : 200);
});
