import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { localeOfRequest } from "@/lib/i18n/config";
import { unsubscribeEndpoint, unsubscribePageEndpoint } from "@/lib/leads/contracts";
import { unsubscribeWithToken } from "@/lib/leads/nurture/unsubscribe";
import { unsubscribePage } from "@/lib/leads/nurture/unsubscribe-page";

/** The confirm page: asks, never acts (mail scanners open links). */
export const GET = handle(unsubscribePageEndpoint, async ({ req, params, query }) => {
  const page = unsubscribePage({ token: params.token, locale: localeOfRequest(req), done: query().done === "1" });
  return new Response(page.html, { status: page.status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
});

/** RFC 8058 one-click (200, no page) or the confirm page's button (303 back to the page, which says it is done). */
export const POST = handle(unsubscribeEndpoint, async ({ req, params }) => {
  const form = new URLSearchParams(new TextDecoder().decode(await readBodyLimited(req, 4 * 1024)));
  const fromPage = form.get("confirm") === "page";
  await unsubscribeWithToken({ token: params.token, source: fromPage ? "page" : "one-click" });
  if (fromPage) return new Response(null, { status: 303, headers: { location: `${new URL(req.url).pathname}?done=1` } });
  return new Response(null, { status: 200 });
});
