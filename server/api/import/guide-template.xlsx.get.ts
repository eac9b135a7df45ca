import { z } from 'zod'
import { guideTemplateDownload } from '../../services/import/guide-sheets'

/** The empty guide workbook: the sheets 办事指南 and 申请材料, and 填写说明. */
export default defineEventHandler(async (event) => {
  await requireActor(event, 'draft:import')
  validQuery(event, z.object({}).strict())
  return sendDownload(event, await guideTemplateDownload())
})
