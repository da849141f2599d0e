-- CreateSchema
-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('LINKEDIN', 'FACEBOOK', 'INSTAGRAM', 'TIKTOK', 'X', 'WHATSAPP', 'META_ADS', 'GOOGLE_ADS', 'TIKTOK_ADS');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'RECONNECT_REQUIRED', 'ERROR', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "AdObjective" AS ENUM ('AWARENESS', 'TRAFFIC', 'ENGAGEMENT', 'LEADS', 'CONVERSIONS');

-- CreateEnum
CREATE TYPE "AdCampaignStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'LAUNCHING', 'ACTIVE', 'PAUSED', 'COMPLETED', 'REJECTED', 'ARCHIVED', 'FAILED');

-- CreateEnum
CREATE TYPE "AdEntityStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED', 'FAILED');

-- CreateEnum
CREATE TYPE "AdMetricLevel" AS ENUM ('CAMPAIGN', 'AD_SET', 'AD');

-- CreateEnum
CREATE TYPE "OptimizationAction" AS ENUM ('PAUSE', 'SCALE_BUDGET', 'ADJUST_TARGETING', 'CONCENTRATE_CREATIVE');

-- CreateEnum
CREATE TYPE "OptimizationRule" AS ENUM ('ROAS_BELOW_ONE_3D', 'CPC_ABOVE_2X_AVG', 'CTR_ABOVE_2X_AVG', 'CREATIVE_OUTPERFORMS_50', 'MANUAL');

-- CreateEnum
CREATE TYPE "OptimizationStatus" AS ENUM ('PROPOSED', 'APPLIED', 'FAILED', 'SKIPPED', 'REVERTED');

-- CreateEnum
CREATE TYPE "AgentGroup" AS ENUM ('CONTENT_FLYWHEEL', 'AMPLIFICATION_ENGINE', 'OPPORTUNITY_HUNTER', 'UTILITIES');

-- CreateEnum
CREATE TYPE "AgentKind" AS ENUM ('CONTENT', 'ADS', 'LEADS', 'ANALYTICS', 'INBOX', 'OPERATIONS', 'CUSTOM');

-- CreateEnum
CREATE TYPE "AgentTrigger" AS ENUM ('EVENT', 'CRON', 'WEBHOOK', 'MANUAL');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'DEPLOYING', 'ERROR', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "AgentExecutionStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCESS', 'ERROR', 'TIMEOUT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AgentLogLevel" AS ENUM ('DEBUG', 'INFO', 'WARN', 'ERROR');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "ComplianceLevel" AS ENUM ('COMPLIANT', 'CONDITIONAL', 'BLOCKED');

-- CreateEnum
CREATE TYPE "TriageAction" AS ENUM ('IGNORE', 'ESCALATE', 'AUTO_REPLY');

-- CreateEnum
CREATE TYPE "TriageTarget" AS ENUM ('DIRECT_MESSAGE', 'COMMENT');

-- CreateEnum
CREATE TYPE "InsightType" AS ENUM ('CONTENT_PERFORMANCE', 'AD_OPTIMIZATION', 'LEAD_QUALIFICATION', 'AUDIENCE_INSIGHT');

