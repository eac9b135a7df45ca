-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "workday" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);
