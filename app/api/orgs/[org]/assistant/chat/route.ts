import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/config";
import { enforceAssistantRate } from "@/lib/scenarios/assistant-ai";
import { chatTurn } from "@/lib/scenarios/chat";
import { assistantChatEndpoint } from "@/lib/scenarios/contracts";

/** POST { intent, message?, scenarioId?, chatId?, payload? }: one chat turn (30 a minute per user). */
export const POST = handle(assistantChatEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await enforceAssistantRate(ctx);
  const input = await body();
  // A chat belongs to its person; an API key's chats belong to the key.
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : `api-key:${ctx.actor.apiKeyId}`;
  return chatTurn({ organizationId: ctx.organizationId, userId, input, locale: input.locale ?? localeOfRequest(req) });
});
