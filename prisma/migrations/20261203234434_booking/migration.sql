-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "briefing" JSONB,
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN     "confirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "durationMinutes" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "invitedAt" TIMESTAMPTZ(3),
ADD COLUMN     "leadTimezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
ADD COLUMN     "moreSlots" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "previousStartAt" TIMESTAMPTZ(3),
ADD COLUMN     "proposalKey" TEXT,
ADD COLUMN     "reason" TEXT NOT NULL DEFAULT 'hot',
ADD COLUMN     "slotKey" TEXT;

-- CreateTable
CREATE TABLE "working_hours" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "days" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "startMinute" INTEGER NOT NULL DEFAULT 540,
    "endMinute" INTEGER NOT NULL DEFAULT 1080,
    "timezone" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "working_hours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_settings" (
    "organizationId" TEXT NOT NULL,
    "calApiKeyEnc" TEXT,
    "calEventTypeId" INTEGER,
    "calWebhookSecretEnc" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_settings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "cal_webhook_deliveries" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "triggerEvent" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "bookingId" TEXT,
    "outcome" TEXT,

    CONSTRAINT "cal_webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "working_hours_organizationId_userId_key" ON "working_hours"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "cal_webhook_deliveries_organizationId_bodySha256_key" ON "cal_webhook_deliveries"("organizationId", "bodySha256");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_proposalKey_key" ON "bookings"("proposalKey");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_slotKey_key" ON "bookings"("slotKey");

-- AddForeignKey
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cal_webhook_deliveries" ADD CONSTRAINT "cal_webhook_deliveries_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

