-- CreateIndex
CREATE INDEX "approval_requests_queue_idx" ON "approval_requests"("organizationId", "status", "priority" DESC, "createdAt", "id");

