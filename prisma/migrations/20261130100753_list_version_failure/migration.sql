-- AlterTable
ALTER TABLE "ListVersion" ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "failedChangeRequestId" INTEGER,
ADD COLUMN     "failure" TEXT;
