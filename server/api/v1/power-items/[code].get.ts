import { itemCodeSchema } from '../../../../shared/items'
import { getPublishedPowerItem } from '../../../services/lists/power-items'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const code = validParam(event, 'code', itemCodeSchema)
  const item = await getPublishedPowerItem(db, code)
  if (!item) throw apiError(404, 'ITEM_NOT_FOUND', `没有编码为 ${code} 的事项`)
  return item
})
