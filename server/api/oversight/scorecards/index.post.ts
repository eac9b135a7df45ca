import { scorecardInputSchema } from '../../../../shared/oversight'
import { takeScorecard } from '../../../services/oversight/scorecards'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'scorecard:write')
  const { period } = await validBody(event, scorecardInputSchema)
  const scorecard = await takeScorecard(db, actor, period, requestId)
  setResponseStatus(event, 201)
  return scorecard
})
