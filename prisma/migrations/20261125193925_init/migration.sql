-- CreateEnum
CREATE TYPE "AdminLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('EDITOR', 'REFORM_OFFICE', 'AUDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('LICENSING', 'PENALTY', 'COERCION', 'LEVY', 'BENEFIT', 'INSPECTION', 'CONFIRMATION', 'REWARD', 'ADJUDICATION', 'OTHER_POWER', 'PUBLIC_SERVICE');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('IN_FORCE', 'DELEGATED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DutyKind" AS ENUM ('DEPARTMENT_DUTY', 'POWER_DUTY', 'SUPERVISION');

-- CreateEnum
CREATE TYPE "AllocationMethod" AS ENUM ('FACTOR', 'PROJECT');

-- CreateEnum
CREATE TYPE "EntityType" AS ENUM ('POWER_ITEM', 'DUTY', 'DUTY_BOUNDARY', 'SPECIAL_FUND', 'DEPARTMENT', 'USER', 'SYNONYM', 'LIST_VERSION', 'CHANGE_REQUEST', 'SETTING');

-- CreateEnum
CREATE TYPE "ChangeAction" AS ENUM ('ADD', 'UPDATE', 'RETAIN', 'DELEGATE', 'CANCEL', 'ADJUST', 'MERGE');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ListVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "OutboxOperation" AS ENUM ('UPSERT', 'DELETE');

-- CreateEnum
CREATE TYPE "SynonymKind" AS ENUM ('SYNONYM', 'COLLOQUIAL');

-- CreateTable
CREATE TABLE "Department" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "level" "AdminLevel" NOT NULL DEFAULT 'COUNTY',
    "areaCode" TEXT NOT NULL,
    "parentId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "departmentId" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerItem" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "type" "ItemType" NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "groupName" TEXT,
    "legalBasis" TEXT,
    "level" "AdminLevel" NOT NULL DEFAULT 'COUNTY',
    "timeLimit" TEXT,
    "fees" TEXT,
    "contact" TEXT,
    "sourceUrl" TEXT,
    "status" "ItemStatus" NOT NULL DEFAULT 'IN_FORCE',
    "delegatedToLevel" "AdminLevel",
    "delegatedToDepartmentId" INTEGER,
    "mergedIntoId" INTEGER,
    "statusDocumentNo" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "hasDemoContent" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PowerItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Duty" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "DutyKind" NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "powerItemId" INTEGER,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "basis" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Duty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountabilityCase" (
    "id" SERIAL NOT NULL,
    "dutyId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "content" TEXT NOT NULL,
    "basis" TEXT,

    CONSTRAINT "AccountabilityCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyBoundary" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "basis" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DutyBoundary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyBoundaryDepartment" (
    "boundaryId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "responsibility" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DutyBoundaryDepartment_pkey" PRIMARY KEY ("boundaryId","departmentId")
);

