import { scorecardWeightsSchema } from '../../../shared/oversight'
import { setScorecardWeights } from '../../services/oversight/scorecards'

export default defineEventHandler(async (event) => {
  const { db, actor, requestId } = await requireContext(event, 'scorecard:write')
  const weights = await validBody(event, scorecardWeightsSchema)
  return setScorecardWeights(db, actor, weights, requestId)
})