-- CreateEnum
CREATE TYPE "InsightStatus" AS ENUM ('ACTIVE', 'VALIDATED', 'INVALIDATED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('GENERATING', 'READY', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "AiOperation" AS ENUM ('TEXT', 'JSON', 'IMAGE', 'TRANSCRIPTION', 'EMBEDDING');

-- CreateEnum
CREATE TYPE "AiLedgerKind" AS ENUM ('USAGE', 'GRANT', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "ClusterScope" AS ENUM ('GLOBAL', 'PUBLICATION');

-- CreateEnum
CREATE TYPE "TrendSource" AS ENUM ('INTERNAL_ANALYTICS', 'TEAM_NOTE', 'CREATIVE_CENTER');

-- CreateEnum
CREATE TYPE "ApprovalEntityType" AS ENUM ('CONTENT_PIECE', 'AD_CAMPAIGN');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'CHANGES_REQUESTED', 'REJECTED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ApprovalPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "ApprovalDecisionType" AS ENUM ('APPROVE', 'REQUEST_CHANGES', 'REJECT');

-- CreateEnum
CREATE TYPE "ApprovalChannel" AS ENUM ('IN_APP', 'EMAIL', 'SLACK', 'WHATSAPP', 'API');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'PRO', 'BUSINESS');

-- CreateEnum
CREATE TYPE "ContentInputType" AS ENUM ('TEXT', 'AUDIO', 'URL', 'IMAGE');

-- CreateEnum
CREATE TYPE "ContentInputSource" AS ENUM ('WEBHOOK', 'MANUAL', 'PAIN_POINTS', 'API');

-- CreateEnum
CREATE TYPE "ContentInputStatus" AS ENUM ('PENDING', 'PROCESSING', 'PROCESSED', 'RESEARCHED', 'FAILED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ContentFormat" AS ENUM ('POST', 'CAROUSEL', 'STORY', 'REEL', 'VIDEO', 'VIDEO_SCRIPT', 'THREAD', 'ARTICLE');

-- CreateEnum
CREATE TYPE "ContentPieceStatus" AS ENUM ('DRAFT', 'REVIEW', 'APPROVED', 'REJECTED', 'SCHEDULED', 'PUBLISHED', 'FAILED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('SCHEDULED', 'UPLOADING', 'PROCESSING', 'POSTED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PublicationAttemptStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "EventLevel" AS ENUM ('DEBUG', 'INFO', 'WARN', 'ERROR');

-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT');

-- CreateEnum
CREATE TYPE "MediaSource" AS ENUM ('UPLOAD', 'AI_GENERATED', 'IMPORT');

-- CreateEnum
CREATE TYPE "MediaStatus" AS ENUM ('PENDING_UPLOAD', 'READY', 'REJECTED');

-- CreateEnum
CREATE TYPE "ContentSignalType" AS ENUM ('HIGH_ENGAGEMENT', 'HIGH_SHARES', 'HIGH_SAVES', 'HIGH_CLICKS', 'CONVERSION_DRIVER');

-- CreateEnum
CREATE TYPE "ContentSignalStatus" AS ENUM ('NEW', 'PROPOSED', 'DISMISSED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('OPEN', 'ESCALATED', 'CLOSED');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('CONTACT', 'MEMBER', 'AI', 'SYSTEM');

-- CreateEnum
CREATE TYPE "CommentStatus" AS ENUM ('NEW', 'REPLIED', 'IGNORED', 'ESCALATED', 'HIDDEN');

-- CreateEnum
CREATE TYPE "LeadSourceType" AS ENUM ('FORM', 'META_LEAD_ADS', 'GOOGLE_LEAD_ADS', 'TIKTOK_LEAD_ADS', 'WEBINAR', 'REFERRAL', 'CSV', 'API', 'INBOX', 'MANUAL');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'SCORED', 'NURTURING', 'REPLIED', 'BOOKED', 'OPPORTUNITY', 'CONVERTED', 'LOST');

-- CreateEnum
CREATE TYPE "LeadTier" AS ENUM ('HOT', 'WARM', 'COLD');

-- CreateEnum
CREATE TYPE "LeadUrgency" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "SequenceStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'WHATSAPP');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "InteractionChannel" AS ENUM ('EMAIL', 'WHATSAPP', 'INSTAGRAM_DM', 'MESSENGER', 'CALL', 'MEETING', 'FORM', 'NOTE');

-- CreateEnum
CREATE TYPE "InteractionDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'BOUNCED', 'COMPLAINED', 'BLOCKED', 'RECEIVED');

-- CreateEnum
CREATE TYPE "Sentiment" AS ENUM ('POSITIVE', 'NEUTRAL', 'NEGATIVE');

-- CreateEnum
CREATE TYPE "LeadIntent" AS ENUM ('INTERESTED', 'NEEDS_INFO', 'NOT_READY', 'OBJECTION', 'READY_TO_BUY', 'UNSUBSCRIBE');

-- CreateEnum
CREATE TYPE "RecommendedAction" AS ENUM ('CONTINUE_SEQUENCE', 'ESCALATE_HUMAN', 'BOOK_CALL', 'PAUSE', 'REMOVE');

-- CreateEnum
CREATE TYPE "SuppressionReason" AS ENUM ('UNSUBSCRIBED', 'OPTED_OUT', 'HARD_BOUNCE', 'COMPLAINT', 'MANUAL', 'ERASURE');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'RESCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "BookingProvider" AS ENUM ('CALCOM', 'BUILTIN');

-- CreateEnum
CREATE TYPE "ConversionType" AS ENUM ('PURCHASE', 'SIGNUP', 'CONTRACT', 'SUBSCRIPTION', 'OTHER');

-- CreateEnum
CREATE TYPE "TouchType" AS ENUM ('INTERACTION', 'AD', 'CONTENT', 'FORM', 'BOOKING');

-- CreateEnum
CREATE TYPE "EmailCategory" AS ENUM ('TRANSACTIONAL', 'MARKETING', 'APPROVAL', 'REPORT', 'ALERT');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationSeverity" AS ENUM ('INFO', 'SUCCESS', 'WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "WebhookReceiptStatus" AS ENUM ('RECEIVED', 'PROCESSING', 'PROCESSED', 'FAILED', 'IGNORED');

-- CreateEnum
CREATE TYPE "UsagePeriod" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "RuntimeRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RuntimeStepStatus" AS ENUM ('PLANNED', 'WAITING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "RuntimeWaitKind" AS ENUM ('EVENT', 'CANCEL', 'INVOKE');

-- CreateEnum
CREATE TYPE "RuntimeQueueKind" AS ENUM ('CALL', 'TIMER', 'WAIT_TIMEOUT', 'EVENT');

-- CreateEnum
CREATE TYPE "ScenarioStatus" AS ENUM ('DRAFT', 'READY');

-- CreateEnum
CREATE TYPE "ResourceType" AS ENUM ('ARTICLE', 'VIDEO', 'WEBINAR', 'CASE_STUDY', 'OTHER');

-- CreateEnum
CREATE TYPE "TargetMaturity" AS ENUM ('AWARENESS', 'CONSIDERATION', 'DECISION');

-- CreateEnum
CREATE TYPE "ChatAuthor" AS ENUM ('USER', 'ASSISTANT', 'SYSTEM');

-- CreateTable
CREATE TABLE "social_accounts" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "handle" TEXT,
    "avatarUrl" TEXT,
    "isSandbox" BOOLEAN NOT NULL DEFAULT false,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusMessage" TEXT,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "tokenExpiresAt" TIMESTAMPTZ(3),
    "refreshExpiresAt" TIMESTAMPTZ(3),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "lastRefreshedAt" TIMESTAMPTZ(3),
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "refreshLeaseUntil" TIMESTAMPTZ(3),
    "rateLimitedUntil" TIMESTAMPTZ(3),
    "disconnectedAt" TIMESTAMPTZ(3),
    "lastHealthCheckAt" TIMESTAMPTZ(3),
    "connectedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "social_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_states" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "browserBindingHash" TEXT NOT NULL,
    "codeVerifierEnc" TEXT,
    "redirectUri" TEXT NOT NULL,
    "returnTo" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),
    "tokenSetEnc" TEXT,
    "candidates" JSONB,
    "reconnectAccountId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_records" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sandbox_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_campaigns" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "adAccountId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "contentSignalId" TEXT,
    "sourceContentPieceId" TEXT,
    "name" TEXT NOT NULL,
    "objective" "AdObjective" NOT NULL DEFAULT 'LEADS',
    "status" "AdCampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "dailyBudgetMinor" INTEGER,
    "totalBudgetMinor" INTEGER,
    "spentMinor" INTEGER NOT NULL DEFAULT 0,
    "startAt" TIMESTAMPTZ(3),
    "endAt" TIMESTAMPTZ(3),
    "targeting" JSONB NOT NULL DEFAULT '{}',
    "proposal" JSONB,
    "expectedKpis" JSONB,
    "externalId" TEXT,
    "launchKey" TEXT,
    "launchedAt" TIMESTAMPTZ(3),
    "pausedAt" TIMESTAMPTZ(3),
    "lastOptimizedAt" TIMESTAMPTZ(3),
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "conversionValueMinor" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_sets" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "adAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "AdEntityStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "dailyBudgetMinor" INTEGER,
    "targeting" JSONB NOT NULL DEFAULT '{}',
    "optimizationGoal" TEXT,
    "billingEvent" TEXT,
    "externalId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_creatives" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "adSetId" TEXT NOT NULL,
    "adAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "variantLabel" TEXT,
    "headline" TEXT NOT NULL,
    "primaryText" TEXT NOT NULL,
    "description" TEXT,
    "callToAction" TEXT,
    "linkUrl" TEXT,
    "mediaAssetId" TEXT,
    "sourceContentPieceId" TEXT,
    "status" "AdEntityStatus" NOT NULL DEFAULT 'DRAFT',
    "externalId" TEXT,
    "externalCreativeId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_creatives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_metrics_daily" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "adSetId" TEXT,
    "creativeId" TEXT,
    "level" "AdMetricLevel" NOT NULL,
    "entityId" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "reach" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "spendMinor" INTEGER NOT NULL DEFAULT 0,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "conversionValueMinor" INTEGER NOT NULL DEFAULT 0,
    "leads" INTEGER NOT NULL DEFAULT 0,
    "ctr" DOUBLE PRECISION,
    "cpcMinor" INTEGER,
    "cpmMinor" INTEGER,
    "roas" DOUBLE PRECISION,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ad_metrics_daily_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "competitor_ads" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "competitorId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL DEFAULT 'META_ADS',
    "externalId" TEXT NOT NULL,
    "pageId" TEXT,
    "pageName" TEXT,
    "bodyText" TEXT,
    "linkTitle" TEXT,
    "snapshotUrl" TEXT,
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "adStartedAt" TIMESTAMPTZ(3),
    "adStoppedAt" TIMESTAMPTZ(3),
    "aiAnalysis" JSONB,
    "raw" JSONB,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "competitor_ads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "optimization_decisions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "adSetId" TEXT,
    "creativeId" TEXT,
    "action" "OptimizationAction" NOT NULL,
    "rule" "OptimizationRule" NOT NULL,
    "status" "OptimizationStatus" NOT NULL DEFAULT 'PROPOSED',
    "reason" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "currency" TEXT,
    "previousBudgetMinor" INTEGER,
    "newBudgetMinor" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMPTZ(3),
    "errorMessage" TEXT,

    CONSTRAINT "optimization_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_templates" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "workflowCode" TEXT,
    "nameFr" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionFr" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "group" "AgentGroup",
    "kind" "AgentKind" NOT NULL,
    "trigger" "AgentTrigger" NOT NULL,
    "schedule" TEXT,
    "configSchema" JSONB NOT NULL DEFAULT '{}',
    "defaultConfig" JSONB NOT NULL DEFAULT '{}',
    "version" TEXT NOT NULL DEFAULT '1.0.0',
    "icon" TEXT,
    "useCases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isPremium" BOOLEAN NOT NULL DEFAULT false,
    "requiredPlan" "Plan",
    "installCount" INTEGER NOT NULL DEFAULT 0,
    "avgRating" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "templateId" TEXT,
    "key" TEXT NOT NULL,
    "workflowCode" TEXT,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "description" TEXT,
    "group" "AgentGroup",
    "kind" "AgentKind" NOT NULL,
    "status" "AgentStatus" NOT NULL DEFAULT 'INACTIVE',
    "version" TEXT NOT NULL DEFAULT '1.0.0',
    "config" JSONB NOT NULL DEFAULT '{}',
    "lastExecutedAt" TIMESTAMPTZ(3),
    "executionCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "avgDurationMs" INTEGER,
    "creditsUsed" INTEGER NOT NULL DEFAULT 0,
    "deployedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_executions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "status" "AgentExecutionStatus" NOT NULL DEFAULT 'PENDING',
    "trigger" TEXT,
    "runId" TEXT,
    "correlationId" TEXT,
    "input" JSONB,
    "output" JSONB,
    "errorMessage" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "tokensUsed" INTEGER NOT NULL DEFAULT 0,
    "credits" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_logs" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "executionId" TEXT,
    "level" "AgentLogLevel" NOT NULL DEFAULT 'INFO',
    "message" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_recommendations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "templateId" TEXT,
    "agentId" TEXT,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'OPEN',
    "dedupeKey" TEXT NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_recommendations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_messages" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "producer" TEXT NOT NULL,
    "consumer" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "correlationId" TEXT,
    "consumedAt" TIMESTAMPTZ(3),
    "redeliveries" INTEGER NOT NULL DEFAULT 0,
    "lastRedeliveredAt" TIMESTAMPTZ(3),
    "deadLetteredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "automations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "compliance" "ComplianceLevel" NOT NULL DEFAULT 'COMPLIANT',
    "complianceNotes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "config" JSONB NOT NULL DEFAULT '{}',
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "automations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_rules" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "action" "TriageAction" NOT NULL,
    "appliesTo" "TriageTarget"[] DEFAULT ARRAY['DIRECT_MESSAGE', 'COMMENT']::"TriageTarget"[],
    "platforms" "Platform"[] DEFAULT ARRAY[]::"Platform"[],
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "patterns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "examples" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "similarityMin" DOUBLE PRECISION NOT NULL DEFAULT 0.7,
    "confidenceMin" DOUBLE PRECISION,
    "replyTemplate" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "triage_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_decisions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "messageId" TEXT,
    "commentId" TEXT,
    "ruleId" TEXT,
    "action" "TriageAction" NOT NULL,
    "confidence" DOUBLE PRECISION,
    "reason" TEXT,
    "aiControlEnabled" BOOLEAN NOT NULL,
    "suggestedReply" TEXT,
    "replySentAt" TIMESTAMPTZ(3),
    "snapshot" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_analytics" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "postsPublished" INTEGER NOT NULL DEFAULT 0,
    "publicationsFailed" INTEGER NOT NULL DEFAULT 0,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "reach" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "avgEngagementRate" DOUBLE PRECISION,
    "adSpendMinor" INTEGER NOT NULL DEFAULT 0,
    "adImpressions" INTEGER NOT NULL DEFAULT 0,
    "adClicks" INTEGER NOT NULL DEFAULT 0,
    "adConversions" INTEGER NOT NULL DEFAULT 0,
    "adRevenueMinor" INTEGER NOT NULL DEFAULT 0,
    "roas" DOUBLE PRECISION,
    "leadsNew" INTEGER NOT NULL DEFAULT 0,
    "leadsHot" INTEGER NOT NULL DEFAULT 0,
    "leadsWarm" INTEGER NOT NULL DEFAULT 0,
    "leadsCold" INTEGER NOT NULL DEFAULT 0,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "conversionValueMinor" INTEGER NOT NULL DEFAULT 0,
    "messagesSent" INTEGER NOT NULL DEFAULT 0,
    "repliesReceived" INTEGER NOT NULL DEFAULT 0,
    "aiCredits" INTEGER NOT NULL DEFAULT 0,
    "breakdown" JSONB NOT NULL DEFAULT '{}',
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_analytics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_windows" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "messagesCount" INTEGER NOT NULL DEFAULT 0,
    "commentsCount" INTEGER NOT NULL DEFAULT 0,
    "frtP50Seconds" INTEGER,
    "autoReplyRate" DOUBLE PRECISION,
    "autoReplyCount" INTEGER NOT NULL DEFAULT 0,
    "escalateCount" INTEGER NOT NULL DEFAULT 0,
    "ignoredCount" INTEGER NOT NULL DEFAULT 0,
    "postsActive" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_windows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "weekly_reports" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "weekStart" TIMESTAMPTZ(3) NOT NULL,
    "weekEnd" TIMESTAMPTZ(3) NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'GENERATING',
    "summary" TEXT,
    "sections" JSONB NOT NULL DEFAULT '{}',
    "markdown" TEXT,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "model" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "weekly_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "learning_insights" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "type" "InsightType" NOT NULL,
    "status" "InsightStatus" NOT NULL DEFAULT 'ACTIVE',
    "title" TEXT,
    "description" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "recommendedAction" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "embedding" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "embeddingModel" TEXT,
    "source" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3),
    "periodEnd" TIMESTAMPTZ(3),
    "supersededById" TEXT,
    "validatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "learning_insights_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_usage_ledger" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" "AiLedgerKind" NOT NULL DEFAULT 'USAGE',
    "agentId" TEXT,
    "workflowKey" TEXT,
    "executionId" TEXT,
    "provider" TEXT NOT NULL,
    "model" TEXT,
    "operation" "AiOperation",
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "imageCount" INTEGER NOT NULL DEFAULT 0,
    "audioSeconds" INTEGER NOT NULL DEFAULT 0,
    "credits" INTEGER NOT NULL,
    "latencyMs" INTEGER,
    "idempotencyKey" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topic_clusters" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "scope" "ClusterScope" NOT NULL DEFAULT 'GLOBAL',
    "publicationId" TEXT,
    "label" TEXT NOT NULL,
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "size" INTEGER NOT NULL,
    "centroid" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topic_clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topic_cluster_items" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "messageId" TEXT,
    "commentId" TEXT,
    "score" DOUBLE PRECISION,

    CONSTRAINT "topic_cluster_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trend_items" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "source" "TrendSource" NOT NULL,
    "title" TEXT NOT NULL,
    "note" TEXT,
    "platform" "Platform",
    "url" TEXT,
    "score" INTEGER NOT NULL DEFAULT 50,
    "createdById" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trend_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "entityType" "ApprovalEntityType" NOT NULL,
    "contentPieceId" TEXT,
    "adCampaignId" TEXT,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "priority" "ApprovalPriority" NOT NULL DEFAULT 'NORMAL',
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "preview" JSONB NOT NULL DEFAULT '{}',
    "spendAmountMinor" INTEGER,
    "currency" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "requestedBy" TEXT,
    "runId" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "lastReminderAt" TIMESTAMPTZ(3),
    "nextReminderAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_decisions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "decision" "ApprovalDecisionType" NOT NULL,
    "channel" "ApprovalChannel" NOT NULL DEFAULT 'IN_APP',
    "note" TEXT,
    "changes" JSONB,
    "decidedById" TEXT,
    "actionTokenId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_reminders" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "reminderNumber" INTEGER NOT NULL,
    "channel" "ApprovalChannel" NOT NULL,
    "recipientUserId" TEXT,
    "recipientEmail" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_action_tokens" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "action" "ApprovalDecisionType" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_action_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "emailVerified" TIMESTAMPTZ(3),
    "image" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_accounts" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "auth_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_sessions" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "plan" "Plan" NOT NULL DEFAULT 'FREE',
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "aiCreditsMonthly" INTEGER NOT NULL DEFAULT 500000,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'EDITOR',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'EDITOR',
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "brands" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "websiteUrl" TEXT,
    "logoUrl" TEXT,
    "voice" TEXT NOT NULL,
    "targetAudience" TEXT NOT NULL,
    "contentGuidelines" TEXT NOT NULL,
    "visualGuidelines" TEXT,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "defaultHashtags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requireContentApproval" BOOLEAN NOT NULL DEFAULT true,
    "requireSpendApproval" BOOLEAN NOT NULL DEFAULT true,
    "approvalSettingsChangedById" TEXT,
    "approvalSettingsChangedAt" TIMESTAMPTZ(3),
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "priceMinor" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "pricingModel" TEXT,
    "targetSegment" TEXT,
    "painPointsSolved" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "competitors" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "websiteUrl" TEXT,
    "facebookPageId" TEXT,
    "searchTerms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "competitors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_inputs" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "type" "ContentInputType" NOT NULL,
    "source" "ContentInputSource" NOT NULL DEFAULT 'MANUAL',
    "status" "ContentInputStatus" NOT NULL DEFAULT 'PENDING',
    "rawContent" TEXT,
    "url" TEXT,
    "mediaAssetId" TEXT,
    "transcription" TEXT,
    "transcriptionUnavailable" BOOLEAN NOT NULL DEFAULT false,
    "aiSummary" TEXT,
    "aiSuggestedTopics" JSONB NOT NULL DEFAULT '[]',
    "research" JSONB,
    "errorMessage" TEXT,
    "idempotencyKey" TEXT,
    "createdById" TEXT,
    "processedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "content_inputs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_pieces" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "inputId" TEXT,
    "parentId" TEXT,
    "platform" "Platform",
    "format" "ContentFormat" NOT NULL DEFAULT 'POST',
    "status" "ContentPieceStatus" NOT NULL DEFAULT 'DRAFT',
    "language" TEXT NOT NULL DEFAULT 'fr',
    "title" TEXT,
    "body" TEXT NOT NULL,
    "hashtags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "callToAction" TEXT,
    "linkUrl" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "aiGenerated" BOOLEAN NOT NULL DEFAULT true,
    "aiModel" TEXT,
    "generationContext" JSONB,
    "engagementScore" INTEGER,
    "engagementRate" DOUBLE PRECISION,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "attributedRevenueMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "targetPublishAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "approvedById" TEXT,
    "firstPublishedAt" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "content_pieces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_piece_media" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "pieceId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "role" TEXT NOT NULL DEFAULT 'media',

    CONSTRAINT "content_piece_media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publications" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "contentPieceId" TEXT NOT NULL,
    "socialAccountId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'SCHEDULED',
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "rrule" TEXT,
    "recurrenceParentId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lockedUntil" TIMESTAMPTZ(3),
    "remoteContainerId" TEXT,
    "platformPostId" TEXT,
    "platformPostUrl" TEXT,
    "postedAt" TIMESTAMPTZ(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelledById" TEXT,
    "metricsCollectedAt" TIMESTAMPTZ(3),
    "lastCommentCheckAt" TIMESTAMPTZ(3),
    "nextCommentCheckAt" TIMESTAMPTZ(3),
    "commentPollStopAt" TIMESTAMPTZ(3),
    "commentCursor" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "publications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publication_attempts" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "attemptNumber" INTEGER NOT NULL,
    "status" "PublicationAttemptStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "httpStatus" INTEGER,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "retryable" BOOLEAN,
    "runId" TEXT,

    CONSTRAINT "publication_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publication_events" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "attemptId" TEXT,
    "level" "EventLevel" NOT NULL DEFAULT 'INFO',
    "status" "PublicationStatus",
    "message" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publication_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_assets" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "kind" "MediaKind" NOT NULL,
    "source" "MediaSource" NOT NULL DEFAULT 'UPLOAD',
    "status" "MediaStatus" NOT NULL DEFAULT 'READY',
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "checksumSha256" TEXT NOT NULL,
    "durationMs" INTEGER,
    "width" INTEGER,
    "height" INTEGER,
    "codec" TEXT,
    "bitrateKbps" INTEGER,
    "frameRate" DOUBLE PRECISION,
    "altText" TEXT,
    "aiPrompt" TEXT,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "media_assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_metric_snapshots" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "contentPieceId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "reach" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,
    "likes" INTEGER NOT NULL DEFAULT 0,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "shares" INTEGER NOT NULL DEFAULT 0,
    "saves" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "videoViews" INTEGER NOT NULL DEFAULT 0,
    "engagementRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "engagementScore" INTEGER NOT NULL DEFAULT 0,
    "raw" JSONB,

    CONSTRAINT "content_metric_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_signals" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "contentPieceId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "type" "ContentSignalType" NOT NULL DEFAULT 'HIGH_ENGAGEMENT',
    "status" "ContentSignalStatus" NOT NULL DEFAULT 'NEW',
    "strength" DOUBLE PRECISION NOT NULL,
    "engagementRate" DOUBLE PRECISION NOT NULL,
    "meanRate" DOUBLE PRECISION NOT NULL,
    "stdDevRate" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "aiAnalysis" TEXT,
    "aiRecommendation" TEXT,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "content_signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "socialAccountId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "contactExternalId" TEXT NOT NULL,
    "contactName" TEXT,
    "contactHandle" TEXT,
    "leadId" TEXT,
    "status" "ConversationStatus" NOT NULL DEFAULT 'OPEN',
    "assignedToId" TEXT,
    "aiEnabled" BOOLEAN NOT NULL DEFAULT true,
    "optInAt" TIMESTAMPTZ(3),
    "optOutAt" TIMESTAMPTZ(3),
    "lastMessageAt" TIMESTAMPTZ(3),
    "lastInboundAt" TIMESTAMPTZ(3),
    "windowExpiresAt" TIMESTAMPTZ(3),
    "unreadCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_messages" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "socialAccountId" TEXT NOT NULL,
    "externalId" TEXT,
    "direction" "InteractionDirection" NOT NULL,
    "author" "MessageAuthor" NOT NULL,
    "authorUserId" TEXT,
    "text" TEXT,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "status" "DeliveryStatus" NOT NULL DEFAULT 'RECEIVED',
    "triage" "TriageAction",
    "triageConfidence" DOUBLE PRECISION,
    "idempotencyKey" TEXT,
    "replyToId" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "socialAccountId" TEXT NOT NULL,
    "publicationId" TEXT,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "externalPostId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorName" TEXT,
    "authorExternalId" TEXT,
    "isOwn" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "status" "CommentStatus" NOT NULL DEFAULT 'NEW',
    "triage" "TriageAction",
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "repliedAt" TIMESTAMPTZ(3),
    "postedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_control_settings" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "changedById" TEXT,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_control_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_sources" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" "LeadSourceType" NOT NULL,
    "name" TEXT NOT NULL,
    "externalId" TEXT,
    "socialAccountId" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "sourceId" TEXT,
    "sourceType" "LeadSourceType" NOT NULL DEFAULT 'FORM',
    "sourceDetail" TEXT,
    "externalLeadId" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "emailNormalized" TEXT,
    "phone" TEXT,
    "phoneE164" TEXT,
    "company" TEXT,
    "jobTitle" TEXT,
    "companySize" TEXT,
    "budgetMinor" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "painPoints" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "urgency" "LeadUrgency",
    "country" TEXT,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "campaignId" TEXT,
    "adSetId" TEXT,
    "creativeId" TEXT,
    "contentSignalId" TEXT,
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "score" INTEGER,
    "tier" "LeadTier",
    "scoredAt" TIMESTAMPTZ(3),
    "suggestedProductId" TEXT,
    "assignedToId" TEXT,
    "gdprConsent" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" TIMESTAMPTZ(3),
    "consentSource" TEXT,
    "whatsappOptIn" BOOLEAN NOT NULL DEFAULT false,
    "whatsappOptInAt" TIMESTAMPTZ(3),
    "whatsappOptOutAt" TIMESTAMPTZ(3),
    "whatsappWindowExpiresAt" TIMESTAMPTZ(3),
    "unsubscribedAt" TIMESTAMPTZ(3),
    "firstContactedAt" TIMESTAMPTZ(3),
    "lastContactedAt" TIMESTAMPTZ(3),
    "lastInboundAt" TIMESTAMPTZ(3),
    "escalatedAt" TIMESTAMPTZ(3),
    "convertedAt" TIMESTAMPTZ(3),
    "conversionValueMinor" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_scores" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "tier" "LeadTier" NOT NULL,
    "reasoning" TEXT,
    "breakdown" JSONB NOT NULL DEFAULT '{}',
    "suggestedProductId" TEXT,
    "suggestedSequenceId" TEXT,
    "model" TEXT,
    "scoredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nurture_sequences" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "targetTier" "LeadTier",
    "status" "SequenceStatus" NOT NULL DEFAULT 'DRAFT',
    "exitOnReply" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "nurture_sequences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nurture_steps" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "delayMinutes" INTEGER NOT NULL,
    "subjectPrompt" TEXT,
    "bodyPrompt" TEXT NOT NULL,
    "whatsappTemplateName" TEXT,
    "templateLanguage" TEXT NOT NULL DEFAULT 'fr',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "nurture_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sequence_enrollments" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "nextActionAt" TIMESTAMPTZ(3),
    "runId" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sequence_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_interactions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "enrollmentId" TEXT,
    "stepId" TEXT,
    "channel" "InteractionChannel" NOT NULL,
    "direction" "InteractionDirection" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "isTemplate" BOOLEAN NOT NULL DEFAULT false,
    "templateName" TEXT,
    "providerMessageId" TEXT,
    "idempotencyKey" TEXT,
    "conversationMessageId" TEXT,
    "aiSentiment" "Sentiment",
    "aiIntent" "LeadIntent",
    "aiObjections" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "aiRecommendedAction" "RecommendedAction",
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "readAt" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_interactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "reason" "SuppressionReason" NOT NULL,
    "source" TEXT,
    "leadId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bookings" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "assignedToId" TEXT,
    "provider" "BookingProvider" NOT NULL DEFAULT 'BUILTIN',
    "externalId" TEXT,
    "status" "BookingStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposedSlots" JSONB NOT NULL DEFAULT '[]',
    "startAt" TIMESTAMPTZ(3),
    "endAt" TIMESTAMPTZ(3),
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "meetingUrl" TEXT,
    "aiBriefing" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "productId" TEXT,
    "type" "ConversionType" NOT NULL DEFAULT 'PURCHASE',
    "valueMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "externalId" TEXT NOT NULL,
    "attributionModel" TEXT NOT NULL DEFAULT 'linear',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attribution_touches" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversionId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" "TouchType" NOT NULL,
    "interactionId" TEXT,
    "campaignId" TEXT,
    "contentPieceId" TEXT,
    "publicationId" TEXT,
    "bookingId" TEXT,
    "channel" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "creditedValueMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',

    CONSTRAINT "attribution_touches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_emails" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "category" "EmailCategory" NOT NULL DEFAULT 'TRANSACTIONAL',
    "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
    "fromAddress" TEXT NOT NULL,
    "toAddresses" TEXT[],
    "replyTo" TEXT,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "idempotencyKey" TEXT NOT NULL,
    "provider" TEXT,
    "providerMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "scheduledAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "leadId" TEXT,
    "userId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_emails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "type" TEXT NOT NULL,
    "severity" "NotificationSeverity" NOT NULL DEFAULT 'INFO',
    "title" TEXT NOT NULL,
    "body" TEXT,
    "actionUrl" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_receipts" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "organizationId" TEXT,
    "eventType" TEXT,
    "signatureValid" BOOLEAN NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "rawBody" BYTEA NOT NULL,
    "status" "WebhookReceiptStatus" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_counters" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "period" "UsagePeriod" NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_functions" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "syncedAt" TIMESTAMPTZ(3) NOT NULL,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "runtime_functions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_events" (
    "id" TEXT NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "user" JSONB,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "organizationId" TEXT,
    "runIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "runtime_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_keys" (
    "key" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "runtime_runs" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "eventId" TEXT,
    "event" JSONB NOT NULL,
    "organizationId" TEXT,
    "status" "RuntimeRunStatus" NOT NULL DEFAULT 'QUEUED',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "stack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "parallel" BOOLEAN NOT NULL DEFAULT false,
    "output" JSONB,
    "error" JSONB,
    "concurrency" JSONB NOT NULL DEFAULT '[]',
    "throttleKey" TEXT,
    "rateLimitKey" TEXT,
    "idempotencyKey" TEXT,
    "parentRunId" TEXT,
    "parentStepId" TEXT,
    "rerunOfId" TEXT,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_steps" (
    "runId" TEXT NOT NULL,
    "hashedId" TEXT NOT NULL,
    "stepId" TEXT,
    "name" TEXT,
    "op" TEXT NOT NULL,
    "status" "RuntimeStepStatus" NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "error" JSONB,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,

    CONSTRAINT "runtime_steps_pkey" PRIMARY KEY ("runId","hashedId")
);

-- CreateTable
CREATE TABLE "runtime_waits" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" "RuntimeWaitKind" NOT NULL,
    "eventName" TEXT,
    "expression" TEXT,
    "hashedId" TEXT,
    "invokeRunId" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_waits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_queue" (
    "id" TEXT NOT NULL,
    "kind" "RuntimeQueueKind" NOT NULL,
    "runId" TEXT,
    "stepId" TEXT,
    "waitId" TEXT,
    "eventId" TEXT,
    "availableAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseOwner" TEXT,
    "leasedUntil" TIMESTAMPTZ(3),
    "infraRetries" INTEGER NOT NULL DEFAULT 0,
    "concurrencyKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_schedules" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_debounces" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "fireAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_debounces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenarios" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" VARCHAR(150) NOT NULL,
    "theme" VARCHAR(150) NOT NULL,
    "description" TEXT,
    "status" "ScenarioStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketing_objectives" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "label" VARCHAR(120) NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_objectives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketing_targets" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "label" VARCHAR(120) NOT NULL,
    "persona" TEXT,
    "segment" VARCHAR(120),
    "insight" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketing_resources" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" "ResourceType" NOT NULL,
    "title" VARCHAR(150) NOT NULL,
    "url" VARCHAR(255),
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_objectives" (
    "organizationId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "priority" SMALLINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_objectives_pkey" PRIMARY KEY ("scenarioId","objectiveId")
);

-- CreateTable
CREATE TABLE "scenario_targets" (
    "organizationId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "maturity" "TargetMaturity" NOT NULL DEFAULT 'AWARENESS',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_targets_pkey" PRIMARY KEY ("scenarioId","targetId")
);

-- CreateTable
CREATE TABLE "scenario_resources" (
    "organizationId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "usage" VARCHAR(120),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_resources_pkey" PRIMARY KEY ("scenarioId","resourceId")
);

-- CreateTable
CREATE TABLE "scenario_plans" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "summary" TEXT NOT NULL,
    "model" TEXT,
    "generatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_plan_rows" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "format" VARCHAR(60) NOT NULL,
    "message" TEXT NOT NULL,
    "channel" VARCHAR(60) NOT NULL,
    "frequency" VARCHAR(60) NOT NULL,
    "kpi" VARCHAR(80) NOT NULL,

    CONSTRAINT "scenario_plan_rows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistant_chats" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scenarioId" TEXT,
    "title" TEXT,
    "lastMessageAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assistant_chats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistant_messages" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "scenarioId" TEXT,
    "author" "ChatAuthor" NOT NULL,
    "content" TEXT NOT NULL,
    "action" VARCHAR(60),
    "actions" JSONB NOT NULL DEFAULT '[]',
    "raw" JSONB,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assistant_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_searches" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "query" VARCHAR(180) NOT NULL,
    "results" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_searches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "social_accounts_organizationId_status_idx" ON "social_accounts"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "social_accounts_organizationId_platform_externalId_key" ON "social_accounts"("organizationId", "platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_states_stateHash_key" ON "oauth_states"("stateHash");

-- CreateIndex
CREATE INDEX "oauth_states_organizationId_idx" ON "oauth_states"("organizationId");

-- CreateIndex
CREATE INDEX "sandbox_records_organizationId_idx" ON "sandbox_records"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_records_accountId_kind_externalId_key" ON "sandbox_records"("accountId", "kind", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ad_campaigns_launchKey_key" ON "ad_campaigns"("launchKey");

-- CreateIndex
CREATE INDEX "ad_campaigns_organizationId_status_idx" ON "ad_campaigns"("organizationId", "status");

-- CreateIndex
CREATE INDEX "ad_campaigns_status_lastOptimizedAt_idx" ON "ad_campaigns"("status", "lastOptimizedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ad_campaigns_adAccountId_externalId_key" ON "ad_campaigns"("adAccountId", "externalId");

-- CreateIndex
CREATE INDEX "ad_sets_campaignId_idx" ON "ad_sets"("campaignId");

-- CreateIndex
CREATE INDEX "ad_sets_organizationId_idx" ON "ad_sets"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ad_sets_adAccountId_externalId_key" ON "ad_sets"("adAccountId", "externalId");

-- CreateIndex
CREATE INDEX "ad_creatives_campaignId_idx" ON "ad_creatives"("campaignId");

-- CreateIndex
CREATE INDEX "ad_creatives_adSetId_idx" ON "ad_creatives"("adSetId");

-- CreateIndex
CREATE INDEX "ad_creatives_organizationId_idx" ON "ad_creatives"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ad_creatives_adAccountId_externalId_key" ON "ad_creatives"("adAccountId", "externalId");

-- CreateIndex
CREATE INDEX "ad_metrics_daily_campaignId_day_idx" ON "ad_metrics_daily"("campaignId", "day");

-- CreateIndex
CREATE INDEX "ad_metrics_daily_organizationId_day_idx" ON "ad_metrics_daily"("organizationId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ad_metrics_daily_level_entityId_day_key" ON "ad_metrics_daily"("level", "entityId", "day");

-- CreateIndex
CREATE INDEX "competitor_ads_competitorId_lastSeenAt_idx" ON "competitor_ads"("competitorId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "competitor_ads_organizationId_platform_externalId_key" ON "competitor_ads"("organizationId", "platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "optimization_decisions_idempotencyKey_key" ON "optimization_decisions"("idempotencyKey");

-- CreateIndex
CREATE INDEX "optimization_decisions_campaignId_decidedAt_idx" ON "optimization_decisions"("campaignId", "decidedAt");

-- CreateIndex
CREATE INDEX "optimization_decisions_organizationId_decidedAt_idx" ON "optimization_decisions"("organizationId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "agent_templates_slug_key" ON "agent_templates"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "agent_templates_workflowCode_key" ON "agent_templates"("workflowCode");

-- CreateIndex
CREATE INDEX "agent_templates_kind_idx" ON "agent_templates"("kind");

-- CreateIndex
CREATE INDEX "agents_organizationId_status_idx" ON "agents"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "agents_organizationId_key_key" ON "agents"("organizationId", "key");

-- CreateIndex
CREATE INDEX "agent_executions_agentId_startedAt_idx" ON "agent_executions"("agentId", "startedAt");

-- CreateIndex
CREATE INDEX "agent_executions_organizationId_status_startedAt_idx" ON "agent_executions"("organizationId", "status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "agent_executions_agentId_runId_key" ON "agent_executions"("agentId", "runId");

-- CreateIndex
CREATE INDEX "agent_logs_agentId_createdAt_idx" ON "agent_logs"("agentId", "createdAt");

-- CreateIndex
CREATE INDEX "agent_logs_executionId_idx" ON "agent_logs"("executionId");

-- CreateIndex
CREATE INDEX "agent_logs_organizationId_level_createdAt_idx" ON "agent_logs"("organizationId", "level", "createdAt");

-- CreateIndex
CREATE INDEX "agent_recommendations_organizationId_status_idx" ON "agent_recommendations"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "agent_recommendations_organizationId_dedupeKey_key" ON "agent_recommendations"("organizationId", "dedupeKey");

-- CreateIndex
CREATE INDEX "agent_messages_channel_consumedAt_createdAt_idx" ON "agent_messages"("channel", "consumedAt", "createdAt");

-- CreateIndex
CREATE INDEX "agent_messages_consumedAt_createdAt_idx" ON "agent_messages"("consumedAt", "createdAt");

-- CreateIndex
CREATE INDEX "agent_messages_organizationId_createdAt_idx" ON "agent_messages"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "agent_messages_correlationId_idx" ON "agent_messages"("correlationId");

-- CreateIndex
CREATE UNIQUE INDEX "agent_messages_eventId_consumer_key" ON "agent_messages"("eventId", "consumer");

-- CreateIndex
CREATE UNIQUE INDEX "automations_organizationId_key_key" ON "automations"("organizationId", "key");

-- CreateIndex
CREATE INDEX "triage_rules_organizationId_enabled_priority_idx" ON "triage_rules"("organizationId", "enabled", "priority");

-- CreateIndex
CREATE INDEX "triage_decisions_organizationId_action_createdAt_idx" ON "triage_decisions"("organizationId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "triage_decisions_messageId_idx" ON "triage_decisions"("messageId");

-- CreateIndex
CREATE INDEX "triage_decisions_commentId_idx" ON "triage_decisions"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "daily_analytics_organizationId_day_key" ON "daily_analytics"("organizationId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "kpi_windows_organizationId_windowStart_key" ON "kpi_windows"("organizationId", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "weekly_reports_organizationId_weekStart_key" ON "weekly_reports"("organizationId", "weekStart");

-- CreateIndex
CREATE INDEX "learning_insights_organizationId_type_status_idx" ON "learning_insights"("organizationId", "type", "status");

-- CreateIndex
CREATE INDEX "learning_insights_organizationId_createdAt_idx" ON "learning_insights"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ai_usage_ledger_idempotencyKey_key" ON "ai_usage_ledger"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ai_usage_ledger_organizationId_occurredAt_idx" ON "ai_usage_ledger"("organizationId", "occurredAt");

-- CreateIndex
CREATE INDEX "ai_usage_ledger_organizationId_agentId_occurredAt_idx" ON "ai_usage_ledger"("organizationId", "agentId", "occurredAt");

-- CreateIndex
CREATE INDEX "topic_clusters_organizationId_windowStart_idx" ON "topic_clusters"("organizationId", "windowStart");

-- CreateIndex
CREATE INDEX "topic_clusters_publicationId_idx" ON "topic_clusters"("publicationId");

-- CreateIndex
CREATE INDEX "topic_cluster_items_clusterId_idx" ON "topic_cluster_items"("clusterId");

-- CreateIndex
CREATE INDEX "topic_cluster_items_organizationId_idx" ON "topic_cluster_items"("organizationId");

-- CreateIndex
CREATE INDEX "trend_items_organizationId_createdAt_idx" ON "trend_items"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "approval_requests_idempotencyKey_key" ON "approval_requests"("idempotencyKey");

-- CreateIndex
CREATE INDEX "approval_requests_organizationId_status_createdAt_idx" ON "approval_requests"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "approval_requests_status_nextReminderAt_idx" ON "approval_requests"("status", "nextReminderAt");

-- CreateIndex
CREATE INDEX "approval_requests_contentPieceId_idx" ON "approval_requests"("contentPieceId");

-- CreateIndex
CREATE INDEX "approval_requests_adCampaignId_idx" ON "approval_requests"("adCampaignId");

-- CreateIndex
CREATE UNIQUE INDEX "approval_decisions_actionTokenId_key" ON "approval_decisions"("actionTokenId");

-- CreateIndex
CREATE INDEX "approval_decisions_requestId_createdAt_idx" ON "approval_decisions"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "approval_decisions_organizationId_createdAt_idx" ON "approval_decisions"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "approval_reminders_organizationId_idx" ON "approval_reminders"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "approval_reminders_requestId_reminderNumber_key" ON "approval_reminders"("requestId", "reminderNumber");

-- CreateIndex
CREATE UNIQUE INDEX "approval_action_tokens_tokenHash_key" ON "approval_action_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "approval_action_tokens_requestId_idx" ON "approval_action_tokens"("requestId");

-- CreateIndex
CREATE INDEX "approval_action_tokens_organizationId_idx" ON "approval_action_tokens"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "auth_accounts_userId_idx" ON "auth_accounts"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "auth_accounts_provider_providerAccountId_key" ON "auth_accounts"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "auth_sessions_sessionToken_key" ON "auth_sessions"("sessionToken");

-- CreateIndex
CREATE INDEX "auth_sessions_userId_idx" ON "auth_sessions"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "verification_tokens_token_key" ON "verification_tokens"("token");

-- CreateIndex
CREATE UNIQUE INDEX "verification_tokens_identifier_token_key" ON "verification_tokens"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE INDEX "memberships_userId_idx" ON "memberships"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_organizationId_userId_key" ON "memberships"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tokenHash_key" ON "invitations"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_organizationId_email_key" ON "invitations"("organizationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_keyHash_key" ON "api_keys"("keyHash");

-- CreateIndex
CREATE INDEX "api_keys_organizationId_idx" ON "api_keys"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "brands_organizationId_slug_key" ON "brands"("organizationId", "slug");

-- CreateIndex
CREATE INDEX "products_organizationId_brandId_idx" ON "products"("organizationId", "brandId");

-- CreateIndex
CREATE INDEX "competitors_organizationId_idx" ON "competitors"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "competitors_brandId_name_key" ON "competitors"("brandId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "content_inputs_idempotencyKey_key" ON "content_inputs"("idempotencyKey");

-- CreateIndex
CREATE INDEX "content_inputs_organizationId_createdAt_idx" ON "content_inputs"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "content_inputs_status_createdAt_idx" ON "content_inputs"("status", "createdAt");

-- CreateIndex
CREATE INDEX "content_pieces_organizationId_status_createdAt_idx" ON "content_pieces"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "content_pieces_organizationId_brandId_createdAt_idx" ON "content_pieces"("organizationId", "brandId", "createdAt");

-- CreateIndex
CREATE INDEX "content_pieces_parentId_idx" ON "content_pieces"("parentId");

-- CreateIndex
CREATE INDEX "content_pieces_inputId_idx" ON "content_pieces"("inputId");

-- CreateIndex
CREATE INDEX "content_piece_media_assetId_idx" ON "content_piece_media"("assetId");

-- CreateIndex
CREATE INDEX "content_piece_media_organizationId_idx" ON "content_piece_media"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "content_piece_media_pieceId_position_key" ON "content_piece_media"("pieceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "publications_idempotencyKey_key" ON "publications"("idempotencyKey");

-- CreateIndex
CREATE INDEX "publications_status_scheduledAt_idx" ON "publications"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "publications_status_nextAttemptAt_idx" ON "publications"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "publications_organizationId_scheduledAt_idx" ON "publications"("organizationId", "scheduledAt");

-- CreateIndex
CREATE INDEX "publications_contentPieceId_idx" ON "publications"("contentPieceId");

-- CreateIndex
CREATE INDEX "publications_status_nextCommentCheckAt_idx" ON "publications"("status", "nextCommentCheckAt");

-- CreateIndex
CREATE UNIQUE INDEX "publications_socialAccountId_platformPostId_key" ON "publications"("socialAccountId", "platformPostId");

-- CreateIndex
CREATE UNIQUE INDEX "publications_recurrenceParentId_scheduledAt_key" ON "publications"("recurrenceParentId", "scheduledAt");

-- CreateIndex
CREATE INDEX "publication_attempts_organizationId_startedAt_idx" ON "publication_attempts"("organizationId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "publication_attempts_publicationId_attemptNumber_key" ON "publication_attempts"("publicationId", "attemptNumber");

-- CreateIndex
CREATE INDEX "publication_events_publicationId_at_idx" ON "publication_events"("publicationId", "at");

-- CreateIndex
CREATE INDEX "publication_events_organizationId_at_idx" ON "publication_events"("organizationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "media_assets_storageKey_key" ON "media_assets"("storageKey");

-- CreateIndex
CREATE INDEX "media_assets_organizationId_checksumSha256_idx" ON "media_assets"("organizationId", "checksumSha256");

-- CreateIndex
CREATE INDEX "media_assets_organizationId_createdAt_idx" ON "media_assets"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "content_metric_snapshots_organizationId_capturedAt_idx" ON "content_metric_snapshots"("organizationId", "capturedAt");

-- CreateIndex
CREATE INDEX "content_metric_snapshots_contentPieceId_capturedAt_idx" ON "content_metric_snapshots"("contentPieceId", "capturedAt");

-- CreateIndex
CREATE UNIQUE INDEX "content_metric_snapshots_publicationId_capturedAt_key" ON "content_metric_snapshots"("publicationId", "capturedAt");

-- CreateIndex
CREATE INDEX "content_signals_organizationId_status_detectedAt_idx" ON "content_signals"("organizationId", "status", "detectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "content_signals_publicationId_type_key" ON "content_signals"("publicationId", "type");

-- CreateIndex
CREATE INDEX "conversations_organizationId_status_lastMessageAt_idx" ON "conversations"("organizationId", "status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "conversations_leadId_idx" ON "conversations"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_socialAccountId_externalId_key" ON "conversations"("socialAccountId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_idempotencyKey_key" ON "conversation_messages"("idempotencyKey");

-- CreateIndex
CREATE INDEX "conversation_messages_conversationId_sentAt_idx" ON "conversation_messages"("conversationId", "sentAt");

-- CreateIndex
CREATE INDEX "conversation_messages_organizationId_sentAt_idx" ON "conversation_messages"("organizationId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_socialAccountId_externalId_key" ON "conversation_messages"("socialAccountId", "externalId");

-- CreateIndex
CREATE INDEX "comments_publicationId_postedAt_idx" ON "comments"("publicationId", "postedAt");

-- CreateIndex
CREATE INDEX "comments_organizationId_status_postedAt_idx" ON "comments"("organizationId", "status", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "comments_socialAccountId_externalId_key" ON "comments"("socialAccountId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ai_control_settings_organizationId_key" ON "ai_control_settings"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "lead_sources_organizationId_type_externalId_key" ON "lead_sources"("organizationId", "type", "externalId");

-- CreateIndex
CREATE INDEX "leads_organizationId_email_idx" ON "leads"("organizationId", "email");

-- CreateIndex
CREATE INDEX "leads_organizationId_status_createdAt_idx" ON "leads"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "leads_organizationId_tier_score_idx" ON "leads"("organizationId", "tier", "score");

-- CreateIndex
CREATE UNIQUE INDEX "leads_organizationId_emailNormalized_key" ON "leads"("organizationId", "emailNormalized");

-- CreateIndex
CREATE UNIQUE INDEX "leads_organizationId_phoneE164_key" ON "leads"("organizationId", "phoneE164");

-- CreateIndex
CREATE UNIQUE INDEX "leads_organizationId_sourceType_externalLeadId_key" ON "leads"("organizationId", "sourceType", "externalLeadId");

-- CreateIndex
CREATE INDEX "lead_scores_leadId_scoredAt_idx" ON "lead_scores"("leadId", "scoredAt");

-- CreateIndex
CREATE INDEX "lead_scores_organizationId_scoredAt_idx" ON "lead_scores"("organizationId", "scoredAt");

-- CreateIndex
CREATE INDEX "nurture_sequences_organizationId_status_idx" ON "nurture_sequences"("organizationId", "status");

-- CreateIndex
CREATE INDEX "nurture_steps_organizationId_idx" ON "nurture_steps"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "nurture_steps_sequenceId_position_key" ON "nurture_steps"("sequenceId", "position");

-- CreateIndex
CREATE INDEX "sequence_enrollments_status_nextActionAt_idx" ON "sequence_enrollments"("status", "nextActionAt");

-- CreateIndex
CREATE INDEX "sequence_enrollments_organizationId_status_idx" ON "sequence_enrollments"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "sequence_enrollments_leadId_sequenceId_key" ON "sequence_enrollments"("leadId", "sequenceId");

-- CreateIndex
CREATE UNIQUE INDEX "lead_interactions_idempotencyKey_key" ON "lead_interactions"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "lead_interactions_conversationMessageId_key" ON "lead_interactions"("conversationMessageId");

-- CreateIndex
CREATE INDEX "lead_interactions_leadId_occurredAt_idx" ON "lead_interactions"("leadId", "occurredAt");

-- CreateIndex
CREATE INDEX "lead_interactions_organizationId_occurredAt_idx" ON "lead_interactions"("organizationId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "lead_interactions_channel_providerMessageId_key" ON "lead_interactions"("channel", "providerMessageId");

-- CreateIndex
CREATE INDEX "suppressions_leadId_idx" ON "suppressions"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "suppressions_organizationId_channel_address_key" ON "suppressions"("organizationId", "channel", "address");

-- CreateIndex
CREATE INDEX "bookings_organizationId_startAt_idx" ON "bookings"("organizationId", "startAt");

-- CreateIndex
CREATE INDEX "bookings_leadId_idx" ON "bookings"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_provider_externalId_key" ON "bookings"("provider", "externalId");

-- CreateIndex
CREATE INDEX "conversions_organizationId_occurredAt_idx" ON "conversions"("organizationId", "occurredAt");

-- CreateIndex
CREATE INDEX "conversions_leadId_idx" ON "conversions"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "conversions_organizationId_externalId_key" ON "conversions"("organizationId", "externalId");

-- CreateIndex
CREATE INDEX "attribution_touches_organizationId_occurredAt_idx" ON "attribution_touches"("organizationId", "occurredAt");

-- CreateIndex
CREATE INDEX "attribution_touches_campaignId_idx" ON "attribution_touches"("campaignId");

-- CreateIndex
CREATE INDEX "attribution_touches_contentPieceId_idx" ON "attribution_touches"("contentPieceId");

-- CreateIndex
CREATE UNIQUE INDEX "attribution_touches_conversionId_position_key" ON "attribution_touches"("conversionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_emails_idempotencyKey_key" ON "outbox_emails"("idempotencyKey");

-- CreateIndex
CREATE INDEX "outbox_emails_status_createdAt_idx" ON "outbox_emails"("status", "createdAt");

-- CreateIndex
CREATE INDEX "outbox_emails_organizationId_createdAt_idx" ON "outbox_emails"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_emails_provider_providerMessageId_key" ON "outbox_emails"("provider", "providerMessageId");

-- CreateIndex
CREATE INDEX "notifications_organizationId_userId_readAt_createdAt_idx" ON "notifications"("organizationId", "userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_organizationId_dedupeKey_key" ON "notifications"("organizationId", "dedupeKey");

-- CreateIndex
CREATE INDEX "webhook_receipts_status_receivedAt_idx" ON "webhook_receipts"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "webhook_receipts_organizationId_receivedAt_idx" ON "webhook_receipts"("organizationId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_receipts_provider_eventId_key" ON "webhook_receipts"("provider", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "usage_counters_organizationId_metric_period_periodStart_key" ON "usage_counters"("organizationId", "metric", "period", "periodStart");

-- CreateIndex
CREATE INDEX "runtime_events_receivedAt_idx" ON "runtime_events"("receivedAt");

-- CreateIndex
CREATE INDEX "runtime_events_organizationId_receivedAt_idx" ON "runtime_events"("organizationId", "receivedAt");

-- CreateIndex
CREATE INDEX "runtime_events_name_receivedAt_idx" ON "runtime_events"("name", "receivedAt");

-- CreateIndex
CREATE INDEX "runtime_keys_expiresAt_idx" ON "runtime_keys"("expiresAt");

-- CreateIndex
CREATE INDEX "runtime_runs_createdAt_idx" ON "runtime_runs"("createdAt");

-- CreateIndex
CREATE INDEX "runtime_runs_functionId_createdAt_idx" ON "runtime_runs"("functionId", "createdAt");

-- CreateIndex
CREATE INDEX "runtime_runs_organizationId_createdAt_idx" ON "runtime_runs"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "runtime_runs_status_createdAt_idx" ON "runtime_runs"("status", "createdAt");

-- CreateIndex
CREATE INDEX "runtime_runs_functionId_throttleKey_startedAt_idx" ON "runtime_runs"("functionId", "throttleKey", "startedAt");

-- CreateIndex
CREATE INDEX "runtime_runs_functionId_rateLimitKey_createdAt_idx" ON "runtime_runs"("functionId", "rateLimitKey", "createdAt");

-- CreateIndex
CREATE INDEX "runtime_runs_eventId_idx" ON "runtime_runs"("eventId");

-- CreateIndex
CREATE INDEX "runtime_runs_parentRunId_idx" ON "runtime_runs"("parentRunId");

-- CreateIndex
CREATE INDEX "runtime_waits_eventName_idx" ON "runtime_waits"("eventName");

-- CreateIndex
CREATE INDEX "runtime_waits_runId_idx" ON "runtime_waits"("runId");

-- CreateIndex
CREATE INDEX "runtime_waits_invokeRunId_idx" ON "runtime_waits"("invokeRunId");

-- CreateIndex
CREATE INDEX "runtime_queue_availableAt_idx" ON "runtime_queue"("availableAt");

-- CreateIndex
CREATE INDEX "runtime_queue_leasedUntil_idx" ON "runtime_queue"("leasedUntil");

-- CreateIndex
CREATE INDEX "runtime_queue_runId_idx" ON "runtime_queue"("runId");

-- CreateIndex
CREATE INDEX "runtime_queue_concurrencyKeys_idx" ON "runtime_queue" USING GIN ("concurrencyKeys");

-- CreateIndex
CREATE INDEX "runtime_schedules_nextAt_idx" ON "runtime_schedules"("nextAt");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_schedules_functionId_cron_key" ON "runtime_schedules"("functionId", "cron");

-- CreateIndex
CREATE INDEX "runtime_debounces_fireAt_idx" ON "runtime_debounces"("fireAt");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_debounces_functionId_key_key" ON "runtime_debounces"("functionId", "key");

-- CreateIndex
CREATE INDEX "scenarios_organizationId_theme_idx" ON "scenarios"("organizationId", "theme");

-- CreateIndex
CREATE INDEX "scenarios_organizationId_updatedAt_idx" ON "scenarios"("organizationId", "updatedAt");

-- CreateIndex
CREATE INDEX "marketing_objectives_organizationId_idx" ON "marketing_objectives"("organizationId");

-- CreateIndex
CREATE INDEX "marketing_targets_organizationId_idx" ON "marketing_targets"("organizationId");

-- CreateIndex
CREATE INDEX "marketing_resources_organizationId_idx" ON "marketing_resources"("organizationId");

-- CreateIndex
CREATE INDEX "scenario_objectives_objectiveId_idx" ON "scenario_objectives"("objectiveId");

-- CreateIndex
CREATE INDEX "scenario_objectives_organizationId_idx" ON "scenario_objectives"("organizationId");

-- CreateIndex
CREATE INDEX "scenario_targets_targetId_idx" ON "scenario_targets"("targetId");

-- CreateIndex
CREATE INDEX "scenario_targets_organizationId_idx" ON "scenario_targets"("organizationId");

-- CreateIndex
CREATE INDEX "scenario_resources_resourceId_idx" ON "scenario_resources"("resourceId");

-- CreateIndex
CREATE INDEX "scenario_resources_organizationId_idx" ON "scenario_resources"("organizationId");

-- CreateIndex
CREATE INDEX "scenario_plans_organizationId_idx" ON "scenario_plans"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "scenario_plans_scenarioId_version_key" ON "scenario_plans"("scenarioId", "version");

-- CreateIndex
CREATE INDEX "scenario_plan_rows_organizationId_idx" ON "scenario_plan_rows"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "scenario_plan_rows_planId_position_key" ON "scenario_plan_rows"("planId", "position");

-- CreateIndex
CREATE INDEX "assistant_chats_organizationId_userId_lastMessageAt_idx" ON "assistant_chats"("organizationId", "userId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "assistant_chats_expiresAt_idx" ON "assistant_chats"("expiresAt");

-- CreateIndex
CREATE INDEX "assistant_messages_chatId_createdAt_idx" ON "assistant_messages"("chatId", "createdAt");

-- CreateIndex
CREATE INDEX "assistant_messages_scenarioId_createdAt_idx" ON "assistant_messages"("scenarioId", "createdAt");

-- CreateIndex
CREATE INDEX "assistant_messages_expiresAt_idx" ON "assistant_messages"("expiresAt");

-- CreateIndex
CREATE INDEX "scenario_searches_scenarioId_createdAt_idx" ON "scenario_searches"("scenarioId", "createdAt");

-- CreateIndex
CREATE INDEX "scenario_searches_organizationId_idx" ON "scenario_searches"("organizationId");

-- AddForeignKey
ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sandbox_records" ADD CONSTRAINT "sandbox_records_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_adAccountId_fkey" FOREIGN KEY ("adAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_contentSignalId_fkey" FOREIGN KEY ("contentSignalId") REFERENCES "content_signals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_campaigns" ADD CONSTRAINT "ad_campaigns_sourceContentPieceId_fkey" FOREIGN KEY ("sourceContentPieceId") REFERENCES "content_pieces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_sets" ADD CONSTRAINT "ad_sets_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_sets" ADD CONSTRAINT "ad_sets_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_sets" ADD CONSTRAINT "ad_sets_adAccountId_fkey" FOREIGN KEY ("adAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_adSetId_fkey" FOREIGN KEY ("adSetId") REFERENCES "ad_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_adAccountId_fkey" FOREIGN KEY ("adAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_mediaAssetId_fkey" FOREIGN KEY ("mediaAssetId") REFERENCES "media_assets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_creatives" ADD CONSTRAINT "ad_creatives_sourceContentPieceId_fkey" FOREIGN KEY ("sourceContentPieceId") REFERENCES "content_pieces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_metrics_daily" ADD CONSTRAINT "ad_metrics_daily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_metrics_daily" ADD CONSTRAINT "ad_metrics_daily_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_metrics_daily" ADD CONSTRAINT "ad_metrics_daily_adSetId_fkey" FOREIGN KEY ("adSetId") REFERENCES "ad_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_metrics_daily" ADD CONSTRAINT "ad_metrics_daily_creativeId_fkey" FOREIGN KEY ("creativeId") REFERENCES "ad_creatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competitor_ads" ADD CONSTRAINT "competitor_ads_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competitor_ads" ADD CONSTRAINT "competitor_ads_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competitor_ads" ADD CONSTRAINT "competitor_ads_competitorId_fkey" FOREIGN KEY ("competitorId") REFERENCES "competitors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_decisions" ADD CONSTRAINT "optimization_decisions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_decisions" ADD CONSTRAINT "optimization_decisions_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_decisions" ADD CONSTRAINT "optimization_decisions_adSetId_fkey" FOREIGN KEY ("adSetId") REFERENCES "ad_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_decisions" ADD CONSTRAINT "optimization_decisions_creativeId_fkey" FOREIGN KEY ("creativeId") REFERENCES "ad_creatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "agent_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_executions" ADD CONSTRAINT "agent_executions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_executions" ADD CONSTRAINT "agent_executions_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_logs" ADD CONSTRAINT "agent_logs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_logs" ADD CONSTRAINT "agent_logs_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_logs" ADD CONSTRAINT "agent_logs_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "agent_executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "agent_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_messages" ADD CONSTRAINT "agent_messages_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "automations" ADD CONSTRAINT "automations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_rules" ADD CONSTRAINT "triage_rules_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_decisions" ADD CONSTRAINT "triage_decisions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_decisions" ADD CONSTRAINT "triage_decisions_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "conversation_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_decisions" ADD CONSTRAINT "triage_decisions_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triage_decisions" ADD CONSTRAINT "triage_decisions_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "triage_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_analytics" ADD CONSTRAINT "daily_analytics_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpi_windows" ADD CONSTRAINT "kpi_windows_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learning_insights" ADD CONSTRAINT "learning_insights_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learning_insights" ADD CONSTRAINT "learning_insights_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learning_insights" ADD CONSTRAINT "learning_insights_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "learning_insights"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_usage_ledger" ADD CONSTRAINT "ai_usage_ledger_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_usage_ledger" ADD CONSTRAINT "ai_usage_ledger_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_usage_ledger" ADD CONSTRAINT "ai_usage_ledger_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "agent_executions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_clusters" ADD CONSTRAINT "topic_clusters_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_clusters" ADD CONSTRAINT "topic_clusters_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_cluster_items" ADD CONSTRAINT "topic_cluster_items_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_cluster_items" ADD CONSTRAINT "topic_cluster_items_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "topic_clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_cluster_items" ADD CONSTRAINT "topic_cluster_items_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "conversation_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_cluster_items" ADD CONSTRAINT "topic_cluster_items_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trend_items" ADD CONSTRAINT "trend_items_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_adCampaignId_fkey" FOREIGN KEY ("adCampaignId") REFERENCES "ad_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_actionTokenId_fkey" FOREIGN KEY ("actionTokenId") REFERENCES "approval_action_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_reminders" ADD CONSTRAINT "approval_reminders_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_reminders" ADD CONSTRAINT "approval_reminders_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_action_tokens" ADD CONSTRAINT "approval_action_tokens_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_action_tokens" ADD CONSTRAINT "approval_action_tokens_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_accounts" ADD CONSTRAINT "auth_accounts_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brands" ADD CONSTRAINT "brands_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_inputs" ADD CONSTRAINT "content_inputs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_inputs" ADD CONSTRAINT "content_inputs_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_inputs" ADD CONSTRAINT "content_inputs_mediaAssetId_fkey" FOREIGN KEY ("mediaAssetId") REFERENCES "media_assets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_pieces" ADD CONSTRAINT "content_pieces_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_pieces" ADD CONSTRAINT "content_pieces_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_pieces" ADD CONSTRAINT "content_pieces_inputId_fkey" FOREIGN KEY ("inputId") REFERENCES "content_inputs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_pieces" ADD CONSTRAINT "content_pieces_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_piece_media" ADD CONSTRAINT "content_piece_media_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_piece_media" ADD CONSTRAINT "content_piece_media_pieceId_fkey" FOREIGN KEY ("pieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_piece_media" ADD CONSTRAINT "content_piece_media_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "media_assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_socialAccountId_fkey" FOREIGN KEY ("socialAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_recurrenceParentId_fkey" FOREIGN KEY ("recurrenceParentId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_attempts" ADD CONSTRAINT "publication_attempts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_attempts" ADD CONSTRAINT "publication_attempts_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_events" ADD CONSTRAINT "publication_events_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_events" ADD CONSTRAINT "publication_events_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_events" ADD CONSTRAINT "publication_events_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "publication_attempts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_metric_snapshots" ADD CONSTRAINT "content_metric_snapshots_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_metric_snapshots" ADD CONSTRAINT "content_metric_snapshots_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_metric_snapshots" ADD CONSTRAINT "content_metric_snapshots_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_signals" ADD CONSTRAINT "content_signals_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_signals" ADD CONSTRAINT "content_signals_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_signals" ADD CONSTRAINT "content_signals_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_signals" ADD CONSTRAINT "content_signals_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_socialAccountId_fkey" FOREIGN KEY ("socialAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_socialAccountId_fkey" FOREIGN KEY ("socialAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "conversation_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_socialAccountId_fkey" FOREIGN KEY ("socialAccountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_control_settings" ADD CONSTRAINT "ai_control_settings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sources" ADD CONSTRAINT "lead_sources_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sources" ADD CONSTRAINT "lead_sources_socialAccountId_fkey" FOREIGN KEY ("socialAccountId") REFERENCES "social_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "lead_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_adSetId_fkey" FOREIGN KEY ("adSetId") REFERENCES "ad_sets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_creativeId_fkey" FOREIGN KEY ("creativeId") REFERENCES "ad_creatives"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_contentSignalId_fkey" FOREIGN KEY ("contentSignalId") REFERENCES "content_signals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_suggestedProductId_fkey" FOREIGN KEY ("suggestedProductId") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_suggestedProductId_fkey" FOREIGN KEY ("suggestedProductId") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_suggestedSequenceId_fkey" FOREIGN KEY ("suggestedSequenceId") REFERENCES "nurture_sequences"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nurture_sequences" ADD CONSTRAINT "nurture_sequences_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nurture_sequences" ADD CONSTRAINT "nurture_sequences_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nurture_steps" ADD CONSTRAINT "nurture_steps_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nurture_steps" ADD CONSTRAINT "nurture_steps_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "nurture_sequences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "nurture_sequences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_interactions" ADD CONSTRAINT "lead_interactions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_interactions" ADD CONSTRAINT "lead_interactions_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_interactions" ADD CONSTRAINT "lead_interactions_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "sequence_enrollments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_interactions" ADD CONSTRAINT "lead_interactions_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "nurture_steps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_interactions" ADD CONSTRAINT "lead_interactions_conversationMessageId_fkey" FOREIGN KEY ("conversationMessageId") REFERENCES "conversation_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_productId_fkey" FOREIGN KEY ("productId") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_conversionId_fkey" FOREIGN KEY ("conversionId") REFERENCES "conversions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "lead_interactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ad_campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "publications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "bookings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_receipts" ADD CONSTRAINT "webhook_receipts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_steps" ADD CONSTRAINT "runtime_steps_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runtime_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketing_objectives" ADD CONSTRAINT "marketing_objectives_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketing_targets" ADD CONSTRAINT "marketing_targets_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketing_resources" ADD CONSTRAINT "marketing_resources_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_objectives" ADD CONSTRAINT "scenario_objectives_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_objectives" ADD CONSTRAINT "scenario_objectives_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_objectives" ADD CONSTRAINT "scenario_objectives_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "marketing_objectives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_targets" ADD CONSTRAINT "scenario_targets_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_targets" ADD CONSTRAINT "scenario_targets_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_targets" ADD CONSTRAINT "scenario_targets_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "marketing_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_resources" ADD CONSTRAINT "scenario_resources_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_resources" ADD CONSTRAINT "scenario_resources_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_resources" ADD CONSTRAINT "scenario_resources_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "marketing_resources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_plans" ADD CONSTRAINT "scenario_plans_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_plans" ADD CONSTRAINT "scenario_plans_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_plan_rows" ADD CONSTRAINT "scenario_plan_rows_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_plan_rows" ADD CONSTRAINT "scenario_plan_rows_planId_fkey" FOREIGN KEY ("planId") REFERENCES "scenario_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_chats" ADD CONSTRAINT "assistant_chats_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_chats" ADD CONSTRAINT "assistant_chats_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "assistant_chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_searches" ADD CONSTRAINT "scenario_searches_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_searches" ADD CONSTRAINT "scenario_searches_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

