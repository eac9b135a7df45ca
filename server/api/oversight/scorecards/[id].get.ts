import { idParamSchema } from '../../../../shared/workspace'
import { getScorecard } from '../../../services/oversight/scorecards'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'oversight:read')
  const id = validParam(event, 'id', idParamSchema)
  return getScorecard(db, id, departmentScope(actor, 'oversight:read'))
})
