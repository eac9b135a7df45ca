import { recordCodeSchema } from '../../../../shared/lists'
import { getFund } from '../../../services/lists/funds'

export default defineEventHandler(async (event) => {
  const code = validParam(event, 'code', recordCodeSchema)
  const { prisma } = await useDb()
  const fund = await getFund(prisma, code)
  if (!fund) throw apiError(404, 'FUND_NOT_FOUND', `没有编码为 ${code} 的专项资金`)
  return fund
})
