-- CreateIndex
CREATE INDEX "SearchOutbox_createdAt_idx" ON "SearchOutbox"("createdAt");
