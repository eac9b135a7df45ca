import { listScorecards, scorecardWeights } from '../../../services/oversight/scorecards'

export default defineEventHandler(async (event) => {
  const { db } = await requireContext(event, 'oversight:read')
  return { weights: await scorecardWeights(db), scorecards: await listScorecards(db) }
})
