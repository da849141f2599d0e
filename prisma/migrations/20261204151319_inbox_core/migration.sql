-- AlterEnum
ALTER TYPE "ConversationStatus" ADD VALUE 'PENDING';

-- AlterTable
ALTER TABLE "brands" ADD COLUMN     "faq" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "triage" "TriageAction";

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "conversationId" TEXT;

-- CreateTable
CREATE TABLE "inbox_notes" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_replies" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_replies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbox_notes_conversationId_createdAt_idx" ON "inbox_notes"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "saved_replies_organizationId_title_idx" ON "saved_replies"("organizationId", "title");

-- CreateIndex
CREATE INDEX "conversations_organizationId_lastMessageAt_id_idx" ON "conversations"("organizationId", "lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "comments_conversationId_postedAt_idx" ON "comments"("conversationId", "postedAt");

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

