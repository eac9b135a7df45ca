-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "hmac" TEXT;
