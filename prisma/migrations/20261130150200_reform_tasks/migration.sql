-- AlterEnum
ALTER TYPE "EntityType" ADD VALUE 'REFORM_TASK';

-- CreateTable
CREATE TABLE "ReformTask" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "sourceDocument" TEXT NOT NULL,
    "leadDepartmentId" INTEGER NOT NULL,
    "cooperatingDepartmentIds" INTEGER[],
    "deadline" DATE NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReformTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReformMilestone" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ReformMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReformProgressReport" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "links" TEXT[],
    "milestoneDone" BOOLEAN NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReformProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReformTaskVersion" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReformTaskVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReformTask_leadDepartmentId_idx" ON "ReformTask"("leadDepartmentId");

-- CreateIndex
CREATE INDEX "ReformMilestone_taskId_idx" ON "ReformMilestone"("taskId");

-- CreateIndex
CREATE INDEX "ReformProgressReport_taskId_idx" ON "ReformProgressReport"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ReformTaskVersion_taskId_revision_key" ON "ReformTaskVersion"("taskId", "revision");

-- AddForeignKey
ALTER TABLE "ReformTask" ADD CONSTRAINT "ReformTask_leadDepartmentId_fkey" FOREIGN KEY ("leadDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformMilestone" ADD CONSTRAINT "ReformMilestone_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformProgressReport" ADD CONSTRAINT "ReformProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReformTaskVersion" ADD CONSTRAINT "ReformTaskVersion_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReformTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