-- CreateTable
CREATE TABLE "SpecialFund" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "allocationMethod" "AllocationMethod" NOT NULL,
    "performanceTargets" TEXT NOT NULL,
    "periodStart" INTEGER NOT NULL,
    "periodEnd" INTEGER NOT NULL,
    "howToApply" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'IN_FORCE',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpecialFund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundAllocation" (
    "id" SERIAL NOT NULL,
    "fundId" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "project" TEXT,
    "publishedOn" DATE NOT NULL,

    CONSTRAINT "FundAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" SERIAL NOT NULL,
    "entityType" "EntityType" NOT NULL,
    "entityId" INTEGER,
    "action" "ChangeAction" NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "baseRevision" INTEGER,
    "reason" TEXT,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" SERIAL NOT NULL,
    "changeRequestId" INTEGER NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "action" "ChangeAction",
    "delegateToLevel" "AdminLevel",
    "delegateToDepartmentId" INTEGER,
    "mergeIntoItemId" INTEGER,
    "documentNo" TEXT,
    "effectiveDate" DATE,
    "comment" TEXT,
    "decidedById" INTEGER NOT NULL,
    "listVersionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListVersion" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "documentNo" TEXT,
    "effectiveDate" DATE NOT NULL,
    "status" "ListVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Announcement" (
    "id" SERIAL NOT NULL,
    "listVersionId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordVersion" (
    "id" SERIAL NOT NULL,
    "entityType" "EntityType" NOT NULL,
    "entityId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3),
    "action" "ChangeAction" NOT NULL,
    "documentNo" TEXT,
    "listVersionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorName" TEXT NOT NULL,
    "role" "Role",
    "departmentId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" "EntityType",
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "documentNo" TEXT,
    "requestId" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "entityType" "EntityType" NOT NULL,
    "entityId" INTEGER NOT NULL,
    "operation" "OutboxOperation" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Synonym" (
    "id" SERIAL NOT NULL,
    "term" TEXT NOT NULL,
    "targets" TEXT[],
    "kind" "SynonymKind" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Synonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "Department_parentId_idx" ON "Department"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_departmentId_idx" ON "User"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "PowerItem_code_key" ON "PowerItem"("code");

-- CreateIndex
CREATE INDEX "PowerItem_departmentId_idx" ON "PowerItem"("departmentId");

-- CreateIndex
CREATE INDEX "PowerItem_type_idx" ON "PowerItem"("type");

-- CreateIndex
CREATE INDEX "PowerItem_status_idx" ON "PowerItem"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Duty_code_key" ON "Duty"("code");

-- CreateIndex
CREATE INDEX "Duty_departmentId_idx" ON "Duty"("departmentId");

-- CreateIndex
CREATE INDEX "Duty_powerItemId_idx" ON "Duty"("powerItemId");

-- CreateIndex
CREATE INDEX "AccountabilityCase_dutyId_idx" ON "AccountabilityCase"("dutyId");

-- CreateIndex
CREATE UNIQUE INDEX "DutyBoundary_code_key" ON "DutyBoundary"("code");

-- CreateIndex
CREATE INDEX "DutyBoundaryDepartment_departmentId_idx" ON "DutyBoundaryDepartment"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "SpecialFund_code_key" ON "SpecialFund"("code");

-- CreateIndex
CREATE INDEX "SpecialFund_departmentId_idx" ON "SpecialFund"("departmentId");

-- CreateIndex
CREATE INDEX "SpecialFund_year_idx" ON "SpecialFund"("year");

-- CreateIndex
CREATE INDEX "FundAllocation_fundId_idx" ON "FundAllocation"("fundId");

-- CreateIndex
CREATE INDEX "ChangeRequest_departmentId_status_idx" ON "ChangeRequest"("departmentId", "status");

-- CreateIndex
CREATE INDEX "ChangeRequest_status_idx" ON "ChangeRequest"("status");

-- CreateIndex
CREATE INDEX "ChangeRequest_entityType_entityId_idx" ON "ChangeRequest"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "Decision_changeRequestId_idx" ON "Decision"("changeRequestId");

-- CreateIndex
CREATE INDEX "Decision_listVersionId_idx" ON "Decision"("listVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "ListVersion_year_batch_key" ON "ListVersion"("year", "batch");

-- CreateIndex
CREATE UNIQUE INDEX "Announcement_listVersionId_key" ON "Announcement"("listVersionId");

-- CreateIndex
CREATE INDEX "RecordVersion_entityType_validFrom_idx" ON "RecordVersion"("entityType", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RecordVersion_entityType_entityId_revision_key" ON "RecordVersion"("entityType", "entityId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_idx" ON "AuditEntry"("actorId");

-- CreateIndex
CREATE INDEX "AuditEntry_departmentId_idx" ON "AuditEntry"("departmentId");

-- CreateIndex
CREATE INDEX "SearchOutbox_processedAt_nextAttemptAt_idx" ON "SearchOutbox"("processedAt", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Synonym_term_key" ON "Synonym"("term");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerItem" ADD CONSTRAINT "PowerItem_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerItem" ADD CONSTRAINT "PowerItem_delegatedToDepartmentId_fkey" FOREIGN KEY ("delegatedToDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerItem" ADD CONSTRAINT "PowerItem_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "PowerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Duty" ADD CONSTRAINT "Duty_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Duty" ADD CONSTRAINT "Duty_powerItemId_fkey" FOREIGN KEY ("powerItemId") REFERENCES "PowerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountabilityCase" ADD CONSTRAINT "AccountabilityCase_dutyId_fkey" FOREIGN KEY ("dutyId") REFERENCES "Duty"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyBoundaryDepartment" ADD CONSTRAINT "DutyBoundaryDepartment_boundaryId_fkey" FOREIGN KEY ("boundaryId") REFERENCES "DutyBoundary"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyBoundaryDepartment" ADD CONSTRAINT "DutyBoundaryDepartment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialFund" ADD CONSTRAINT "SpecialFund_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundAllocation" ADD CONSTRAINT "FundAllocation_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "SpecialFund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_listVersionId_fkey" FOREIGN KEY ("listVersionId") REFERENCES "ListVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_listVersionId_fkey" FOREIGN KEY ("listVersionId") REFERENCES "ListVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
