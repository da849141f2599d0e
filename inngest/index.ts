import { sys001Ping } from "./functions/system/sys-001-ping";
import { sys002RuntimeRetention } from "./functions/system/sys-002-runtime-retention";
import { sys003ArchiveRetention } from "./functions/system/sys-003-archive-retention";
import { sys004DeadLetters } from "./functions/system/sys-004-dead-letters";
import { sys005AssistantRetention } from "./functions/system/sys-005-assistant-retention";
import { mkt108CollectMetrics } from "./functions/content-flywheel/mkt-108-collect-metrics";
import { mkt109DetectSignals } from "./functions/content-flywheel/mkt-109-detect-signals";
import { mkt107Publish } from "./functions/content-flywheel/mkt-107-publish";
import { mkt107Sweep } from "./functions/content-flywheel/mkt-107-sweep";
import { mkt107ExpandRecurrences } from "./functions/content-flywheel/mkt-107-expand-recurrences";
import { mkt104AwaitDecision, mkt104RequestApproval } from "./functions/content-flywheel/mkt-104-request-approval";
import { mkt105ApprovalReminders } from "./functions/content-flywheel/mkt-105-approval-reminders";
import { mkt106AdaptContent } from "./functions/content-flywheel/mkt-106-adapt-content";
import { mkt101IngestInput } from "./functions/content-flywheel/mkt-101-ingest-input";
import { mkt101DailyPickup } from "./functions/content-flywheel/mkt-101-daily-pickup";
import { mkt102Research } from "./functions/content-flywheel/mkt-102-research";
import { mkt201CompetitorResearch, mkt201ResearchOnDemand } from "./functions/amplification/mkt-201-competitor-research";
import { mkt202ProposeCampaign } from "./functions/amplification/mkt-202-propose-campaign";
import { mkt203AwaitSpendDecision } from "./functions/amplification/mkt-203-await-spend-decision";
import { mkt204LaunchCampaign } from "./functions/amplification/mkt-204-launch-campaign";
import { mkt205CollectAdMetrics, mkt205FirstMetrics } from "./functions/amplification/mkt-205-collect-ad-metrics";
import { mkt206ApplyDecidedAction, mkt206OptimizeCampaigns } from "./functions/amplification/mkt-206-optimize-campaigns";
import { mkt301ProcessLead } from "./functions/opportunity-hunter/mkt-301-process-lead";
import { mkt302ScoreLead } from "./functions/opportunity-hunter/mkt-302-score-lead";
import { mkt303NurtureLead } from "./functions/opportunity-hunter/mkt-303-nurture-lead";
import { mkt304ProcessReply } from "./functions/opportunity-hunter/mkt-304-process-reply";
import { mkt306EscalateLead } from "./functions/opportunity-hunter/mkt-306-escalate-lead";
import { mkt305BookCall } from "./functions/opportunity-hunter/mkt-305-book-call";
import { mkt401RefreshTokens } from "./functions/utilities/mkt-401-refresh-tokens";
import { mkt402Backfill, mkt402DailyAnalytics, mkt402DailyAnalyticsTick } from "./functions/utilities/mkt-402-daily-analytics";
import { mkt403WeeklyReport, mkt403WeeklyReportTick } from "./functions/utilities/mkt-403-weekly-report";
import { automationAutoReposter, automationInstagramWelcomeDm } from "./functions/automations/war-room-automations";
import { mkt404LearningLoop } from "./functions/utilities/mkt-404-learning-loop";
import { inb002PollComments } from "./functions/inbox/inb-002-poll-comments";
import { inb001TriageComment, inb001TriageMessages } from "./functions/inbox/inb-001-triage";
import { inb003KpiWindows } from "./functions/inbox/inb-003-kpi-windows";
import { inb004TopicClusters } from "./functions/inbox/inb-004-topic-clusters";
import { mkt103GenerateContent } from "./functions/content-flywheel/mkt-103-generate-content";

/** Every Inngest function of the app, served by app/api/inngest/route.ts. */
export const functions = [
  sys001Ping,
  sys002RuntimeRetention,
  sys003ArchiveRetention,
  sys004DeadLetters,
  sys005AssistantRetention,
  mkt101IngestInput,
  mkt101DailyPickup,
  mkt102Research,
  mkt103GenerateContent,
  mkt108CollectMetrics,
  mkt109DetectSignals,
  mkt107Publish,
  mkt107Sweep,
  mkt107ExpandRecurrences,
  mkt104RequestApproval,
  mkt104AwaitDecision,
  mkt105ApprovalReminders,
  mkt106AdaptContent,
  mkt201CompetitorResearch,
  mkt201ResearchOnDemand,
  mkt202ProposeCampaign,
  mkt203AwaitSpendDecision,
  mkt204LaunchCampaign,
  mkt205CollectAdMetrics,
  mkt205FirstMetrics,
  mkt206OptimizeCampaigns,
  mkt206ApplyDecidedAction,
  mkt301ProcessLead,
  mkt302ScoreLead,
  mkt303NurtureLead,
  mkt304ProcessReply,
  mkt306EscalateLead,
  mkt305BookCall,
  mkt401RefreshTokens,
  mkt402DailyAnalyticsTick,
  mkt402DailyAnalytics,
  mkt402Backfill,
  mkt403WeeklyReportTick,
  mkt403WeeklyReport,
  mkt404LearningLoop,
  inb002PollComments,
  inb001TriageMessages,
  inb001TriageComment,
  automationInstagramWelcomeDm,
  automationAutoReposter,
  inb003KpiWindows,
  inb004TopicClusters,
];
