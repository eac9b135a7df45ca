import { recordCodeSchema } from '../../../../shared/lists'
import { getFund } from '../../../services/lists/funds'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const code = validParam(event, 'code', recordCodeSchema)
  const fund = await getFund(db, code)
  if (!fund) throw apiError(404, 'FUND_NOT_FOUND', `没有编码为 ${code} 的专项资金`)
  return fund
})
