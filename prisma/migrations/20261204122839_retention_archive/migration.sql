-- CreateTable
CREATE TABLE "archive_files" (
    "id" TEXT NOT NULL,
    "tableName" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "fromCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "toCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restoredAt" TIMESTAMPTZ(3),

    CONSTRAINT "archive_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "archive_files_key_key" ON "archive_files"("key");

-- CreateIndex
CREATE INDEX "archive_files_tableName_fromCreatedAt_idx" ON "archive_files"("tableName", "fromCreatedAt");

-- CreateIndex
CREATE INDEX "agent_messages_createdAt_idx" ON "agent_messages"("createdAt");

-- CreateIndex
CREATE INDEX "live_events_createdAt_idx" ON "live_events"("createdAt");

