import { openDataCatalogue } from '../../services/open-data/downloads'

export default defineEventHandler(async (event) => {
  const { db } = await publicContext(event)
  return openDataCatalogue(db)
})
