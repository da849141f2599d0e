import "server-only";
import { db } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import type { AttributionModel } from "./attribution";
import { ensureLeadSettings, getConversionSecret, rotateConversionSecret } from "./conversion-secret";
import { attributionModelOf } from "./record-conversion";

/** The URL a sender posts conversions to (the organisation in the query, the secret never in the URL). */
export const conversionWebhookUrl = (slug: string) => `${publicBaseUrl()}/api/webhooks/conversions?org=${encodeURIComponent(slug)}`;

export type ConversionSettingsDto = { secret: string; rotatedAt: string | null; url: string; model: AttributionModel };

/** The lead sources settings card: webhook URL, secret (created on first read), the attribution model. */
export async function getConversionSettings(opts: { organizationId: string; slug: string }): Promise<ConversionSettingsDto> {
  const [secret, model] = await Promise.all([getConversionSecret(opts.organizationId), attributionModelOf(opts.organizationId)]);
  return { ...secret, url: conversionWebhookUrl(opts.slug), model };
}

export async function rotateConversionWebhookSecret(opts: { organizationId: string; slug: string }) {
  return { ...(await rotateConversionSecret(opts.organizationId)), url: conversionWebhookUrl(opts.slug) };
}

/** The model for conversions recorded from now on (recorded ones keep theirs; the attribution page can show any). */
export async function setAttributionModel(opts: { organizationId: string; model: AttributionModel }): Promise<{ model: AttributionModel }> {
  await ensureLeadSettings(opts.organizationId);
  await db().leadSettings.update({ where: { organizationId: opts.organizationId }, data: { attributionModel: opts.model } });
  return { model: opts.model };
}
