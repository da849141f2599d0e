/**
 * The live events (issue 14): what the stream `GET /api/orgs/{org}/stream` carries, one place for the
 * server (lib/live/publish.ts) and the browser (components/live/use-live-events.ts). Names are
 * `<noun>.<past-verb>`; payloads carry ids and states only (the browser refetches what it shows), so
 * a row stays far below NOTIFY's 8 kB (only the id is notified anyway). Kept in ARCHITECTURE.md too.
 * This module imports nothing: components may import it.
 */
export const LIVE_EVENT_TYPES = {
  "content.generated": "Pieces written for an idea (MKT-103)",
  "content.approved": "A piece approved (every network version of its revision)",
  "content.published": "A publication of a piece went live",
  "publication.updated": "A publication changed state (scheduled, rescheduled, cancelled, posting, posted, failed)",
  "approval.requested": "An approval request created",
  "approval.decided": "An approval request approved, rejected or expired",
  "lead.received": "A lead captured (form, webhook, ads lead form)",
  "lead.scored": "A lead scored and tiered (MKT-302)",
  "lead.replied": "A lead's reply classified and on its timeline (MKT-304)",
  "lead.escalated": "A lead handed to a salesperson (MKT-306)",
  "lead.converted": "A conversion recorded on a lead, or a manual one undone (MKT-307)",
  "lead.moved": "A lead moved to another stage on the pipeline board",
  "campaign.proposed": "An ad campaign proposed (MKT-202)",
  "campaign.launched": "An ad campaign launched (MKT-204)",
  "automation.updated": "A War Room automation switched on or off (seed 001's STATE_PATCH)",
  "agent.updated": "An agent switched on, off or to maintenance (the Agents pages)",
  "agent.executed": "An agent's run finished (succeeded or failed) or was skipped because the agent was off",
  "comment.received": "A new comment under one of our publications, found by the 5-minute comment polling (inb-002) or delivered by a platform webhook",
  "inbox.updated": "A conversation of the social inbox changed (message or comment received, triaged, replied, assigned, status, note)",
} as const;

export type LiveEventType = keyof typeof LIVE_EVENT_TYPES;

/** Not stored: sent by each stream every 30 s (the War Room's KPIs). */
export const KPI_SNAPSHOT_EVENT = "kpi.snapshot";

/** What the stream sends as `data:` for a stored event. */
export type LiveEventMessage = { id: string; type: LiveEventType; payload: Record<string, unknown>; createdAt: string };

export function isLiveEventType(v: string): v is LiveEventType {
  return Object.hasOwn(LIVE_EVENT_TYPES, v);
}
