-- AlterTable
ALTER TABLE "Duty" ADD COLUMN     "status" "ItemStatus" NOT NULL DEFAULT 'IN_FORCE';
