-- A continuing fund keeps one identity across its years (seriesCode, one entry a year). Funds
-- published before stand alone: null, their own code is their identity, so nothing is linked that
-- no one linked.
ALTER TABLE "SpecialFund" ADD COLUMN "seriesCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SpecialFund_seriesCode_year_key" ON "SpecialFund"("seriesCode", "year");
