import "server-only";
import type { ExternalAgentsSettingsDto } from "@/lib/agents/contracts";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import { currentAgentWebhookSecret, rotateAgentWebhookSecret } from "./external-webhook";

/** What an admin pastes into n8n (or any sender): both URLs with the organisation's slug, and the signing secret. */
export async function getExternalAgentsSettings(opts: { organizationId: string; slug: string }): Promise<ExternalAgentsSettingsDto> {
  const { secret, rotatedAt } = await currentAgentWebhookSecret(opts.organizationId);
  return dto(opts.slug, secret, rotatedAt);
}

export async function rotateExternalAgentsSecret(opts: { organizationId: string; slug: string }): Promise<ExternalAgentsSettingsDto> {
  const { secret, rotatedAt } = await rotateAgentWebhookSecret(opts.organizationId);
  return dto(opts.slug, secret, rotatedAt);
}

function dto(slug: string, secret: string, rotatedAt: Date | null): ExternalAgentsSettingsDto {
  const base = publicBaseUrl();
  const q = `?org=${encodeURIComponent(slug)}`;
  return { executionUrl: `${base}/api/webhooks/agent-execution${q}`, errorUrl: `${base}/api/webhooks/agent-error${q}`, secret, rotatedAt: rotatedAt?.toISOString() ?? null };
}
