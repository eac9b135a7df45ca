-- AlterEnum
ALTER TYPE "EntityType" ADD VALUE 'POPULAR_TERM';
ALTER TYPE "EntityType" ADD VALUE 'SERVICE_REFERRAL';

-- CreateEnum
CREATE TYPE "PopularTermStatus" AS ENUM ('APPROVED', 'BLOCKED');

-- CreateEnum
CREATE TYPE "ReferralLevel" AS ENUM ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'OTHER');

-- CreateTable
CREATE TABLE "SearchQueryStat" (
    "day" DATE NOT NULL,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zeroResults" INTEGER NOT NULL DEFAULT 0,
    "opened" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchQueryStat_pkey" PRIMARY KEY ("day","query")
);

-- The earlier counts (queries that found something, by last day searched) carry over.
INSERT INTO "SearchQueryStat" ("day", "query", "searches")
SELECT "lastSearchedAt"::date, "term", "count" FROM "SearchTermStat";

-- DropTable
DROP TABLE "SearchTermStat";

-- CreateTable
CREATE TABLE "PopularTerm" (
    "id" SERIAL NOT NULL,
    "term" TEXT NOT NULL,
    "status" "PopularTermStatus" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PopularTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceReferral" (
    "id" SERIAL NOT NULL,
    "keywords" TEXT[],
    "title" TEXT NOT NULL,
    "handledBy" TEXT NOT NULL,
    "level" "ReferralLevel" NOT NULL,
    "note" TEXT NOT NULL,
    "url" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceReferral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchQueryStat_day_idx" ON "SearchQueryStat"("day");

-- CreateIndex
CREATE UNIQUE INDEX "PopularTerm_term_key" ON "PopularTerm"("term");
