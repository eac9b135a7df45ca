-- CreateEnum
CREATE TYPE "OnlineLevel" AS ENUM ('FULLY_ONLINE', 'PRE_CHECK', 'INFO_ONLY');

-- CreateEnum
CREATE TYPE "MaterialSource" AS ENUM ('SELF', 'DEPARTMENT', 'SHARED');

-- CreateEnum
CREATE TYPE "MaterialForm" AS ENUM ('PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC');

-- CreateEnum
CREATE TYPE "LifeEventAudience" AS ENUM ('PERSON', 'ENTERPRISE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EntityType" ADD VALUE 'SERVICE_GUIDE';
ALTER TYPE "EntityType" ADD VALUE 'SERVICE_HALL';
ALTER TYPE "EntityType" ADD VALUE 'LIFE_EVENT';

-- CreateTable
CREATE TABLE "ServiceHall" (
    "id" SERIAL NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "window" TEXT,
    "hours" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "mapUrl" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceHall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceGuide" (
    "powerItemId" INTEGER NOT NULL,
    "conditions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "steps" JSONB NOT NULL DEFAULT '[]',
    "legalTimeLimitDays" INTEGER,
    "promisedTimeLimitDays" INTEGER,
    "feeFree" BOOLEAN,
    "feeStandard" TEXT,
    "feeBasis" TEXT,
    "visits" INTEGER,
    "onlineLevel" "OnlineLevel",
    "onlineUrl" TEXT,
    "consultPhone" TEXT,
    "complaintPhone" TEXT,
    "resultName" TEXT,
    "faqs" JSONB NOT NULL DEFAULT '[]',
    "legalBasis" JSONB NOT NULL DEFAULT '[]',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceGuide_pkey" PRIMARY KEY ("powerItemId")
);

-- CreateTable
CREATE TABLE "GuideMaterial" (
    "id" SERIAL NOT NULL,
    "guideId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "requiredWhen" TEXT,
    "originalCount" INTEGER NOT NULL DEFAULT 0,
    "copyCount" INTEGER NOT NULL DEFAULT 0,
    "form" "MaterialForm" NOT NULL DEFAULT 'PAPER',
    "source" "MaterialSource" NOT NULL DEFAULT 'SELF',
    "issuedBy" TEXT,
    "sampleUrl" TEXT,
    "note" TEXT,

    CONSTRAINT "GuideMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuideLocation" (
    "guideId" INTEGER NOT NULL,
    "hallId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GuideLocation_pkey" PRIMARY KEY ("guideId","hallId")
);

-- CreateTable
CREATE TABLE "LifeEvent" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "audience" "LifeEventAudience" NOT NULL,
    "summary" TEXT NOT NULL,
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "ItemStatus" NOT NULL DEFAULT 'IN_FORCE',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LifeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LifeEventStep" (
    "id" SERIAL NOT NULL,
    "lifeEventId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "LifeEventStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LifeEventStepItem" (
    "stepId" INTEGER NOT NULL,
    "powerItemId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LifeEventStepItem_pkey" PRIMARY KEY ("stepId","powerItemId")
);

-- CreateIndex
CREATE INDEX "ServiceHall_departmentId_idx" ON "ServiceHall"("departmentId");

-- CreateIndex
CREATE INDEX "GuideMaterial_guideId_idx" ON "GuideMaterial"("guideId");

-- CreateIndex
CREATE INDEX "GuideMaterial_name_idx" ON "GuideMaterial"("name");

-- CreateIndex
CREATE INDEX "GuideLocation_hallId_idx" ON "GuideLocation"("hallId");

-- CreateIndex
CREATE UNIQUE INDEX "LifeEvent_slug_key" ON "LifeEvent"("slug");

-- CreateIndex
CREATE INDEX "LifeEventStep_lifeEventId_idx" ON "LifeEventStep"("lifeEventId");

-- CreateIndex
CREATE INDEX "LifeEventStepItem_powerItemId_idx" ON "LifeEventStepItem"("powerItemId");

-- AddForeignKey
ALTER TABLE "ServiceHall" ADD CONSTRAINT "ServiceHall_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceGuide" ADD CONSTRAINT "ServiceGuide_powerItemId_fkey" FOREIGN KEY ("powerItemId") REFERENCES "PowerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuideMaterial" ADD CONSTRAINT "GuideMaterial_guideId_fkey" FOREIGN KEY ("guideId") REFERENCES "ServiceGuide"("powerItemId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuideLocation" ADD CONSTRAINT "GuideLocation_guideId_fkey" FOREIGN KEY ("guideId") REFERENCES "ServiceGuide"("powerItemId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuideLocation" ADD CONSTRAINT "GuideLocation_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "ServiceHall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifeEventStep" ADD CONSTRAINT "LifeEventStep_lifeEventId_fkey" FOREIGN KEY ("lifeEventId") REFERENCES "LifeEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifeEventStepItem" ADD CONSTRAINT "LifeEventStepItem_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "LifeEventStep"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifeEventStepItem" ADD CONSTRAINT "LifeEventStepItem_powerItemId_fkey" FOREIGN KEY ("powerItemId") REFERENCES "PowerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
