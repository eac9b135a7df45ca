import { exportFilterSchemas } from '../../../shared/open-data'
import { guideMaterialsDownload } from '../../services/open-data/downloads'

/** The 申请材料 of the published guides, one row per material keyed by item code, filtered like the power list. */
export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  const filters = validQuery(event, exportFilterSchemas.power)
  return sendDownload(event, await guideMaterialsDownload(db, filters))
})
