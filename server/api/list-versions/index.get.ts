import { listVersions } from '../../services/workflow/queries'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'version:publish')
  return listVersions(db)
})
