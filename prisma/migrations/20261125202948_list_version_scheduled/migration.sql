-- AlterEnum
ALTER TYPE "ListVersionStatus" ADD VALUE 'SCHEDULED';
