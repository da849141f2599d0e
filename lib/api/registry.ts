import { isEndpoint, type Endpoint } from "@/lib/api/endpoint";
import * as ads from "@/lib/ads/contracts";
import * as agents from "@/lib/agents/contracts";
import * as analytics from "@/lib/analytics/metrics/contracts";
import * as dailyAnalytics from "@/lib/analytics/daily/contracts";
import * as weeklyReports from "@/lib/analytics/weekly/contracts";
import * as approvals from "@/lib/approvals/contracts";
import * as auth from "@/lib/auth/contracts";
import * as brands from "@/lib/brands/contracts";
import * as content from "@/lib/content/ingest/contracts";
import * as compose from "@/lib/content/compose/contracts";
import * as contentList from "@/lib/content/contracts";
import * as health from "@/lib/health/contracts";
import * as inboxComments from "@/lib/inbox/comments/contracts";
import * as inbox from "@/lib/inbox/contracts";
import * as inboxKpis from "@/lib/inbox/kpis/contracts";
import * as inboxTopics from "@/lib/inbox/topics/contracts";
import * as leads from "@/lib/leads/contracts";
import * as booking from "@/lib/leads/booking/contracts";
import * as conversions from "@/lib/leads/conversions/contracts";
import * as live from "@/lib/live/contracts";
import * as media from "@/lib/media/contracts";
import * as notifications from "@/lib/notifications/contracts";
import * as oauth from "@/lib/oauth/contracts";
import * as orgs from "@/lib/orgs/contracts";
import * as publishing from "@/lib/publishing/contracts";
import * as email from "@/lib/providers/email/contracts";
import * as api from "@/lib/api/contracts";
import * as scenarios from "@/lib/scenarios/contracts";
import * as warRoom from "@/lib/warroom/contracts";
import * as trendRadar from "@/lib/warroom/trends/contracts";
import * as agentHealth from "@/lib/warroom/health/contracts";
import * as workflows from "@/lib/workflows/contracts";

/**
 * Every endpoint contract of the app. A new lib/<domain>/contracts.ts is added to this list; the
 * OpenAPI document is built from it and tests/unit/api/contracts.test.ts checks that every
 * app/api/**\/route.ts method has exactly one contract here.
 */
const modules = [api, ads, agents, analytics, dailyAnalytics, weeklyReports, approvals, auth, brands, content, compose, contentList, health, inboxComments, inbox, inboxKpis, inboxTopics, leads, booking, conversions, live, media, notifications, oauth, orgs, publishing, scenarios, email, warRoom, trendRadar, agentHealth, workflows];

/** Each contract with the name it is exported under (the document's operationId, without "Endpoint"). */
export const namedEndpoints: { name: string; endpoint: Endpoint }[] = modules.flatMap((m) =>
  Object.entries(m).flatMap(([name, v]) => (isEndpoint(v) ? [{ name: name.replace(/Endpoint$/, ""), endpoint: v }] : [])),
);

export const endpoints: Endpoint[] = namedEndpoints.map((e) => e.endpoint);
