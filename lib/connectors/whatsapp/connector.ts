import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime, type ConnectorRuntime } from "../http";
import { assertInsideWindow, graph, parseMetaWebhook, refreshMetaToken, verifyMetaWebhook } from "../meta/graph";
import type { ConnectorContext, PlatformConnector } from "../types";
import { whatsappCapabilities } from "../capabilities";

/**
 * WhatsApp Cloud API: messages only. Free-form text only inside the 24 h customer-service window
 * (checked here, before Loose API call); outside it, approved templates only.
 */
export function createWhatsappConnector(rt: ConnectorRuntime = defaultRuntime()): PlatformConnector {
  const P = "whatsapp" as const;
  const unsupported = (what: string) => Promise.reject(new ConnectorError("unsupported", P, `${what} is not available on WhatsApp`));
  return {
    name: P,
    sandbox: false,
    capabilities: whatsappCapabilities,
    refreshToken: (input) => refreshMetaToken(rt, input),
    publish: () => unsupported("publishing posts"),
    getPublicationStatus: () => unsupported("publishing posts"),
    fetchMetrics: () => unsupported("post metrics"),
    listNewComments: () => unsupported("comments"),
    replyToComment: () => unsupported("comments"),
    async sendMessage(ctx: ConnectorContext, input) {
      const to = input.to.replace(/^\+/, "");
      let body: Record<string, unknown>;
      if (input.template) {
        body = {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to,
          type: "template",
          template: {
            name: input.template.name,
            language: { code: input.template.language },
            ...(input.template.components ? { components: input.template.components } : {}),
          },
        };
      } else {
        if (!input.text) throw new ConnectorError("validation", P, "a message needs text or a template");
        if (input.text.length > whatsappCapabilities.maxTextLength) throw new ConnectorError("validation", P, "text longer than 4096 characters");
        assertInsideWindow(P, input.lastInboundAt, rt.now());
        body = { messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { preview_url: false, body: input.text } };
      }
      if (input.replyToMessageId) body.context = { message_id: input.replyToMessageId };
      // The Cloud API takes no idempotency key; its client reference comes back in the message's status webhooks.
      if (input.idempotencyKey) body.biz_opaque_callback_data = input.idempotencyKey.slice(0, 512);
      return withPolicy(ctx, rt, async (t) => {
        const r = await graph(P, rt, t, { method: "POST", path: `/${ctx.account.externalId}/messages`, json: body });
        const m = r.messages?.[0];
        if (!m?.id) throw new ConnectorError("transient", P, "send answered without a message id");
        return { id: String(m.id), status: m.message_status ? String(m.message_status) : "accepted" };
      });
    },
    verifyWebhook: verifyMetaWebhook,
    parseWebhook: parseMetaWebhook,
  };
}
