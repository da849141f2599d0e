-- CreateIndex
CREATE INDEX "runtime_queue_unkeyed_claim_idx" ON "runtime_queue"("concurrencyKeys", "availableAt");

-- CreateIndex
CREATE INDEX "runtime_queue_blocked_createdAt_idx" ON "runtime_queue"("blocked", "createdAt");

