-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "publicReason" TEXT;

-- AlterTable
ALTER TABLE "RecordVersion" ADD COLUMN     "reason" TEXT;
