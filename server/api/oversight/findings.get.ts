import { findingsQuerySchema } from '../../../shared/oversight'
import { findingsReport } from '../../services/oversight/findings'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'oversight:read')
  const query = validQuery(event, findingsQuerySchema)
  return findingsReport(db, departmentScope(actor, 'oversight:read'), query)
})
