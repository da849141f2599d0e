-- CreateSchema
-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('LINKEDIN', 'FACEBOOK', 'INSTAGRAM', 'TIKTOK', 'X', 'WHATSAPP', 'META_ADS', 'GOOGLE_ADS', 'TIKTOK_ADS');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'RECONNECT_REQUIRED', 'ERROR', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'PRO', 'BUSINESS');

-- CreateEnum
CREATE TYPE "RuntimeRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RuntimeStepStatus" AS ENUM ('PLANNED', 'WAITING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "RuntimeWaitKind" AS ENUM ('EVENT', 'CANCEL', 'INVOKE');

-- CreateEnum
CREATE TYPE "RuntimeQueueKind" AS ENUM ('CALL', 'TIMER', 'WAIT_TIMEOUT', 'EVENT');

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

-- AddForeignKey
ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sandbox_records" ADD CONSTRAINT "sandbox_records_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

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
ALTER TABLE "runtime_steps" ADD CONSTRAINT "runtime_steps_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runtime_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

