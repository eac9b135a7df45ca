import { idParamSchema } from '../../../../../shared/workspace'
import { scorecardWorkbook } from '../../../../services/oversight/scorecards'

export default defineEventHandler(async (event) => {
  const { db, actor } = await requireContext(event, 'oversight:read')
  const id = validParam(event, 'id', idParamSchema)
  const { fileName, body } = await scorecardWorkbook(db, id, departmentScope(actor, 'oversight:read'))
  return sendDownload(event, { fileName, asciiFileName: `scorecard-${id}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body })
})
